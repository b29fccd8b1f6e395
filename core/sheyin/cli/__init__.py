"""The ``sheyin`` command.

Exit status: 0 success (no error findings), 1 findings of severity error,
2 the input or the command is wrong. Errors never show a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import Any

import click
from attrs import frozen

from sheyin.app import Sheyin
from sheyin.cli.params import LANG
from sheyin.config import Config, config_lang, load_config
from sheyin.echo import clean, shown
from sheyin.errors import SheyinError, os_reason
from sheyin.i18n import Lang, parse_lang
from sheyin.origin import Origin, Setting
from sheyin.schemas import SchemaStore

EXIT_INPUT = 2


@frozen
class Session:
    """What every command gets: the application object, the language, the workspace settings."""

    app: Sheyin
    lang: Lang
    config: Config

    def t(self, zh: str, en: str) -> str:
        """Pick the text for the session's language."""
        return zh if self.lang == "zh" else en

    def profile_name(self, given: str | None) -> str | None:
        """--profile, else SHEYIN_PROFILE / sheyin.toml (a snapshot's own key is not looked at)."""
        if given is not None:
            return given
        return self.config.profile.value if self.config.profile is not None else None

    def profile_option(self, given: str | None, name: str = "--profile") -> Setting[str] | None:
        """The value of a profile option, remembering the option it came from."""
        return None if given is None else Setting(given, Origin.option(name))

    def profile_argument(self, given: str, name: str = "PROFILE") -> Setting[str]:
        """A profile named by a positional argument, remembering which one."""
        return Setting(given, Origin.argument(name))

    def profile_fallbacks(self) -> tuple[Setting[str] | None, ...]:
        """``SHEYIN_PROFILE`` and sheyin.toml, in that order (after an option and a snapshot)."""
        return (self.config.from_env("SHEYIN_PROFILE"), self.config.from_file("profile"))

    def echo(self, zh: str, en: str, *, err: bool = False) -> None:
        """Print a message in the session's language, escaped by :func:`sheyin.echo.clean`."""
        click.echo(clean(self.t(zh, en)), err=err)


class SheyinGroup(click.Group):
    """Turns sheyin's own errors into a message and exit status 2."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the options common to every command; a bad value (--lang xx) is exit 2."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except SheyinError as exc:
            lang = parse_lang(os.environ.get("SHEYIN_LANG")) or "zh"
            click.echo(clean(exc.render(lang)), err=True)
            sys.exit(EXIT_INPUT)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SheyinError as exc:
            lang = _lang_of(ctx)
            click.echo(clean(exc.render(lang)), err=True)
            ctx.exit(EXIT_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except OSError as exc:  # writing the output failed (disk full, /dev/full, closed pipe)
            _output_failed(exc, _lang_of(ctx))
            ctx.exit(EXIT_INPUT)
        except Exception as exc:  # last resort, never a traceback; SHEYIN_DEBUG=1 shows one
            if os.environ.get("SHEYIN_DEBUG"):
                raise
            lang = _lang_of(ctx)
            what = shown(f"{type(exc).__name__}: {exc}", limit=300)
            message = (
                f"sheyin 内部错误：{what}（设置 SHEYIN_DEBUG=1 可查看详情，请报告此问题）"
                if lang == "zh"
                else f"sheyin internal error: {what} (set SHEYIN_DEBUG=1 for details; please report it)"
            )
            click.echo(message, err=True)
            ctx.exit(EXIT_INPUT)


def _output_failed(exc: OSError, lang: Lang) -> None:
    """Say that output could not be written, and keep Python's final flush from failing again."""
    target = shown(exc.filename) if exc.filename else None
    reason = os_reason(exc).render(lang)
    if lang == "zh":
        message = f"无法写入{target or '标准输出'}：{reason}"
    else:
        message = f"cannot write to {target or 'standard output'}: {reason}"
    if exc.filename is None:
        _silence_stdout()
    if exc.errno == errno.EPIPE:  # the reader went away (| head): nothing to tell anyone
        return
    with contextlib.suppress(OSError):
        click.echo(message, err=True)


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests capture output)
        pass


def _lang_of(ctx: click.Context) -> Lang:
    session = ctx.obj
    if isinstance(session, Session):
        return session.lang
    return parse_lang(ctx.params.get("lang")) or parse_lang(os.environ.get("SHEYIN_LANG")) or "zh"


@click.group(cls=SheyinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=LANG, help="Language of messages: zh (default) or en.")
@click.version_option(package_name="sheyin")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """社银 sheyin: check government-bank cooperation on social insurance against regional rules."""
    config = load_config(Path.cwd(), SchemaStore())
    ctx.obj = Session(
        app=Sheyin(
            disabled_plugins=config.disabled_plugins,
            parameters=config.parameters,
            parameters_source=str(config.path or "sheyin.toml"),
        ),
        lang=config_lang(config, lang),
        config=config,
    )


def main() -> None:
    """Console-script entry point."""
    from sheyin.cli import (  # noqa: F401 - registers commands
        audit,
        catalogue,
        check,
        compare,
        demo,
        due,
        export,
        form,
        importing,
        init,
        profiles,
        record,
        registry,
        serve,
        vocabulary,
    )

    lang = parse_lang(os.environ.get("SHEYIN_LANG")) or "zh"
    try:
        cli.main(prog_name="sheyin", standalone_mode=True)
    except SheyinError as exc:  # raised while reading the configuration, before a command runs
        click.echo(clean(exc.render(lang)), err=True)
        sys.exit(EXIT_INPUT)
    except SystemExit as done:  # click always ends with SystemExit in standalone mode
        _flush_or_fail(lang)
        raise done


def _flush_or_fail(lang: Lang) -> None:
    """Flush standard output now, so a full disk is an exit-2 message, not a shutdown error."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader went away: nothing to tell anyone
            _silence_stdout()
            sys.exit(EXIT_INPUT)
        _output_failed(exc, lang)
        sys.exit(EXIT_INPUT)

"""The ``sheyin`` command.

Exit status: 0 success (no error findings), 1 findings of severity error,
2 the input or the command is wrong. Errors never show a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from attrs import frozen

from sheyin.app import Sheyin
from sheyin.config import Config, load_config
from sheyin.errors import SheyinError
from sheyin.i18n import Lang, as_lang
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
        """--profile, else SHEYIN_PROFILE / sheyin.toml."""
        return given or self.config.profile


class SheyinGroup(click.Group):
    """Turns sheyin's own errors into a message and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SheyinError as exc:
            lang = _lang_of(ctx)
            click.echo(exc.render(lang), err=True)
            ctx.exit(EXIT_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:  # never a traceback; SHEYIN_DEBUG=1 shows one for developers
            if os.environ.get("SHEYIN_DEBUG"):
                raise
            lang = _lang_of(ctx)
            message = (
                f"sheyin 内部错误：{type(exc).__name__}: {exc}（设置 SHEYIN_DEBUG=1 可查看详情，请报告此问题）"
                if lang == "zh"
                else f"sheyin internal error: {type(exc).__name__}: {exc} (set SHEYIN_DEBUG=1 for details; please report it)"
            )
            click.echo(message, err=True)
            ctx.exit(EXIT_INPUT)


def _lang_of(ctx: click.Context) -> Lang:
    session = ctx.obj
    if isinstance(session, Session):
        return session.lang
    return as_lang(ctx.params.get("lang") or os.environ.get("SHEYIN_LANG"))


@click.group(cls=SheyinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang", type=click.Choice(["zh", "zh-CN", "en"]), help="Language of messages (default zh)."
)
@click.version_option(package_name="sheyin")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """社银 sheyin: check government-bank cooperation on social insurance against regional rules."""
    config = load_config(Path.cwd(), SchemaStore())
    ctx.obj = Session(
        app=Sheyin(disabled_plugins=config.disabled_plugins),
        lang=as_lang(lang or config.lang),
        config=config,
    )


def main() -> None:
    """Console-script entry point."""
    from sheyin.cli import (  # noqa: F401 - registers commands
        catalogue,
        check,
        compare,
        demo,
        due,
        form,
        init,
        profiles,
        vocabulary,
    )

    try:
        cli.main(prog_name="sheyin", standalone_mode=True)
    except SheyinError as exc:  # raised while reading the configuration, before a command runs
        click.echo(exc.render(as_lang(os.environ.get("SHEYIN_LANG"))), err=True)
        sys.exit(EXIT_INPUT)

"""The ``sheyin`` command.

Exit status: 0 success (no error findings), 1 findings of severity error,
2 the input or the command is wrong. Errors never show a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from gettext import gettext
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
from attrs import frozen

from sheyin.cli.helptext import LocalCommand, LocalGroup, command_rows, option
from sheyin.cli.language import ARGS_KEY, command_line_lang, lang_of
from sheyin.cli.params import LANG
from sheyin.echo import clean, shown
from sheyin.engine.collection import imports_kept
from sheyin.errors import SheyinError, os_reason
from sheyin.i18n import Lang
from sheyin.launch import Remembered, own_folder
from sheyin.origin import Origin, Setting

if TYPE_CHECKING:
    from sheyin.app import Sheyin
    from sheyin.config import Config

EXIT_INPUT = 2


@frozen
class CommandEntry:
    """A top-level command as ``sheyin --help`` lists it, without importing its module."""

    name: str
    modules: tuple[str, ...]  # the modules that define the command and its subcommands
    help: str  # the first paragraph of the command's help, as its docstring words it
    help_zh: str  # the first paragraph of its Chinese help (``help_zh=``)


# Every top-level command. A command's module is imported only when that command runs
# (its imports reach the registry, the renderer, the server...); `sheyin --help` reads
# the help from here. tests/core/test_startup.py keeps this table equal to the commands.
COMMANDS = (
    CommandEntry(
        "audit",
        ("sheyin.cli.audit",),
        "The audit log: read it, export it, verify it, take a checkpoint.",
        "审计日志：查阅、导出、验证，或生成检查点。",
    ),
    CommandEntry(
        "catalogue",
        ("sheyin.cli.catalogue",),
        "Show the service guidance catalogue of a profile, or with --compare, several side by side.",
        "显示某一规范的服务事项指导目录；加 --compare 时并列对照多个规范的目录。",
    ),
    CommandEntry(
        "check",
        ("sheyin.cli.check",),
        "Check SNAPSHOT (TOML or JSON; - reads standard input) against a profile, or the "
        "workspace's registry when no SNAPSHOT is given.",
        "按规范核查快照 SNAPSHOT（TOML 或 JSON；- 表示从标准输入读取）；未给出 SNAPSHOT 时核查工作区的登记簿。",
    ),
    CommandEntry(
        "demo",
        ("sheyin.cli.demo",),
        "init → import a region's example → record a new outlet's lifecycle (one step refused) "
        "→ check → what falls due this week → a form rendered to print → audit verify → a "
        "tampered copy that verify catches.",
        "完整演示：init → 导入某地区的示例 → 记录一个新网点的生命周期（其中一步被拒绝）→ check → 本周到期的事项 → 生成可打印的表单 → audit verify → 被篡改的副本被 verify 查出。",
    ),
    CommandEntry(
        "due",
        ("sheyin.cli.due",),
        "List what falls due in SNAPSHOT (TOML or JSON; - reads standard input), or in the "
        "workspace's registry when no SNAPSHOT is given: overdue first, then by date.",
        "列出快照 SNAPSHOT（TOML 或 JSON；- 表示从标准输入读取）中到期的事项；未给出 SNAPSHOT 时列出工作区登记簿中的事项：已逾期的在前，其余按日期排列。",
    ),
    CommandEntry(
        "export",
        ("sheyin.cli.export",),
        "Write the registry's state as a snapshot (TOML or JSON); numbers masked unless --unmasked.",
        "将登记簿的状态导出为快照（TOML 或 JSON）；除非加 --unmasked，号码一律脱敏显示。",
    ),
    CommandEntry(
        "form",
        ("sheyin.cli.form",),
        "Forms of a profile: fill one (JSON), render it to print, show its schema, validate data.",
        "规范的表单：填写（JSON）、生成可打印的文件、显示其数据的 JSON Schema、校验数据。",
    ),
    CommandEntry(
        "import",
        ("sheyin.cli.importing",),
        "Add or update records from snapshots (TOML/JSON) or spreadsheets (.xlsx/.xls/.ods/.csv).",
        "从快照（TOML/JSON）或电子表格（.xlsx/.xls/.ods/.csv）新增或更新记录。",
    ),
    CommandEntry(
        "init",
        ("sheyin.cli.init",),
        "Write sheyin.toml in the current directory, selecting a profile, and create its registry.",
        "在当前目录写入 sheyin.toml 以选定规范，并创建其登记簿。",
    ),
    CommandEntry(
        "profile",
        ("sheyin.cli.profiles", "sheyin.cli.compare"),
        "Show a profile, its coverage of its source documents, or compare profiles.",
        "显示规范及其对来源文件的覆盖情况，或比较多个规范。",
    ),
    CommandEntry(
        "profiles",
        ("sheyin.cli.profiles",),
        "List installed profiles, the distribution each came from, and whether each loads.",
        "列出已安装的规范、各自来自哪个发行包，以及能否加载。",
    ),
    CommandEntry(
        "record",
        ("sheyin.cli.record",),
        "Append one event; a step the profile forbids is refused (exit 1) unless --despite.",
        "追加一个事件；规范不允许的步骤将被拒绝（退出状态 1），除非加 --despite。",
    ),
    CommandEntry(
        "registry", ("sheyin.cli.registry",), "The registry database itself.", "登记簿数据库本身。"
    ),
    CommandEntry(
        "serve",
        ("sheyin.cli.serve",),
        "Serve the HTTP API (OpenAPI document at /openapi.json, description at /docs).",
        "提供 HTTP API 服务（OpenAPI 文档位于 /openapi.json，说明页位于 /docs）。",
    ),
    CommandEntry(
        "vocabulary",
        ("sheyin.cli.vocabulary",),
        "List terms: id, Chinese and English names, accepted aliases, and the profile or plugin "
        "that added each.",
        "列出术语：标识、中文名与英文名、可接受的别名，以及添加该术语的规范或插件。",
    ),
)


@frozen
class Session:
    """What every command gets: the application object, the language, the workspace settings."""

    app: Sheyin
    lang: Lang
    config: Config
    remembered: Remembered | None = None  # where this command's output is kept (sheyin.launch)

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


class SheyinGroup(LocalGroup):
    """Turns sheyin's own errors and click's usage errors into a message in the user's
    language and exit status 2, and imports a command's module only when that command is
    asked for (:data:`COMMANDS`)."""

    group_class = LocalGroup  # the groups inside (audit, form...) are not lazy tables

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.table = {entry.name: entry for entry in COMMANDS}

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, from the table and any added directly, by name."""
        return sorted({*self.table, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, importing the modules that define it on first use."""
        entry = self.table.get(cmd_name)
        if entry is not None and not all(m in sys.modules for m in entry.modules):
            with imports_kept():  # kept till the process ends: no collection need walk them
                for module in entry.modules:  # each registers its commands on ``cli``
                    import_module(module)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, but an unknown name first loads every command, so that click's
        "did you mean" suggestions see them all."""
        if args and args[0] not in self.table and args[0] not in self.commands:
            for name in self.table:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def get_help(self, ctx: click.Context) -> str:
        """The help as click formats it; ``sheyin --help`` printed to something other than a
        terminal (whose width may change) is remembered (:mod:`sheyin.launch`)."""
        text = super().get_help(ctx)
        remembered = ctx.obj
        if isinstance(remembered, Remembered) and not sys.stdout.isatty():
            remembered.remember([own_folder()], f"{text}\n", "")
        return text

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``sheyin --help``, from the table: no command module is imported."""
        shown_commands: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:  # not imported: a stand-in carrying the help from the table
                entry = self.table[name]
                command = LocalCommand(name, help=entry.help, help_zh=entry.help_zh)
            if not command.hidden:
                shown_commands.append((name, command))
        rows = command_rows(shown_commands, formatter, lang_of(ctx))
        if rows:
            with formatter.section(gettext("Commands")):  # the heading click itself uses
                formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Keep the command line, from which the language of a usage error or of a help
        page is decided before the workspace is read (:mod:`sheyin.cli.language`)."""
        ctx.meta[ARGS_KEY] = tuple(args)
        return super().parse_args(ctx, args)

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
            click.echo(clean(exc.render(command_line_lang(args))), err=True)
            sys.exit(EXIT_INPUT)
        except click.ClickException as exc:  # sheyin --bogus, --lang without a value...
            from sheyin.cli.usage import usage_text  # only an error needs it

            ctx = exc.ctx if isinstance(exc, click.UsageError) else None
            lang = lang_of(ctx) if ctx is not None else command_line_lang(args)
            click.echo(usage_text(exc, lang), err=True)
            sys.exit(exc.exit_code)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SheyinError as exc:
            lang = lang_of(ctx)
            click.echo(clean(exc.render(lang)), err=True)
            ctx.exit(EXIT_INPUT)
        except click.ClickException as exc:  # a usage error: click's, or a command's own
            from sheyin.cli.usage import usage_text

            click.echo(usage_text(exc, lang_of(ctx)), err=True)
            ctx.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt, EOFError) as exc:  # Ctrl-C: said as click would
            if not isinstance(exc, click.Abort):
                click.echo(err=True)  # the line break that closes the terminal's ^C
            click.echo("已中止。" if lang_of(ctx) == "zh" else gettext("Aborted!"), err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, SystemExit):
            raise
        except OSError as exc:  # writing the output failed (disk full, /dev/full, closed pipe)
            _output_failed(exc, lang_of(ctx))
            ctx.exit(EXIT_INPUT)
        except Exception as exc:  # last resort, never a traceback; SHEYIN_DEBUG=1 shows one
            if os.environ.get("SHEYIN_DEBUG"):
                raise
            lang = lang_of(ctx)
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


def output_failed(exc: OSError, argv: list[str]) -> NoReturn:
    """Exit 2 after saying that output could not be written (in the language the command
    line decides: ``--lang``, ``SHEYIN_LANG``, sheyin.toml), as a command that fails to print does."""
    _output_failed(exc, command_line_lang(argv))
    sys.exit(EXIT_INPUT)


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests capture output)
        pass


def _print_version(ctx: click.Context, param: click.Parameter, given: bool) -> None:
    """``--version``: the version of sheyin, in the command line's language."""
    if not given or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    number = version("sheyin")
    click.echo(
        f"{ctx.find_root().info_name} 版本 {number}"
        if lang_of(ctx) == "zh"
        else f"{ctx.find_root().info_name}, version {number}"
    )
    ctx.exit()


@click.group(
    cls=SheyinGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help_zh="社银 sheyin：对照各地区的规定，核查社会保险政银合作（社银合作）。",
)
@option(
    "--lang",
    type=LANG,
    help="Language of messages: zh (default) or en (else SHEYIN_LANG, else lang in sheyin.toml).",
    help_zh="提示信息的语言：zh（默认）或 en（未给出时依次看 SHEYIN_LANG、sheyin.toml 的 lang）。",
)
@option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
    help_zh="显示版本号并退出。",
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """社银 sheyin: check government-bank cooperation on social insurance against regional rules."""
    from sheyin.app import Sheyin
    from sheyin.config import config_lang, load_config
    from sheyin.plugin.discovery import remembered_entry_points
    from sheyin.plugin.manager import ENTRY_POINT_GROUP, installed_entry_points
    from sheyin.profile.cache import ProfileCache
    from sheyin.schemas import SchemaStore

    remembered = ctx.obj if isinstance(ctx.obj, Remembered) else None
    cache = ProfileCache.from_environment()
    config = load_config(Path.cwd(), SchemaStore(), cache=cache)
    ctx.obj = Session(
        app=Sheyin(
            disabled_plugins=config.disabled_plugins,
            entry_points=(
                installed_entry_points
                if cache is None
                else remembered_entry_points(cache, ENTRY_POINT_GROUP, installed_entry_points)
            ),
            parameters=config.parameters,
            parameters_source=str(config.path or "sheyin.toml"),
            profile_cache=cache,
        ),
        lang=config_lang(config, lang),
        config=config,
        remembered=remembered,
    )


def main(remembered: Remembered | None = None) -> None:
    """Run the command; ``remembered`` keeps its output when it is one :mod:`sheyin.launch`
    remembers (the console script starts there)."""
    lang = command_line_lang(sys.argv[1:])
    try:
        cli.main(prog_name="sheyin", standalone_mode=True, obj=remembered)
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

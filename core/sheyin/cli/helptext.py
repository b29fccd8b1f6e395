"""Help pages in the user's language.

Every command and option carries its help twice, side by side where it is declared:
English in ``help=`` (or the command's docstring), Chinese in ``help_zh=``::

    @cli.command("check", help_zh="……")
    @option("--as-of", type=DATE, help="Date ...", help_zh="核查所依据的日期……")

The classes here pick one when the help is formatted, in the language of the
command line (:func:`sheyin.cli.language.lang_of`); click's own words on a help page
(``Usage:``, ``Options:``, ``Show this message and exit.``, ``[default: …]``, the
names of value types) are translated through :data:`CLICK_ZH`, keyed by click's own
message catalogue. Chinese is wrapped by display width (a Chinese character takes
two columns). English pages are click's, unchanged.
"""

from __future__ import annotations

import copy
import inspect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from gettext import gettext
from typing import Any, TypeVar

import click

from sheyin.cli.language import lang_of
from sheyin.i18n import Lang

F = TypeVar("F", bound=Callable[..., Any])

# click's own words on help pages (its gettext message ids), in Chinese.
CLICK_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
}
OPTIONS_METAVAR_ZH = "[选项]"
SUBCOMMAND_METAVAR_ZH = "命令 [参数]..."
# The names click gives value types (the metavar of an option without its own), in Chinese.
TYPE_NAMES_ZH = {
    "text": "文本",
    "integer": "整数",
    "integer range": "整数",
    "float": "数值",
    "float range": "数值",
    "boolean": "布尔值",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "filename": "文件名",
    "uuid": "UUID",
}


def click_zh(message: str) -> str | None:
    """A message of click's (as its catalogue words it now) in Chinese, if known."""
    for msgid, chinese in CLICK_ZH.items():
        if gettext(msgid) == message:
            return chinese
    return None


def help_in(english: str | None, chinese: str | None, lang: Lang) -> str | None:
    """The help for ``lang``: the Chinese one when there is one, else the English (or
    click's own words in Chinese)."""
    if lang == "en":
        return english
    if chinese:
        return chinese
    return click_zh(english) if english else None


# --- display width ------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for wide (East Asian) characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『“‘([{")


# Chinese quotation marks are not wide characters (their width is "ambiguous"), but a
# line may break beside them as beside one: ”“ between two quotations is two marks.
_QUOTES = frozenset("“”‘’")


def _tokens(text: str) -> list[str]:
    """Words, single wide characters, quotation marks and single spaces: the places a line
    may break."""
    tokens: list[str] = []
    word = ""
    for ch in " ".join(text.split()):
        if ch == " " or ch in _QUOTES or unicodedata.east_asian_width(ch) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _break_at(line: list[str], token: str) -> int:
    """Where to break ``line`` before ``token``: before the word that marks which may not
    start a line follow (a run of them, such as ）。, goes with it), and before marks that
    may not end one (at the end, when nothing would be left on the line)."""
    cut = len(line)
    while cut and line[cut - 1] == " ":
        cut -= 1
    head = token  # what the next line would start with
    while cut and head[0] in _NO_LINE_START:
        cut -= 1
        head = line[cut]
    while cut and (line[cut - 1] == " " or line[cut - 1][-1] in _NO_LINE_END):
        cut -= 1
    return cut if "".join(line[:cut]).strip() else len(line)


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """One paragraph wrapped to ``width`` columns, breaking between wide characters and
    at spaces; punctuation never starts a line, an opening bracket never ends one."""
    lines: list[str] = []
    indent = initial_indent
    line: list[str] = []
    for token in _tokens(text):
        if token == " ":
            if line and line[-1] != " ":
                line.append(" ")
            continue
        used = display_width(indent) + display_width("".join(line))
        if not "".join(line).strip() or used + display_width(token) <= width:
            line.append(token)
            continue
        cut = _break_at(line, token)
        lines.append((indent + "".join(line[:cut])).rstrip())
        indent = subsequent_indent
        line = [*line[cut:], token]
        while line and line[0] == " ":
            line.pop(0)
    lines.append((indent + "".join(line)).rstrip())
    return "\n".join(lines)


def _join_lines(paragraph: str) -> str:
    """Lines of one paragraph as one: no space between two Chinese characters."""
    result = ""
    for raw in paragraph.splitlines():
        line = raw.strip()
        if not line:
            continue
        if result and not (
            unicodedata.east_asian_width(result[-1]) in "WF"
            and unicodedata.east_asian_width(line[0]) in "WF"
        ):
            result += " "
        result += line
    return result


def wrap_paragraphs(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped paragraph by paragraph (paragraphs are separated by blank lines)."""
    paragraphs = [_join_lines(p) for p in inspect.cleandoc(text).split("\n\n")]
    return "\n\n".join(wrap(p, width, indent, indent) for p in paragraphs if p)


def short_help(text: str, limit: int) -> str:
    """The first sentence of a Chinese help, cut to ``limit`` columns (as click shortens)."""
    first = _join_lines(inspect.cleandoc(text).split("\n\n")[0])
    end = first.find("。")
    if end != -1:
        first = first[:end]
    if display_width(first) <= limit:
        return first
    cut = ""
    for token in _tokens(first):  # whole words and single Chinese characters
        if display_width(cut + token) > limit - 3:
            break
        cut += token
    return cut.rstrip(" ，、；：") + "..."


# --- formatting ---------------------------------------------------------------------------------


class LocalFormatter(click.HelpFormatter):
    """click's formatter, with click's words and the wrapping of Chinese in ``lang``."""

    def __init__(
        self,
        lang: Lang,
        indent_increment: int = 2,
        width: int | None = None,
        max_width: int | None = None,
    ) -> None:
        super().__init__(indent_increment, width, max_width)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if self.lang == "zh" and prefix is None:
            prefix = CLICK_ZH["Usage:"]
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if self.lang == "en":
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{click_zh(heading) or heading}：\n")

    def write_text(self, text: str) -> None:
        if self.lang == "en":
            super().write_text(text)
            return
        self.write(wrap_paragraphs(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        if self.lang == "en":
            super().write_dl(rows, col_max, col_spacing)
            return
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n")
                self.write(" " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 10)
            lines = wrap_paragraphs(second, text_width).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


class LocalContext(click.Context):
    """A context whose help pages and usage lines are in the command line's language."""

    def make_formatter(self) -> click.HelpFormatter:
        return LocalFormatter(
            lang_of(self), width=self.terminal_width, max_width=self.max_content_width
        )


# --- commands and options -----------------------------------------------------------------------


class LocalOption(click.Option):
    """An option with its help in Chinese too (``help_zh=``)."""

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = inspect.cleandoc(help_zh) if help_zh else None


def option(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """:func:`click.option` for an option whose help is given in both languages
    (``help=`` English, ``help_zh=`` Chinese)."""
    return click.option(*param_decls, cls=LocalOption, **attrs)


def format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` among ``choices``, the first being the default."""
    return option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
        help_zh="输出格式。",
    )


def json_flag() -> Callable[[F], F]:
    """``--json``, short for ``--format json``."""
    return option(
        "--json",
        "as_json",
        is_flag=True,
        help="Same as --format json.",
        help_zh="等同于 --format json。",
    )


def _type_name_zh(param: click.Parameter, ctx: click.Context) -> str | None:
    """The Chinese name of an option's value type, for its metavar (TEXT → 文本)."""
    if param.metavar is not None or isinstance(param.type, click.Choice):
        return None
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return None
    name = TYPE_NAMES_ZH.get(str(param.type.name).lower())
    if name is None:
        return None
    return name


def option_record(param: click.Parameter, ctx: click.Context, lang: Lang) -> tuple[str, str] | None:
    """An option's line on a help page, in ``lang``."""
    if lang == "en" or not isinstance(param, click.Option):
        return param.get_help_record(ctx)
    if param.hidden:
        return None
    shown = copy.copy(param)
    shown.help = None
    metavar = _type_name_zh(param, ctx)
    if metavar is not None:
        shown.metavar = metavar
    spec = shown.get_help_record(ctx)
    if spec is None:
        return None
    text = help_in(param.help, getattr(param, "help_zh", None), lang) or ""
    extra: dict[str, Any] = dict(param.get_help_extra(ctx))
    items = []
    if "envvars" in extra:
        items.append(CLICK_ZH["env var: {var}"].format(var=", ".join(extra["envvars"])))
    if "default" in extra:
        default = click_zh(str(extra["default"])) or extra["default"]
        items.append(CLICK_ZH["default: {default}"].format(default=default))
    if "range" in extra:
        items.append(str(extra["range"]))
    if "required" in extra:
        items.append(CLICK_ZH["required"])
    if items:
        brackets = f"[{'；'.join(items)}]"
        text = f"{text}  {brackets}" if text else brackets
    return spec[0], text


class Localized(click.Command):
    """What commands and groups share: their help (``help_zh=``), options, usage line
    and context in the command line's language."""

    context_class = LocalContext

    def __init__(self, *args: Any, help_zh: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_zh = help_zh

    def help_for(self, lang: Lang) -> str | None:
        """The help of this command in ``lang`` (English when it has no Chinese)."""
        return help_in(self.help, self.help_zh, lang)

    def short_help_for(self, lang: Lang, limit: int) -> str:
        """The one-line help a command list shows, in ``lang``."""
        if lang == "zh" and self.help_zh and not self.short_help:
            return short_help(self.help_zh, limit)
        return self.get_short_help_str(limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = lang_of(ctx)
        if lang == "en" or not self.help_zh:
            super().format_help_text(ctx, formatter)
            return
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(inspect.cleandoc(self.help_zh).partition("\f")[0])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = lang_of(ctx)
        if lang == "en":  # click's page as it is (a group's lists its commands here)
            super().format_options(ctx, formatter)
            return
        rows = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (record := option_record(param, ctx, lang)) is not None
        ]
        if rows:
            with formatter.section(gettext("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if lang_of(ctx) == "en":
            return pieces
        zh = {self.options_metavar: OPTIONS_METAVAR_ZH}
        subcommand = getattr(self, "subcommand_metavar", None)
        if subcommand:
            zh[subcommand] = SUBCOMMAND_METAVAR_ZH
        return [zh.get(piece, piece) for piece in pieces]


class LocalCommand(Localized):
    """A command whose help is in the command line's language."""


def command_rows(
    commands: Sequence[tuple[str, click.Command]], formatter: click.HelpFormatter, lang: Lang
) -> list[tuple[str, str]]:
    """The rows of a help page's command list, each command's one-line help in ``lang``."""
    if not commands:
        return []
    limit = formatter.width - 6 - max(len(name) for name, _ in commands)
    return [
        (
            name,
            command.short_help_for(lang, limit)
            if isinstance(command, Localized)
            else command.get_short_help_str(limit),
        )
        for name, command in commands
    ]


class LocalGroup(Localized, click.Group):
    """A group of commands whose help, and whose commands' help, is in the command line's
    language; its commands and groups are localized too."""

    command_class: type[click.Command] | None = LocalCommand
    group_class: type[click.Group | type] | None = type  # a group inside: the same class

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                shown.append((name, command))
        rows = command_rows(shown, formatter, lang_of(ctx))
        if rows:
            with formatter.section(gettext("Commands")):
                formatter.write_dl(rows)

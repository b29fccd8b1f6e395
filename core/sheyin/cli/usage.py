"""Usage errors, as click raises them, printed in the user's language.

click words its errors in English only. :func:`usage_text` prints any
:class:`click.ClickException` the way click does (the usage line, the hint to
``--help``, then the message) but in Chinese or English: the structure comes from
the exception's class and attributes (:class:`click.NoSuchOption` and its
``possibilities``, :class:`click.MissingParameter` and its ``param``...), and the
free text click put into a message (a bad value, ``'x' is not a valid integer
range``) is read back through the very templates click formatted it with, taken
from click's own message catalogue (``gettext``) when the error is printed, so
the match holds whatever click's wording. A message no template matches (one a
future click adds) is printed as click worded it, inside the translated frame:
never a traceback, never nothing.

sheyin's own :class:`click.UsageError` messages are already in the session's
language (``session.t(...)``) and are printed as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from gettext import gettext, ngettext

import click

from sheyin.echo import clean, quote
from sheyin.i18n import Lang, join

Match = dict[str, str]


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression reading back the fields of a ``str.format`` template."""
    parts = re.split(r"\{(\w+)(?:![rsa])?(?::[^}]*)?\}", template)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)"
        for index, part in enumerate(parts)
    )
    return re.compile(f"{regex}\\Z", re.DOTALL)


def _read(message: str, *templates: str) -> Match | None:
    """The fields of ``message`` if one of click's ``templates`` (as click's catalogue
    words them now) produced it, else None."""
    for template in templates:
        found = _pattern(template).match(message)
        if found is not None:
            return {k: v for k, v in found.groupdict().items() if v is not None}
    return None


def _plural(singular: str, plural: str) -> tuple[str, str]:
    """Both forms of a message click chooses with ``ngettext``."""
    return ngettext(singular, plural, 1), ngettext(singular, plural, 2)


def _unrepr(text: str) -> str:
    """``'x'`` (a value click wrote with ``repr``) as ``x``."""
    import ast  # only an error needs it

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text
    return value if isinstance(value, str) else text


def _q(text: str) -> str:
    return quote(text)


def _names(values: Iterable[str], lang: Lang) -> str:
    """“a”、“b” / 'a', 'b'."""
    if lang == "zh":
        return join((_q(v) for v in values), lang)
    return ", ".join(repr(v) for v in values)


def _param_hint(exc: click.BadParameter) -> str | None:
    """The parameter a bad value was given to: “--jobs”/“-j”, or “SNAPSHOT”."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        param = exc.param
        if isinstance(param, click.Argument) or not param.opts:
            hint = [param.human_readable_name]
        else:
            hint = [*param.opts, *param.secondary_opts]
    if hint is None:
        return None
    names = [hint] if isinstance(hint, str) else list(hint)
    return "/".join(_q(n) for n in names)


def _param_kind(exc: click.BadParameter) -> str:
    """选项 or 参数, as the parameter is an option or an argument."""
    kind = getattr(exc, "param_type", None)
    if kind is None and exc.param is not None:
        kind = exc.param.param_type_name
    return {"argument": "参数", "option": "选项"}.get(str(kind), "参数")


def _choices(param: click.Parameter | None, found: Match) -> str:
    """The values a choice allows: from the parameter, else as click listed them."""
    if param is not None and isinstance(param.type, click.Choice):
        values = [str(c) for c in param.type.choices]
    else:
        listed = found.get("choices", found.get("choice", ""))
        values = [_unrepr(v) for v in re.findall(r"'(?:[^'\\]|\\.)*'", listed)]
    return join((_q(v) for v in values), "zh")


# What click says about a bad value, in Chinese: (click's templates, the Chinese text).
def _value_reasons(
    param: click.Parameter | None,
) -> list[tuple[tuple[str, ...], Callable[[Match], str]]]:
    kinds = {
        gettext("file"): "文件",
        gettext("directory"): "目录",
        gettext("path"): "路径",
    }
    kinds = {k.title(): v for k, v in kinds.items()} | kinds
    numbers = {"integer": "整数", "float": "数", "integer range": "整数", "float range": "数"}

    def path(verdict: str) -> Callable[[Match], str]:
        return lambda m: f"{kinds.get(m['name'], m['name'])}{_q(_unrepr(m['filename']))}{verdict}"

    return [
        (
            (gettext("{value!r} is not a valid {number_type}."),),
            lambda m: (
                f"{_q(_unrepr(m['value']))}不是有效的"
                f"{numbers.get(m['number_type'], m['number_type'])}"
            ),
        ),
        (
            (gettext("{value} is not in the range {range}."),),
            lambda m: f"{m['value']} 不在范围 {m['range']} 内",
        ),
        (
            _plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
            lambda m: f"{_q(_unrepr(m['value']))}不是可选的值；可选：{_choices(param, m)}",
        ),
        ((gettext("{name} {filename!r} does not exist."),), path("不存在")),
        ((gettext("{name} {filename!r} is a file."),), path("是文件，此处需要目录")),
        ((gettext("{name} {filename!r} is a directory."),), path("是目录，此处需要文件")),
        ((gettext("{name} {filename!r} is not readable."),), path("不可读")),
        ((gettext("{name} {filename!r} is not writable."),), path("不可写")),
        ((gettext("{name} {filename!r} is not executable."),), path("不可执行")),
        (
            (gettext("{value!r} is not a valid UUID."),),
            lambda m: f"{_q(_unrepr(m['value']))}不是有效的 UUID",
        ),
        ((gettext("Value must be an iterable."),), lambda m: "值应为一组值"),
    ]


def _value_reason(message: str, param: click.Parameter | None) -> str:
    """Why click refused a value, in Chinese when click's words are known."""
    text = message.rstrip()
    for templates, chinese in _value_reasons(param):
        found = _read(text, *templates)
        if found is not None:
            return chinese(found)
    return message


def _bad_parameter(exc: click.BadParameter) -> str:
    hint = _param_hint(exc)
    reason = _value_reason(exc.message, exc.param)
    if hint is None:
        return f"值无效：{reason}"
    return f"{_param_kind(exc)}{hint}的值无效：{reason}"


def _missing(exc: click.MissingParameter) -> str:
    hint = _param_hint(exc)
    text = f"缺少{_param_kind(exc)}" + (hint or "")
    param = exc.param
    if exc.message:
        text += f"：{exc.message}"
    if param is not None and isinstance(param.type, click.Choice):
        text += "；可选：" + join((_q(str(c)) for c in param.type.choices), "zh")
    return text


def _possibilities(found: Sequence[str] | None) -> str:
    if not found:
        return ""
    if len(found) == 1:
        return f"是否要用{_q(found[0])}？"
    return f"是否要用其中之一：{_names(sorted(found), 'zh')}？"


def _no_such_option(exc: click.NoSuchOption) -> str:
    # click's words, as click 8.4 and later and as click 8.2 and 8.3 put them
    own = _read(exc.message, gettext("No such option {name!r}."), gettext("No such option: {name}"))
    if own is None:  # a message the raiser wrote itself
        return " ".join(filter(None, (exc.message, _possibilities(exc.possibilities))))
    return f"没有{_q(exc.option_name)}这个选项。" + _possibilities(exc.possibilities)


def _unknown_command(name: str, ctx: click.Context | None) -> str:
    """No such command, with the commands it may be a typo of."""
    found: list[str] = []
    group = ctx.command if ctx is not None else None
    if isinstance(group, click.Group) and ctx is not None:
        import difflib  # only an error needs it

        found = difflib.get_close_matches(name, group.list_commands(ctx))
    return f"没有{_q(name)}这个命令。" + _possibilities(found)


def _bad_option_usage(exc: click.BadOptionUsage) -> str:
    name = _q(exc.option_name)
    if _read(exc.message, gettext("Option {name!r} does not take a value.")) is not None:
        return f"选项{name}不接受值"
    one, several = _plural(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    )
    if _read(exc.message, one) is not None:
        return f"选项{name}需要一个值"
    found = _read(exc.message, several)
    if found is not None:
        return f"选项{name}需要 {found['nargs']} 个值"
    return exc.message


def _plain_usage(exc: click.UsageError) -> str:
    """A usage error click raised with words only (no attributes to read)."""
    message = exc.message
    if _read(message, gettext("Missing command.")) is not None:
        return "缺少命令"
    found = _read(
        message,
        *_plural(
            "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"
        ),
    )
    if found is not None:
        return f"多余的参数：{found['args']}"
    found = _read(message, gettext("No such command {name!r}."))
    if found is not None:  # click before 8.4 has no NoSuchCommand
        return _unknown_command(_unrepr(found["name"]), exc.ctx)
    found = _read(message, gettext("Argument {name!r} takes {nargs} values."))
    if found is not None:
        return f"参数{_q(_unrepr(found['name']))}需要 {found['nargs']} 个值"
    return message  # sheyin's own usage errors are worded in the session's language


def message_zh(exc: click.ClickException) -> str:
    """The message of a click error in Chinese (click's English where its words are unknown)."""
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)
    if isinstance(exc, click.NoSuchOption):
        return _no_such_option(exc)
    if no_such_command is not None and isinstance(exc, no_such_command):
        command = str(getattr(exc, "command_name", ""))
        return _unknown_command(command, exc.ctx)
    if isinstance(exc, click.MissingParameter):
        return _missing(exc)
    if isinstance(exc, click.BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, click.BadOptionUsage):
        return _bad_option_usage(exc)
    if isinstance(exc, click.UsageError):
        return _plain_usage(exc)
    found = _read(exc.message, gettext("unknown error"))
    return "未知错误" if found is not None else exc.format_message()


def usage_text(exc: click.ClickException, lang: Lang) -> str:
    """What to print for ``exc`` on standard error, in ``lang``: for a usage error the
    usage line and the hint to ``--help``, then the message (as click lays it out).

    An error of a shape this module does not foresee (a click release to come) is
    printed with its own message: never a traceback."""
    try:
        return _usage_text(exc, lang)
    except Exception:  # last resort: the message as click worded it
        return clean(f"{'错误：' if lang == 'zh' else 'Error: '}{exc.message}")


def _usage_text(exc: click.ClickException, lang: Lang) -> str:
    no_args_is_help = getattr(click.exceptions, "NoArgsIsHelpError", None)
    if no_args_is_help is not None and isinstance(exc, no_args_is_help):
        return clean(exc.format_message())  # the help page, already in the session's language
    lines: list[str] = []
    ctx = exc.ctx if isinstance(exc, click.UsageError) else None
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            command = f"{ctx.command_path} {option}"
            lines.append(
                f"运行“{command}”查看帮助。"
                if lang == "zh"
                else gettext("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=option
                )
            )
        lines.append("")
    if lang == "zh":
        message = message_zh(exc)
        message = message if message.endswith(("。", "？", "！", ".", "?", "!")) else f"{message}。"
        lines.append(f"错误：{message}")
    else:
        lines.append(gettext("Error: {message}").format(message=exc.format_message()))
    return clean("\n".join(lines))

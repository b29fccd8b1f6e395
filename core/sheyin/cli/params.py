"""Option and argument types shared by commands.

Bad values raise :class:`~sheyin.errors.InputError` naming the option (``选项 --as-of``),
so they reach the user in the session's language with exit status 2, like every
other input error, instead of click's English usage text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sheyin.dates import DateError, date_problem, parse_date
from sheyin.echo import literal
from sheyin.errors import InputError
from sheyin.i18n import Text, parse_lang
from sheyin.origin import Origin

if TYPE_CHECKING:
    _DateType = click.ParamType[date]
    _StrType = click.ParamType[str]
    _PathType = click.ParamType[Path]
else:  # click.ParamType is subscriptable only in recent click releases
    _DateType = click.ParamType
    _StrType = click.ParamType
    _PathType = click.ParamType


def origin_of(param: click.Parameter | None) -> Origin:
    """Where a command-line value came from: ``--as-of`` or the argument ``SNAPSHOT``."""
    if param is None:
        return Origin.option("?")
    if isinstance(param, click.Argument):
        return Origin.argument(param.human_readable_name)
    return Origin.option(max(param.opts, key=len))


class DateParam(_DateType):
    """A ``YYYY-MM-DD`` date between 1900-01-01 and 2199-12-31 (:func:`sheyin.dates.parse_date`)."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateError as exc:
            raise InputError((origin_of(param).problem(date_problem(value, exc)),)) from None


class InputPath(_StrType):
    """A document to read: a path, or ``-`` for standard input.

    Nothing is checked here: :func:`sheyin.documents.read_document` reads it and words
    every problem (missing, a directory, a FIFO, too large, wrong encoding) itself.
    """

    name = "FILE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        return str(value)


class LangParam(_StrType):
    """A language: zh (default), zh-CN or en (also zh_CN.UTF-8, en-US and the like)."""

    name = "zh|zh-CN|en"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        """The values as they are written (click would write them in capitals)."""
        return self.name

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        if parse_lang(value) is None:
            raise InputError(
                (
                    origin_of(param).problem(
                        Text(
                            f"应为 zh、zh-CN 或 en，实际为 {literal(value)}",
                            f"expected zh, zh-CN or en, got {literal(value)}",
                        )
                    ),
                )
            )
        return str(value)


class OutputPath(_PathType):
    """A file to write. Nothing is checked here: the writer (:func:`sheyin.cli.output.write_file`)
    names the file and the reason when it cannot be written, in the session's language."""

    name = "FILE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path:
        return Path(str(value))


DATE = DateParam()
INPUT = InputPath()
OUTPUT = OutputPath()
LANG = LangParam()

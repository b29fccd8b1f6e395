"""Option types shared by commands."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    _DateType = click.ParamType[date]
else:  # click.ParamType is subscriptable only in recent click releases
    _DateType = click.ParamType


class DateParam(_DateType):
    """A YYYY-MM-DD date; a wrong one is a usage error (exit 2)."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"“{value}”不是有效日期（应为 YYYY-MM-DD） / '{value}' is not a valid date (YYYY-MM-DD)",
                param,
                ctx,
            )


DATE = DateParam()

"""Dates as sheyin reads them, and calendar arithmetic that cannot overflow.

One parser for every Python: ``date.fromisoformat`` accepts ``20251120`` and ISO
week dates (``2025-W47-4``) from Python 3.11 on but not on 3.10, so it is never
applied to user text directly. Every date a user writes (snapshot, option,
workspace file) goes through :func:`parse_date` or :func:`is_date`.

The arithmetic helpers saturate at ``date.min``/``date.max`` instead of raising
``OverflowError``: a period of a hundred million days simply never ends, which is
what a check comparing the result with ``as_of`` should conclude.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from sheyin.echo import literal
from sheyin.i18n import Text

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
DATE_FORMAT = "YYYY-MM-DD"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class DateError(ValueError):
    """A text that is not a ``YYYY-MM-DD`` date in the accepted range; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "format", "calendar" or "range"


def parse_date(text: object) -> date:
    """Read ``YYYY-MM-DD`` (a real day between 1900-01-01 and 2199-12-31) or raise :class:`DateError`."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):  # not fromisoformat: see above
        raise DateError("format")
    try:
        day = date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        raise DateError("calendar") from None
    if not EARLIEST <= day <= LATEST:
        raise DateError("range")
    return day


def is_date(value: object) -> bool:
    """True when ``value`` is a string :func:`parse_date` accepts (the schemas' ``date`` format)."""
    try:
        parse_date(value)
    except DateError:
        return False
    return True


def add_days(day: date, days: int) -> date:
    """``day`` moved by ``days`` days, saturating at ``date.min``/``date.max``."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months`` calendar months, clamped to the month's last day.

    Saturates at ``date.min``/``date.max`` when the result is outside the calendar.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def date_problem(value: object, error: DateError) -> Text:
    """What is wrong with a date a user wrote, in both languages."""
    if error.reason == "range":
        why = Text(
            "应在 1900-01-01 至 2199-12-31 之间", "must be between 1900-01-01 and 2199-12-31"
        )
    elif error.reason == "calendar":
        why = Text("日历上没有这一天", "no such day in the calendar")
    else:
        why = Text("应为 YYYY-MM-DD，例如 2025-11-20", "expected YYYY-MM-DD, e.g. 2025-11-20")
    return Text(
        f"{literal(value)} 不是有效日期（{why.zh}）",
        f"{literal(value)} is not a valid date ({why.en})",
    )

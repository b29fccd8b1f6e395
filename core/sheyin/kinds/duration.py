"""Durations in check parameters: ``{days = N}`` or ``{months = N}``.

Every time-based kind (a period, a window, a notice, an idle spell) takes one of
these, so a region writes "60 days without login" or "every 3 months" as data.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen

from sheyin.dates import add_days, add_months
from sheyin.i18n import Text


@frozen
class Duration:
    """A span of whole days or whole calendar months (exactly one of the two)."""

    days: int | None = None
    months: int | None = None

    def __attrs_post_init__(self) -> None:
        if (self.days is None) == (self.months is None):
            raise ValueError("a duration gives exactly one of days or months")
        if (self.days or 0) < 0 or (self.months or 0) < 0:
            raise ValueError("a duration is not negative")

    def after(self, start: date) -> date:
        """The day this duration after ``start`` (months keep the day, clamped to month end)."""
        if self.months is not None:
            return add_months(start, self.months)
        return add_days(start, self.days or 0)

    def text(self) -> Text:
        """The duration in words, in both languages."""
        if self.months is not None:
            return Text(f"{self.months} 个月", f"{self.months} month(s)")
        return Text(f"{self.days} 天", f"{self.days} day(s)")

    def key(self) -> str:
        """A stable short form for comparisons: ``days=30`` or ``months=3``."""
        return f"months={self.months}" if self.months is not None else f"days={self.days}"

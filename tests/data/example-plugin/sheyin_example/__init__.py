"""Profile ``example``: a fictional city's rules layered on the national baseline."""

from __future__ import annotations

from sheyin.plugin import ProfileSource, hookimpl


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The example profile's data folder."""
    return [ProfileSource.from_package("example", __name__)]

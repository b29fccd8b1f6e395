"""Profile ``example``: a fictional city's rules layered on the national baseline."""

from __future__ import annotations

from sheyin.plugin import CheckKind, ProfileSource, hookimpl
from sheyin_example import checks


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The example profile's data folder."""
    return [ProfileSource.from_package("example", __name__)]


@hookimpl
def sheyin_check_kinds() -> list[CheckKind]:
    """The example city's own check kind (example.rectification_share)."""
    return list(checks.KINDS)

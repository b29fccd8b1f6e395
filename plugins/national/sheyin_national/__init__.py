"""Profile ``national``: 国家标准《合作机构经办社会保险业务规范》, as its drafting explanation states it."""

from __future__ import annotations

from sheyin.plugin import CheckKind, ProfileSource, hookimpl
from sheyin_national import checks


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The national profile's data folder."""
    return [ProfileSource.from_package("national", __name__)]


@hookimpl
def sheyin_check_kinds() -> list[CheckKind]:
    """Check kinds the national explanation needs (item lists by batch, permission ledger, ...)."""
    return list(checks.KINDS)

"""Profiles ``guangdong`` (广东省《合作银行经办社会保险业务管理办法（征求意见稿）》) and
``guangdong.guangzhou`` (the Guangzhou item list derived from its 附件2 under 第十六条)."""

from __future__ import annotations

from sheyin.plugin import CheckKind, ProfileSource, hookimpl
from sheyin_guangdong import checks


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The provincial profile's data folder and the Guangzhou city profile's."""
    return [
        ProfileSource.from_package("guangdong", __name__),
        ProfileSource.from_package("guangdong.guangzhou", __name__, "data_guangzhou"),
    ]


@hookimpl
def sheyin_check_kinds() -> list[CheckKind]:
    """Check kinds the Guangdong measures need (forced-exit ratio, failed rectifications, ...)."""
    return list(checks.KINDS)

"""Profile ``yulin``: 玉林市地方标准《“人社+金融”银行服务规范》 and its appendices A–F."""

from __future__ import annotations

from sheyin.plugin import CheckKind, ProfileSource, hookimpl
from sheyin_yulin import checks


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The yulin profile's data folder."""
    return [ProfileSource.from_package("yulin", __name__)]


@hookimpl
def sheyin_check_kinds() -> list[CheckKind]:
    """Check kinds the Yulin standard needs beyond core's (see :mod:`sheyin_yulin.checks`)."""
    return list(checks.KINDS)

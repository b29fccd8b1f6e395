"""Profile ``guangdong``: 广东省《合作银行经办社会保险业务管理办法（征求意见稿）》."""

from __future__ import annotations

from sheyin.plugin import ProfileSource, hookimpl


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The guangdong profile's data folder."""
    return [ProfileSource.from_package("guangdong", __name__)]

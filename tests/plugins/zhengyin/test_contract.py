"""The zhengyin profile passes the contract every profile runs."""

from __future__ import annotations

from sheyin.testing import ProfileContract


class TestZhengyinContract(ProfileContract):
    profile = "zhengyin"

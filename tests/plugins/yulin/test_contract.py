"""The yulin profile passes the contract every profile runs against itself (all its examples)."""

from __future__ import annotations

from sheyin.testing import ProfileContract


class TestYulinContract(ProfileContract):
    profile = "yulin"

"""The example profile passes sheyin's profile contract."""

from __future__ import annotations

from sheyin.testing import ProfileContract


class TestExampleContract(ProfileContract):
    profile = "example"

"""The yulin profile passes the contract every profile runs against itself (all its examples)."""

from __future__ import annotations

import pytest

from sheyin.testing import ProfileContract

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


class TestYulinContract(ProfileContract):
    profile = "yulin"

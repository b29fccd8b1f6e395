"""The zhengyin profile passes the contract every profile runs."""

from __future__ import annotations

import pytest

from sheyin.testing import ProfileContract

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


class TestZhengyinContract(ProfileContract):
    profile = "zhengyin"

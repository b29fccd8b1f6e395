"""The example profile passes sheyin's profile contract."""

from __future__ import annotations

import pytest

from sheyin.testing import ProfileContract

pytestmark = pytest.mark.example_plugin


class TestExampleContract(ProfileContract):
    profile = "example"

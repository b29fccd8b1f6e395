"""The example third-party plugin is discovered exactly like the built-in profiles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sheyin import Sheyin

pytestmark = pytest.mark.example_plugin


def test_listed_by_the_command_with_its_distribution() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sheyin", "profiles", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {p["name"]: p["distribution"] for p in json.loads(result.stdout)["profiles"]}
    assert listed["example"] == "sheyin-example"
    assert listed["yulin"] == "sheyin"


def test_inherits_the_national_baseline() -> None:
    profile = Sheyin().load_profile("example")
    assert profile.requirement("national.procedure.order") is not None
    assert profile.requirement("example.outlet.code") is not None


def test_can_be_disabled() -> None:
    assert "example" not in {p.name for p in Sheyin(disabled_plugins=["example"]).profiles()}

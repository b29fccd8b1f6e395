"""The engine reports exactly what it reported before it was made fast (tests/golden.py).

The golden files were written by the engine as it stood before the performance work of
issue 16; every optimisation since must leave every report identical: each region's
example snapshots in both languages, and a varied synthetic region that trips most checks.
"""

from __future__ import annotations

import difflib
import json

import golden
import pytest

from sheyin import Sheyin


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


@pytest.mark.parametrize("profile", golden.PROFILES)
def test_reports_match_the_golden_ones(app: Sheyin, profile: str) -> None:
    expected = golden.load(profile)
    found = golden.reports(app, profile)
    assert sorted(found) == sorted(expected)
    for case in sorted(expected):
        if found[case] != expected[case]:
            diff = difflib.unified_diff(
                json.dumps(expected[case], ensure_ascii=False, indent=1).splitlines(),
                json.dumps(found[case], ensure_ascii=False, indent=1).splitlines(),
                "golden",
                "now",
                lineterm="",
                n=2,
            )
            pytest.fail(f"{profile} {case} differs:\n" + "\n".join(list(diff)[:60]))

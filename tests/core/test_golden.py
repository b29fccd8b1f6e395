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
from synthetic import varied

from sheyin import Sheyin
from sheyin.schemas import to_jsonable
from sheyin.snapshot import validate


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


@pytest.mark.parametrize("profile", golden.PROFILES)
def test_whole_snapshot_validation_reports_the_same(
    app: Sheyin, profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The varied region, validated whole as large snapshots are, gives the same report."""
    monkeypatch.setattr(validate, "TYPED_MIN_OUTLETS", 0)
    document = varied(app, profile, golden.VARIED_OUTLETS)
    typed = app.parser(app.load_profile(profile)).validator._typed
    assert typed is not None
    assert typed.valid(to_jsonable(document))  # the whole-snapshot path is the one taken
    assert app.check(document).to_dict() == golden.load(profile)["varied/zh"]

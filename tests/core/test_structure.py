"""Profile data structured directly (sheyin.profile.structure) is what cattrs makes of it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bench.bench_check import snapshot as one_outlet
from core.test_startup import imported_by

import sheyin.profile.load
from sheyin import ProfileError, Sheyin
from sheyin.kinds.duration import Duration
from sheyin.kinds.events import EventHas, FollowUp
from sheyin.profile.load import _cattrs_messages
from sheyin.profile.model import Form
from sheyin.profile.structure import Structurer
from support import toy_entry_points


def cattrs_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Builder made from now on structures with cattrs alone."""
    monkeypatch.setattr(sheyin.profile.load, "Structurer", lambda: Structurer(direct=False))


def every_profile(app: Sheyin) -> list[tuple[str, date]]:
    """Each installed profile version, with a day it is in force."""
    found = []
    for listing in app.profiles():
        manifest = listing.manifest or {}
        day = manifest.get("valid_from") or manifest.get("valid_to") or date.today()
        found.append((listing.name, day if isinstance(day, date) else date.fromisoformat(day)))
    return found


@pytest.mark.parametrize("entry_points", ["installed", "toy"])
def test_every_profile_is_built_as_cattrs_alone_builds_it(
    entry_points: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def app() -> Sheyin:
        return Sheyin() if entry_points == "installed" else Sheyin(entry_points=toy_entry_points())

    direct = app()
    profiles = every_profile(direct)
    assert profiles
    built = {(name, day): direct.load_profile(name, day) for name, day in profiles}
    cattrs_only(monkeypatch)
    reference = app()
    for (name, day), profile in built.items():
        assert profile == reference.load_profile(name, day), name


def messages(structurer: Structurer, value: Any, cls: type) -> list[str]:
    with pytest.raises(Exception) as caught:
        structurer.structure(value, cls)
    return list(_cattrs_messages(caught.value))


@pytest.mark.parametrize(
    ("value", "cls"),
    [
        ({"days": -1}, Duration),  # refused by the class itself
        ({"days": 1, "weeks": 2}, Duration),  # an unknown key
        ({"days": "seven"}, Duration),  # a value of the wrong type
        ({"subject": "outlet"}, EventHas),  # a missing key
        ({"event": "x", "subject": "planet"}, EventHas),  # not one of the literal values
        ({"require": "inspection", "within": {"days": 3}}, FollowUp),  # a string for a tuple
        ({"id": "f", "title": "t", "clause": "1", "spec": {"a": {"label": 1}}}, Form),
    ],
)
def test_what_the_direct_path_refuses_cattrs_reports_in_its_own_words(
    value: dict[str, Any], cls: type
) -> None:
    assert messages(Structurer(), value, cls) == messages(Structurer(direct=False), value, cls)


@pytest.mark.parametrize(
    ("value", "cls"),
    [
        ({"days": True}, Duration),  # a bool for an int: cattrs converts it
        ({"event": "x", "fields": ["a", 1]}, EventHas),  # an int among strings
        (
            {"id": "f", "title": "t", "clause": "1", "spec": {"a": {"label": "l", "value": True}}},
            Form,
        ),
    ],
)
def test_values_cattrs_would_convert_are_converted_by_cattrs(
    value: dict[str, Any], cls: type
) -> None:
    assert Structurer().structure(value, cls) == Structurer(direct=False).structure(value, cls)


def test_plain_values_are_structured_like_cattrs_structures_them() -> None:
    value = {
        "require": ["inspection", "report"],
        "when": {"channel": "online"},
        "within": {"months": 2},
        "scope": "partnership",
        "trigger": "opening",
    }
    direct = Structurer().structure(value, FollowUp)
    assert direct == Structurer(direct=False).structure(value, FollowUp)
    assert type(direct.require) is tuple
    assert type(direct.when) is dict


def test_a_profile_that_fails_to_build_fails_with_the_same_problems(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from support import TOY, FakeEntryPoint, ProfilesPlugin

    folder = tmp_path / "toy"
    shutil.copytree(TOY / "data", folder)
    requirements = folder / "requirements.toml"
    text = requirements.read_text("utf-8")
    requirements.write_text(
        text.replace('kind = "outlet_kind", ', 'kind = "outlet_kind", unknown_param = 1, ', 1),
        "utf-8",
    )
    points = lambda: [FakeEntryPoint("toy", ProfilesPlugin(("toy", "toy"), root=tmp_path))]  # noqa: E731

    def problems() -> list[str]:
        with pytest.raises(ProfileError) as caught:
            Sheyin(entry_points=points).load_profile("toy", date(2025, 6, 1))
        return [p.render("en") for p in caught.value.problems]

    direct = problems()
    assert any("unknown_param" in line for line in direct)
    cattrs_only(monkeypatch)
    assert problems() == direct


def test_checking_one_outlet_does_not_import_cattrs(tmp_path: Path) -> None:
    snapshot = tmp_path / "one.json"
    snapshot.write_text(json.dumps(one_outlet(1, "yulin"), ensure_ascii=False), "utf-8")
    modules = imported_by(tmp_path, "check", str(snapshot))
    assert "sheyin.engine.run" in modules  # the check did run
    assert "cattrs" not in modules

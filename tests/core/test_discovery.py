"""Remembered entry points: used while the installed distributions stay as they are."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from sheyin.plugin.discovery import FoundDistribution, FoundEntryPoint, remembered_entry_points
from sheyin.plugin.manager import EntryPointLike, installed_entry_points
from sheyin.profile.cache import ProfileCache


class Finder:
    """importlib.metadata's answer, counting how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Iterable[EntryPointLike]:
        self.calls += 1
        return installed_entry_points()


@pytest.fixture
def cache(tmp_path: Path) -> ProfileCache:
    return ProfileCache(tmp_path / "cache")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path where distributions can be 'installed' during a test."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def described(found: Iterable[EntryPointLike]) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (
            e.name,
            e.value,
            e.dist.name if e.dist else None,
            e.dist.version if e.dist else None,
        )
        for e in found
    ]


def test_the_second_start_does_not_ask_importlib_metadata(cache: ProfileCache, site: Path) -> None:
    finder = Finder()
    first = described(remembered_entry_points(cache, "sheyin", finder)())
    second = described(remembered_entry_points(cache, "sheyin", finder)())
    assert finder.calls == 1
    assert second == first
    assert {"yulin", "guangdong", "national", "zhengyin"} <= {name for name, *_ in first}


def test_a_remembered_entry_point_loads_the_same_object(cache: ProfileCache, site: Path) -> None:
    finder = Finder()
    real = {e.name: e.load() for e in remembered_entry_points(cache, "sheyin", finder)()}
    remembered = remembered_entry_points(cache, "sheyin", finder)()
    assert finder.calls == 1
    assert {e.name: e.load() for e in remembered} == real


def test_a_newly_installed_distribution_is_looked_for(cache: ProfileCache, site: Path) -> None:
    finder = Finder()
    remembered_entry_points(cache, "sheyin", finder)()
    (site / "sheyin_extra-1.0.dist-info").mkdir()
    remembered_entry_points(cache, "sheyin", finder)()
    assert finder.calls == 2


def test_rewritten_entry_points_are_read_again(cache: ProfileCache, site: Path) -> None:
    info = site / "sheyin_extra-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[sheyin]\n", "utf-8")
    finder = Finder()
    remembered_entry_points(cache, "sheyin", finder)()
    (info / "entry_points.txt").write_text("[sheyin]\nextra = sheyin_extra\n", "utf-8")
    remembered_entry_points(cache, "sheyin", finder)()
    assert finder.calls == 2


def test_a_damaged_entry_is_ignored(cache: ProfileCache, site: Path) -> None:
    finder = Finder()
    remembered_entry_points(cache, "sheyin", finder)()
    for entry in (cache.folder / "profiles").glob("*.json"):
        data = json.loads(entry.read_text("utf-8"))
        data["documents"]["entry_points"] = [{"name": 1}]
        entry.write_text(json.dumps(data), "utf-8")
    found = described(remembered_entry_points(cache, "sheyin", finder)())
    assert finder.calls == 2
    assert {"yulin", "national"} <= {name for name, *_ in found}


def test_an_entry_point_loads_a_module_or_an_attribute_in_it() -> None:
    dist = FoundDistribution("sheyin", "1")
    module = FoundEntryPoint("p", "sheyin.plugin.manager", "sheyin", dist).load()
    attribute = FoundEntryPoint("p", "sheyin.plugin.manager : Plugins", "sheyin", dist).load()
    assert module.__name__ == "sheyin.plugin.manager"
    assert attribute is module.Plugins


def test_a_malformed_value_fails_to_load() -> None:
    with pytest.raises(ValueError, match="malformed"):
        FoundEntryPoint("p", "not a module!", "sheyin", None).load()

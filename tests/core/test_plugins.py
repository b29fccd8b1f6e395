"""Plugin discovery: entry points only, disabling, broken plugins, conflicting profile names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sheyin import ProfileError, Sheyin
from sheyin.cli import cli, profiles  # noqa: F401 - registers the command
from sheyin.plugin import CheckKind, hookimpl
from support import TOY, FakeEntryPoint, ProfilesPlugin, toy_entry_points


def test_builtin_profiles_come_from_entry_points() -> None:
    listings = {item.name: item.plugin for item in Sheyin().profiles()}
    assert {"yulin", "guangdong", "national"} <= set(listings)
    assert listings["yulin"].distribution == "sheyin"
    assert listings["yulin"].name == "yulin"


def test_no_entry_points_means_no_profiles() -> None:
    assert Sheyin(entry_points=list).profiles() == []


def test_disabled_plugin_is_not_loaded() -> None:
    app = Sheyin(entry_points=toy_entry_points(), disabled_plugins=["toy"])
    assert app.profiles() == []
    [info] = app.plugin_infos()
    assert info.disabled


def test_import_error_sets_the_plugin_aside() -> None:
    broken = FakeEntryPoint(
        "broken", error=ImportError("No module named 'sheyin_zhejiang'"), dist="sheyin-zhejiang"
    )
    app = Sheyin(entry_points=toy_entry_points(broken))
    assert [item.name for item in app.profiles()] == ["toy", "toy.city"]
    [info] = [i for i in app.plugin_infos() if i.error]
    message = info.error.render("zh") if info.error else ""
    assert "broken (sheyin-zhejiang)" in message
    assert "No module named 'sheyin_zhejiang'" in message


def test_invalid_data_file_names_the_plugin_and_key() -> None:
    broken = FakeEntryPoint(
        "broken", ProfilesPlugin(("broken", "data_broken")), dist="sheyin-broken"
    )
    app = Sheyin(entry_points=toy_entry_points(broken))
    listing = next(item for item in app.profiles() if item.name == "broken")
    rendered = [p.render("zh") for p in listing.errors]
    assert (
        "sheyin-broken:broken/profile.toml:/documnets: 未知的键“documnets”（是否应为“documents”？）"
        in rendered
    )
    assert app.load_profile("toy").name == "toy"
    with pytest.raises(ProfileError):
        app.load_profile("broken")


def test_unknown_hook_sets_the_plugin_aside() -> None:
    class Typo:
        @hookimpl
        def sheyin_profile(self) -> list[object]:
            return []

    app = Sheyin(entry_points=toy_entry_points(FakeEntryPoint("typo", Typo())))
    [info] = [i for i in app.plugin_infos() if i.error]
    assert info.name == "typo"
    assert app.load_profile("toy").name == "toy"


def test_hook_that_raises_sets_the_plugin_aside() -> None:
    class Raising:
        @hookimpl
        def sheyin_profiles(self) -> list[object]:
            raise RuntimeError("boom")

    app = Sheyin(entry_points=toy_entry_points(FakeEntryPoint("raising", Raising())))
    assert [item.name for item in app.profiles()] == ["toy", "toy.city"]
    [info] = [i for i in app.plugin_infos() if i.error]
    assert "boom" in (info.error.render("en") if info.error else "")


def test_two_distributions_claiming_one_profile_conflict() -> None:
    twin = FakeEntryPoint("twin", ProfilesPlugin(("toy", "data")), dist="other-dist")
    app = Sheyin(entry_points=toy_entry_points(twin))
    with pytest.raises(ProfileError) as caught:
        app.load_profile("toy")
    assert "other-dist" in caught.value.render("zh")
    assert "toy-dist" in caught.value.render("zh")


def test_conflict_is_shown_in_the_listing() -> None:
    twin = FakeEntryPoint("twin", ProfilesPlugin(("toy", "data")), dist="other-dist")
    listings = [
        item
        for item in Sheyin(entry_points=toy_entry_points(twin)).profiles()
        if item.name == "toy"
    ]
    assert all(item.errors for item in listings)


def test_plugin_check_kind_is_available_to_profiles() -> None:
    class Kinds:
        @hookimpl
        def sheyin_check_kinds(self) -> list[CheckKind]:
            return [CheckKind("toy.nothing", object, lambda ctx, req, params: [], "does nothing")]

    app = Sheyin(entry_points=toy_entry_points(FakeEntryPoint("kinds", Kinds())))
    assert "toy.nothing" in app.kinds
    assert "outlet_has" in app.kinds


def test_taken_check_kind_name_sets_the_plugin_aside() -> None:
    class Clash:
        @hookimpl
        def sheyin_check_kinds(self) -> list[CheckKind]:
            return [CheckKind("outlet_has", object, lambda ctx, req, params: [], "clash")]

    app = Sheyin(entry_points=toy_entry_points(FakeEntryPoint("clash", Clash())))
    assert app.kinds["outlet_has"].doc != "clash"
    assert any(i.name == "clash" and i.error for i in app.plugin_infos())


def test_two_applications_share_nothing() -> None:
    first, second = Sheyin(entry_points=toy_entry_points()), Sheyin(entry_points=list)
    assert [i.name for i in first.profiles()] == ["toy", "toy.city"]
    assert second.profiles() == []


def broken_city_plugin(tmp_path: Path) -> list[FakeEntryPoint]:
    """The toy plugin whose city profile names a zone no vocabulary knows (valid per the schema)."""
    root = tmp_path / "toy"
    shutil.copytree(TOY, root)
    requirements = root / "data_city" / "requirements.toml"
    text = requirements.read_text("utf-8").replace('all = ["导办区"]', 'all = ["导办厅"]')
    requirements.write_text(text, "utf-8")
    plugin = ProfilesPlugin(("toy", "data"), ("toy.city", "data_city"), root=root)
    return [FakeEntryPoint("toy", plugin)]


def test_a_requirement_that_fails_to_load_gives_no_follow_on_errors(tmp_path: Path) -> None:
    entry_points = broken_city_plugin(tmp_path)
    with pytest.raises(ProfileError) as caught:
        Sheyin(entry_points=lambda: entry_points).load_profile("toy.city")
    [only] = caught.value.problems
    assert only.pointer == "/requirements/0/check/all/0"
    assert "没有要求" not in only.render("zh")


def test_profiles_lists_a_profile_that_does_not_load_as_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_points = broken_city_plugin(tmp_path)
    original = Sheyin.__init__

    def broken_init(self: Sheyin, **_: object) -> None:
        original(self, entry_points=lambda: entry_points)

    monkeypatch.setattr(Sheyin, "__init__", broken_init)
    result = CliRunner().invoke(cli, ["profiles", "--json"])
    listed = {p["name"]: p for p in json.loads(result.output)["profiles"]}
    assert listed["toy"]["available"]
    assert not listed["toy.city"]["available"]
    assert "导办厅" in listed["toy.city"]["errors"][0]
    table = CliRunner().invoke(cli, ["profiles"]).output
    [city_row] = [line for line in table.splitlines() if "toy.city" in line and "│" in line]
    assert "不可用" in city_row

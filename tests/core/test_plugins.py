"""Plugin discovery: entry points only, disabling, broken plugins, conflicting profile names."""

from __future__ import annotations

import pytest

from sheyin import ProfileError, Sheyin
from sheyin.plugin import CheckKind, hookimpl
from support import FakeEntryPoint, ProfilesPlugin, toy_entry_points


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

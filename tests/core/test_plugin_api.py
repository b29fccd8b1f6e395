"""The public plugin API: what built-in plugins import is public, typed and addresses every record."""

from __future__ import annotations

import ast
from datetime import date
from importlib import metadata, resources
from typing import Any

import pytest

import sheyin.plugin
from sheyin import Sheyin
from sheyin.plugin import CheckContext, Text

# Every plugin sheyin's own distribution registers, found as core finds them.
BUILTIN_PLUGINS = sorted(
    ep.value
    for ep in metadata.entry_points(group="sheyin")
    if ep.dist is not None and ep.dist.name == "sheyin"
)


def sheyin_imports(package: str) -> list[tuple[str, str, str]]:
    """(module file, imported module, name) for every import of sheyin core in ``package``."""
    found = []
    for source in resources.files(package).iterdir():
        if not source.name.endswith(".py"):
            continue
        tree = ast.parse(source.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                root = node.module.split(".")[0]
                if root == "sheyin":
                    found += [(source.name, node.module, alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [
                    (source.name, alias.name, "*")
                    for alias in node.names
                    if alias.name.split(".")[0] == "sheyin"
                ]
    return found


def test_every_builtin_plugin_is_examined() -> None:
    assert {"sheyin_yulin", "sheyin_guangdong", "sheyin_national"} <= set(BUILTIN_PLUGINS)


@pytest.mark.parametrize("package", BUILTIN_PLUGINS)
def test_builtin_plugins_import_only_public_names(package: str) -> None:
    imports = sheyin_imports(package)
    assert imports, package
    private = [
        (file, module, name)
        for file, module, name in imports
        if module != "sheyin.plugin" or name not in sheyin.plugin.__all__
    ]
    assert private == []


def test_every_public_name_exists() -> None:
    missing = [name for name in sheyin.plugin.__all__ if not hasattr(sheyin.plugin, name)]
    assert missing == []


@pytest.mark.parametrize("package", ["sheyin", *BUILTIN_PLUGINS])
def test_packages_declare_they_are_typed(package: str) -> None:
    assert (resources.files(package) / "py.typed").is_file()


def context(app: Sheyin, snapshot: dict[str, Any]) -> CheckContext:
    profile = app.load_profile("toy", date(2025, 6, 1))
    return CheckContext(app.parse_snapshot(snapshot, profile), profile, date(2025, 6, 1))


def test_every_record_type_has_a_subject_and_a_pointer(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    snapshot["banks"].insert(0, {"id": "b0"})
    ctx = context(toy_app, snapshot)
    bank = ctx.banks["b1"]
    department = ctx.departments["d1"]
    partnership = ctx.partnerships["p1"]
    outlet = ctx.outlets_by_id["o1"]
    assert (ctx.subject(bank), ctx.path(bank, "credit_code")) == (
        "banks/b1",
        "/banks/1/credit_code",
    )
    assert (ctx.subject(department), ctx.path(department)) == ("departments/d1", "/departments/0")
    assert (ctx.subject(partnership), ctx.path(partnership)) == (
        "partnerships/p1",
        "/partnerships/0",
    )
    assert (ctx.subject(outlet), ctx.path(outlet, "zones", 1)) == (
        "outlets/o1",
        "/outlets/0/zones/1",
    )


def test_violation_helper_addresses_staff(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    ctx = context(toy_app, snapshot)
    outlet = ctx.outlets_by_id["o1"]
    person = outlet.staff[-1]
    found = ctx.violation(
        outlet,
        Text("{name}未登录", "{name} never logged in"),
        {"name": "x"},
        staff=person,
        at=("last_login",),
    )
    index = len(outlet.staff) - 1
    assert found.subject == f"outlets/o1/staff/{person.id}"
    assert found.path == f"/outlets/0/staff/{index}/last_login"
    assert found.render("en") == "x never logged in"


def test_staff_of_a_partnership_is_refused(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    ctx = context(toy_app, snapshot)
    person = ctx.outlets_by_id["o1"].staff[0]
    with pytest.raises(TypeError):
        ctx.violation(ctx.partnerships["p1"], Text("x", "x"), staff=person)


def test_event_matches_compares_fields_and_profile_added_ones() -> None:
    from datetime import date

    from sheyin.plugin import Event, event_matches

    event = Event(on=date(2025, 1, 2), type="evaluation", by="bank", extra={"source": "public"})
    assert event_matches(event, {})
    assert event_matches(event, {"by": "bank", "source": "public"})
    assert not event_matches(event, {"source": "self"})
    assert not event_matches(event, {"result": "conform"})

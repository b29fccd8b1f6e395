"""Every hook and every check kind is documented."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import sheyin.plugin
from sheyin import Sheyin
from sheyin.plugin import spec

DOCS = Path(__file__).parents[2] / "docs"


def hook_names() -> list[str]:
    return [
        name
        for name, _ in inspect.getmembers(spec, inspect.isfunction)
        if name.startswith("sheyin_")
    ]


def test_there_are_hooks() -> None:
    assert "sheyin_profiles" in hook_names()


def test_every_hook_has_a_section_in_plugins_md() -> None:
    text = (DOCS / "plugins.md").read_text("utf-8")
    sections = set(re.findall(r"^### `(sheyin_\w+)`", text, flags=re.MULTILINE))
    assert sections == set(hook_names())


def test_every_hook_has_a_docstring() -> None:
    for name in hook_names():
        assert inspect.getdoc(getattr(spec, name)), name


def test_every_core_check_kind_is_in_checks_md() -> None:
    text = (DOCS / "checks.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE))
    core = set(Sheyin(entry_points=list).kinds)
    assert documented == core


def test_every_core_kind_with_deadlines_is_in_the_deadlines_table() -> None:
    text = (DOCS / "checks.md").read_text("utf-8")
    section = text.split("## Deadlines", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))
    timed = {name for name, kind in Sheyin(entry_points=list).kinds.items() if kind.due}
    assert documented == timed


def test_every_public_plugin_name_is_in_plugins_md() -> None:
    text = (DOCS / "plugins.md").read_text("utf-8")
    missing = [name for name in sheyin.plugin.__all__ if f"`{name}`" not in text]
    assert missing == []


def test_every_core_aspect_is_in_plugins_md() -> None:
    text = (DOCS / "plugins.md").read_text("utf-8")
    assert [a for a in sheyin.plugin.ASPECTS if f"`{a}`" not in text] == []


def test_profile_format_documents_the_catalogue_service_key() -> None:
    text = (DOCS / "profile-format.md").read_text("utf-8")
    assert "`service`" in text
    assert "services.toml" in text

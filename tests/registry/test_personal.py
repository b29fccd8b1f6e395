"""Identity and phone numbers: outside the chain, keyed hashes in the log, masked, erasable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.registry import Registry, resolve_url

ACTOR = "张三"


@pytest.fixture
def registry(
    registry_url: str, yulin_app: Sheyin, yulin_demo: dict[str, Any]
) -> Iterator[Registry]:
    with Registry.open(
        resolve_url(registry_url, None, "test"), app=yulin_app, profile="yulin"
    ) as opened:
        opened.import_(yulin_demo, ACTOR)
        yield opened


def numbers(demo: dict[str, Any]) -> list[str]:
    contacts = [
        r["phone"]
        for name in ("departments", "banks", "outlets")
        for r in demo[name]
        if "phone" in r
    ]
    return contacts + [
        s[k]
        for o in demo["outlets"]
        for s in o.get("staff", ())
        for k in ("id_number", "phone")
        if k in s
    ]


def test_the_log_holds_keyed_hashes_never_the_numbers(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    log = json.dumps(registry.entries(), ensure_ascii=False)
    assert numbers(yulin_demo)
    assert not [n for n in numbers(yulin_demo) if n in log]
    assert "hmac-sha256:" in log


def test_exports_mask_the_numbers_unless_asked(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    masked = registry.export(fmt="json")
    assert not [n for n in numbers(yulin_demo) if n in masked]
    assert "450902********0420" in masked
    assert "450902198803120420" in registry.export(fmt="json", masked=False)


def test_reimporting_a_masked_export_changes_nothing(registry: Registry) -> None:
    assert registry.import_(json.loads(registry.export(fmt="json")), ACTOR).entries == 0


def test_a_changed_number_is_a_new_entry(registry: Registry, yulin_demo: dict[str, Any]) -> None:
    outlet = yulin_demo["outlets"][0]
    member = {**outlet["staff"][0], "phone": "13900000000"}
    result = registry.import_(
        {
            "outlets": [
                {"id": outlet["id"], "partnership": outlet["partnership"], "staff": [member]}
            ]
        },
        ACTOR,
    )
    assert result.entries == 1
    assert registry.state().outlets[0].staff[0].phone == "13900000000"


def test_erasing_removes_the_numbers_and_keeps_the_chain_intact(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    staff_id = yulin_demo["outlets"][0]["staff"][0]["id"]
    assert registry.erase_personal([staff_id], ACTOR) == 2
    person = registry.state().outlets[0].staff[0]
    assert (person.id_number, person.phone) == (None, None)
    assert registry.entries()[-1]["action"] == "erase"
    assert registry.verify().intact

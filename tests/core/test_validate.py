"""Two-tier snapshot validation reports exactly what jsonschema alone reports."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.schemas import build_validator, explain
from sheyin.snapshot.validate import SnapshotValidator, is_date
from support import BASE

Mutation = Callable[[dict[str, Any]], None]


def outlet(s: dict[str, Any]) -> dict[str, Any]:
    return s["outlets"][0]  # type: ignore[no-any-return]


MUTATIONS: dict[str, Mutation] = {
    "valid": lambda s: None,
    "unknown top key": lambda s: s.update(extra=1),
    "outlets not a list": lambda s: s.update(outlets={"o1": {}}),
    "outlet not a table": lambda s: s["outlets"].append("o2"),
    "unknown outlet key": lambda s: outlet(s).update(zonse=[]),
    "bad date": lambda s: outlet(s)["staff"][0].update(joined_on="2025-13-01"),
    "impossible date": lambda s: outlet(s)["staff"][0].update(joined_on="2025-02-29"),
    "datetime for date": lambda s: outlet(s)["staff"][0].update(joined_on="2025-02-01T10:00:00"),
    "bad enum": lambda s: outlet(s)["staff"][0].update(employment="casual"),
    "event field of another type": lambda s: outlet(s)["events"][1].update(sealed=True),
    "chinese event type with wrong field": lambda s: outlet(s)["events"].append(
        {"on": "2025-04-01", "type": "挂牌", "result": "conform"}
    ),
    "event without date": lambda s: outlet(s)["events"].append({"type": "drill"}),
    "bad handover count": lambda s: outlet(s)["events"][3]["counts"].append(
        {"item": "i1", "pages": -1}
    ),
    "partnership event wrong": lambda s: s["partnerships"][0]["events"].append(
        {"on": "2025-01-01", "type": "agreement", "sealed": 1}
    ),
    "missing partnership key": lambda s: s["partnerships"][0].pop("bank"),
    "offered item table typo": lambda s: outlet(s)["items"].append({"itme": "i1"}),
    "profile field wrong type": lambda s: outlet(s).update(pilot="yes"),
    "profile event field wrong": lambda s: outlet(s)["events"].append(
        {"on": "2025-04-01", "type": "self_check", "score": "high"}
    ),
    "empty id": lambda s: outlet(s).update(id=""),
    "second outlet broken": lambda s: s["outlets"].append({"id": "o2"}),
}


@pytest.fixture(scope="module")
def validators() -> tuple[SnapshotValidator, Any]:
    from support import toy_entry_points

    app = Sheyin(entry_points=toy_entry_points())
    profile = app.load_profile("toy")
    schema = app.snapshot_schema(profile)
    return SnapshotValidator(schema, profile.vocabulary), build_validator(schema)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_same_problems_as_jsonschema_alone(
    validators: tuple[SnapshotValidator, Any], name: str
) -> None:
    two_tier, single = validators
    document = copy.deepcopy(BASE)
    MUTATIONS[name](document)
    expected = sorted((p.pointer, p.text.zh) for p in explain(single, document, "f"))
    found = sorted((p.pointer, p.text.zh) for p in two_tier.problems(document, "f"))
    assert found == expected
    assert bool(found) is (name != "valid")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", True),
        ("2025-02-29", False),
        ("2025-1-01", False),
        ("2025-01-01T00:00", False),
        ("２０２５-01-01", False),
    ],
)
def test_date_format(value: str, expected: bool) -> None:
    assert is_date(value) is expected

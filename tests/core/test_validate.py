"""Snapshot validation reports exactly what jsonschema alone reports, whichever tier judges.

The whole-snapshot msgspec types (:mod:`sheyin.snapshot.typed`, for large snapshots) must
never accept what the schema refuses: each case runs with and without them, and their own
verdict is compared with jsonschema's on the same cases and on random edits.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheyin import Sheyin
from sheyin.schemas import build_validator, explain, to_jsonable
from sheyin.snapshot import validate
from sheyin.snapshot.validate import SnapshotValidator, is_date
from support import BASE, toy_entry_points

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
    "repeated defect": lambda s: outlet(s)["events"].append(
        {"on": "2025-04-01", "type": "inspection", "defects": ["staff", "staff"]}
    ),
    "boolean for integer": lambda s: outlet(s)["events"][3]["counts"][0].update(pages=True),
    "text for date": lambda s: s.update(as_of=20250601),
    "offered item neither text nor table": lambda s: outlet(s)["items"].append(3),
    "empty offered item": lambda s: outlet(s)["items"].append(""),
    # Valid, though the msgspec types refuse them (the records are judged again):
    "integer written with a point": lambda s: outlet(s)["events"][3]["counts"][0].update(
        pages=30.0
    ),
    "event type no profile knows": lambda s: outlet(s)["events"].append(
        {"on": "2025-04-01", "type": "picnic", "place": "park"}
    ),
}
# What the schema accepts but the msgspec types refuse: never the other way round.
TYPED_REFUSES_VALID = {"integer written with a point", "event type no profile knows"}


@pytest.fixture(scope="module")
def validators() -> tuple[SnapshotValidator, Any]:
    app = Sheyin(entry_points=toy_entry_points())
    profile = app.load_profile("toy")
    schema = app.snapshot_schema(profile)
    return SnapshotValidator(schema, profile.vocabulary), build_validator(schema)


@pytest.mark.parametrize("typed", [False, True], ids=["records", "whole"])
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_same_problems_as_jsonschema_alone(
    validators: tuple[SnapshotValidator, Any],
    name: str,
    typed: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    two_tier, single = validators
    # "whole": the msgspec types judge first, as they do for snapshots of many outlets.
    monkeypatch.setattr(validate, "TYPED_MIN_OUTLETS", 0 if typed else 10**9)
    document = copy.deepcopy(BASE)
    MUTATIONS[name](document)
    expected = sorted((p.pointer, p.text.zh) for p in explain(single, document, "f"))
    found = sorted((p.pointer, p.text.zh) for p in two_tier.problems(document, "f"))
    assert found == expected
    assert bool(found) is (name != "valid" and name not in TYPED_REFUSES_VALID)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_typed_verdict(validators: tuple[SnapshotValidator, Any], name: str) -> None:
    two_tier, _single = validators
    document = copy.deepcopy(BASE)
    MUTATIONS[name](document)
    assert two_tier._typed is not None
    assert two_tier._typed.valid(document) is (name == "valid")


def test_typed_types_for_every_built_in_profile() -> None:
    """Every built-in profile's schema translates, and its examples pass as they are."""
    from sheyin.testing import example_cases

    app = Sheyin()
    names = sorted({listing.name for listing in app.profiles() if not listing.errors})
    assert {"yulin", "guangdong", "guangdong.guangzhou", "national", "zhengyin"} <= set(names)
    for name in names:
        validator = app.parser(app.load_profile(name)).validator
        assert validator._typed is not None, name
        for case in example_cases(app, name):
            document = to_jsonable(case.snapshot)
            assert validator.problems(document, "f") == ()
            assert validator._typed.valid(document), (name, case.requirement)


# Random values at random places of a valid snapshot: what the msgspec types accept, the
# schema accepts.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-2, 2, allow_nan=False)
    | st.sampled_from(["", "2025-02-30", "2025-03-01", "conform", "staff", "i1", "drill", "挂牌"])
    | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["on", "type", "id", "item", "pages", "result", "x"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)


def places(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of ``document``, and where a new key could go."""
    found: list[tuple[Any, Any]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        keys = [*list(node), "extra"] if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            child = node.get(key) if isinstance(node, dict) else node[key]
            if isinstance(child, (dict, list)):
                stack.append(child)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_typed_accepts_only_what_the_schema_accepts(
    validators: tuple[SnapshotValidator, Any], data: st.DataObject
) -> None:
    two_tier, single = validators
    document = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = data.draw(st.sampled_from(places(document)))
        container[key] = data.draw(JSON_VALUES)
    assert two_tier._typed is not None
    if two_tier._typed.valid(document):
        assert not list(explain(single, document, "f"))


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


def test_a_schema_the_types_cannot_express_is_judged_by_the_other_tiers(
    validators: tuple[SnapshotValidator, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, single = validators
    app = Sheyin(entry_points=toy_entry_points())
    profile = app.load_profile("toy")
    schema = copy.deepcopy(app.snapshot_schema(profile))
    # An if/then/else branch among the event types: not the shape the types translate.
    schema["$defs"]["event"]["allOf"].append(
        {"if": {"required": ["x"]}, "then": {"required": ["on"]}, "else": {"required": ["on"]}}
    )
    validator = SnapshotValidator(schema, profile.vocabulary)
    assert validator._typed is None
    monkeypatch.setattr(validate, "TYPED_MIN_OUTLETS", 0)
    document = copy.deepcopy(BASE)
    assert validator.problems(document, "f") == ()
    MUTATIONS["bad date"](document)
    expected = sorted((p.pointer, p.text.zh) for p in explain(single, document, "f"))
    assert sorted((p.pointer, p.text.zh) for p in validator.problems(document, "f")) == expected


@pytest.mark.parametrize("typed", [False, True], ids=["records", "whole"])
def test_validating_never_fills_in_a_schema_default(
    typed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Sheyin(entry_points=toy_entry_points())
    profile = app.load_profile("toy")
    schema = copy.deepcopy(app.snapshot_schema(profile))
    schema["$defs"]["outlet"]["properties"]["address"]["default"] = "未填写"
    schema["$defs"]["staff"]["properties"]["phone"]["default"] = "未填写"
    monkeypatch.setattr(validate, "TYPED_MIN_OUTLETS", 0 if typed else 10**9)
    document = copy.deepcopy(BASE)
    assert SnapshotValidator(schema, profile.vocabulary).problems(document, "f") == ()
    assert document == BASE


def test_a_pattern_python_cannot_read_is_left_to_the_compiled_validator() -> None:
    from sheyin.snapshot.typed import TypedSnapshot

    tested: list[Any] = []

    def compile_part(part: Any) -> Any:  # stands for a validator that reads this pattern
        def accepts(value: Any) -> bool:
            tested.append(value)
            return isinstance(value, str) and "x" in value

        return accepts

    code = {"type": "string", "pattern": "(?<named>x)"}  # ECMA syntax; Python wants ?P<named>
    typed = TypedSnapshot({"type": "object", "properties": {"code": code}}, compile_part, {})
    assert typed.valid({"code": "axb"})
    assert not typed.valid({"code": "ab"})
    assert tested == ["axb", "ab"]

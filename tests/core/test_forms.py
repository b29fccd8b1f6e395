"""Filling forms from a snapshot, and their data schema."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sheyin import InputError, Sheyin
from sheyin.forms import FormFiller, form_schema, resolve_scope
from sheyin.schemas import build_validator


def fill(
    app: Sheyin, snapshot: dict[str, Any], form_id: str, *, for_filing: bool = False, **scope: str
) -> dict[str, Any]:
    profile = app.load_profile("toy", date(2025, 6, 1))
    form = profile.form(form_id)
    assert form is not None
    parsed = app.parse_snapshot(snapshot, profile)
    found = resolve_scope(parsed, form, **scope)
    return FormFiller(profile, parsed, found, date(2025, 6, 1), for_filing=for_filing).fill(form)


def test_header_fields_and_rows(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    data = fill(toy_app, snapshot, "T.1", outlet="o1")
    assert data["fields"] == {
        "bank": "测试银行",
        "kind": "银行营业网点",
        "filed_on": "2025-06-01",
        "agreed_on": "2025-02-10",
        "signature": None,
    }
    assert data["rows"] == [
        {
            "no": 1,
            "name": "张三",
            "id_number": "110105********002X",
            "phone": None,
            "posts": "管理岗、经办岗",
        }
    ]
    assert data["spec"]["size"] == {"label": "规格", "value": "60 × 40", "unit": "cm"}
    assert data["subject"] == "outlets/o1"


def test_identity_numbers_unmasked_only_for_filing(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    data = fill(toy_app, snapshot, "表T.1", outlet="o1", for_filing=True)
    assert data["rows"][0]["id_number"] == "11010519491231002X"


def test_phone_numbers_masked_unless_for_filing(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["outlets"][0]["staff"][0]["phone"] = "13800001234"
    shown = fill(toy_app, snapshot, "T.1", outlet="o1")
    filed = fill(toy_app, snapshot, "T.1", outlet="o1", for_filing=True)
    assert shown["rows"][0]["phone"] == "138****1234"
    assert filed["rows"][0]["phone"] == "13800001234"


def test_filled_data_validates_against_the_form_schema(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    profile = toy_app.load_profile("toy", date(2025, 6, 1))
    validator = build_validator(form_schema(profile, profile.form("T.1")))  # type: ignore[arg-type]
    data = fill(toy_app, snapshot, "T.1", outlet="o1")
    validator.validate(data)
    data["rows"][0]["name"] = None  # required
    assert list(validator.iter_errors(data))


def test_rows_over_handover_counts(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    data = fill(toy_app, snapshot, "T.2", outlet="o1")
    assert data["rows"] == [{"item": "参保登记", "volumes": 2}]


def test_staff_who_left_are_not_listed(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["outlets"][0]["staff"][0]["left_on"] = "2025-05-01"
    assert fill(toy_app, snapshot, "T.1", outlet="o1")["rows"] == []


def test_outlet_scope_needs_an_outlet(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        fill(toy_app, snapshot, "T.1", partnership="p1")
    assert "--outlet" in caught.value.render("zh")


def test_unknown_outlet_is_named(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        fill(toy_app, snapshot, "T.1", outlet="o9")
    assert "快照中没有 id 为“o9”的记录" in caught.value.render("zh")

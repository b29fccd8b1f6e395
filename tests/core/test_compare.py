"""Comparing profiles: diff, harmonisation with a baseline, catalogue alignment (toy profiles)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from sheyin import ProfileError, Sheyin
from sheyin.compare.catalogues import compare_catalogues
from sheyin.compare.diff import diff
from sheyin.compare.harmonise import harmonise
from sheyin.schemas import SchemaStore, build_validator

DAY = date(2025, 6, 1)


def rows_by_key(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["aspect"], r["key"]): r for r in data["rows"]}


def test_diff_of_a_profile_with_itself_is_all_same(toy_app: Sheyin) -> None:
    toy = toy_app.load_profile("toy")
    result = diff(toy, toy, toy_app.services, DAY)
    assert {row.status for row in result.rows} == {"same"}


def test_diff_marks_differences_and_one_sided_rows(toy_app: Sheyin) -> None:
    result = diff(
        toy_app.load_profile("toy"), toy_app.load_profile("toy.city"), toy_app.services, DAY
    ).to_dict()
    rows = rows_by_key(result)
    zones = rows[("zones", "bank_branch")]
    assert zones["status"] == "differs"
    assert zones["a"]["value"] == "必须：业务等候区、受理区；可：导办区"
    assert (
        zones["b"]["value"] == "必须：导办区、业务等候区、受理区"
    )  # own requirements first, then inherited
    notice = rows[("thresholds", "notice/partnership/notice/termination")]
    assert (notice["status"], notice["a"]["value"], notice["b"]["value"]) == (
        "differs",
        "至少间隔 30 天",
        "至少间隔 60 天",
    )
    assert rows[("catalogue", "item:i1")]["status"] == "only_a"  # the city list narrowed it away
    assert rows[("catalogue", "item:i2")]["status"] == "same"
    build_validator(SchemaStore().schema("profile-diff")).validate(result)


def test_diff_in_english(toy_app: Sheyin) -> None:
    result = diff(
        toy_app.load_profile("toy"), toy_app.load_profile("toy.city"), toy_app.services, DAY
    ).to_dict("en")
    assert (
        rows_by_key(result)[("zones", "bank_branch")]["b"]["value"]
        == "required: Guidance area, Waiting area, Acceptance area"
    )


def test_harmonise_follows_declared_relations(toy_app: Sheyin) -> None:
    report = harmonise(toy_app.load_profile("toy"), [toy_app.load_profile("toy.city")])
    cells = {row.baseline.id: row.cells["toy.city"] for row in report.rows if row.baseline}
    assert (cells["toy.zones.optional"].status, cells["toy.zones.optional"].cites) == (
        "exceeds",
        ("一",),
    )
    assert cells["toy.zones"].status == "meets"  # inherited through extends
    assert not [row for row in report.rows if row.baseline is None]  # toy.city.zones is mapped
    build_validator(SchemaStore().schema("profile-compare")).validate(report.to_dict())


def test_harmonise_needs_a_declared_relation(toy_app: Sheyin) -> None:
    with pytest.raises(ProfileError) as caught:
        harmonise(toy_app.load_profile("toy.city"), [toy_app.load_profile("toy")])
    assert "未声明与“toy.city”的关系" in caught.value.render("zh")


def test_diff_uses_the_catalogue_in_force(toy_app: Sheyin) -> None:
    toy = toy_app.load_profile("toy")
    old = diff(toy, toy_app.load_profile("toy.city"), toy_app.services, date(2024, 6, 1)).to_dict()
    assert rows_by_key(old)[("catalogue", "item:old")]["status"] == "only_a"


def test_catalogue_comparison_lists_unmapped_items(toy_app: Sheyin) -> None:
    profiles = [toy_app.load_profile("toy"), toy_app.load_profile("toy.city")]
    data = compare_catalogues(profiles, toy_app.services, DAY).to_dict()
    assert data["services"] == []
    assert data["unmapped"] == {"toy": ["参保登记", "权益查询"], "toy.city": ["权益查询"]}
    build_validator(SchemaStore().schema("catalogue-compare")).validate(
        json.loads(json.dumps(data))
    )

"""Comparing profiles: diff, harmonisation with a baseline, catalogue alignment (toy profiles)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheyin import ProfileError, Sheyin
from sheyin.cli.compare import compare_markdown
from sheyin.compare.catalogues import compare_catalogues
from sheyin.compare.diff import diff
from sheyin.compare.harmonise import harmonise
from sheyin.schemas import SchemaStore, build_validator
from support import TOY, FakeEntryPoint, ProfilesPlugin

DAY = date(2025, 6, 1)


def rows_by_key(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["aspect"], r["key"]): r for r in data["rows"]}


def test_diff_of_a_profile_with_itself_is_all_same(toy_app: Sheyin) -> None:
    toy = toy_app.load_profile("toy")
    result = diff(toy, toy, toy_app.services, DAY, toy_app.kinds)
    assert {row.status for row in result.rows} == {"same"}


def test_diff_marks_differences_and_one_sided_rows(toy_app: Sheyin) -> None:
    result = diff(
        toy_app.load_profile("toy"),
        toy_app.load_profile("toy.city"),
        toy_app.services,
        DAY,
        toy_app.kinds,
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
        toy_app.load_profile("toy"),
        toy_app.load_profile("toy.city"),
        toy_app.services,
        DAY,
        toy_app.kinds,
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
    old = diff(
        toy, toy_app.load_profile("toy.city"), toy_app.services, date(2024, 6, 1), toy_app.kinds
    ).to_dict()
    assert rows_by_key(old)[("catalogue", "item:old")]["status"] == "only_a"


def test_catalogue_comparison_lists_unmapped_items(toy_app: Sheyin) -> None:
    profiles = [toy_app.load_profile("toy"), toy_app.load_profile("toy.city")]
    data = compare_catalogues(profiles, toy_app.services, DAY).to_dict()
    assert data["services"] == []
    assert data["unmapped"] == {"toy": ["参保登记", "权益查询"], "toy.city": ["权益查询"]}
    build_validator(SchemaStore().schema("catalogue-compare")).validate(
        json.loads(json.dumps(data))
    )


def city_variant(tmp_path: Path, profile_extra: str, requirements_extra: str = "") -> Sheyin:
    """The toy city profile with its baseline replaced and requirements added; loaded."""
    root = tmp_path / "toy"
    shutil.copytree(TOY, root)
    city = root / "data_city"
    text = (city / "profile.toml").read_text("utf-8")
    (city / "profile.toml").write_text(
        text[: text.index("[[baseline]]")] + profile_extra, encoding="utf-8"
    )
    with (city / "requirements.toml").open("a", encoding="utf-8") as handle:
        handle.write(requirements_extra)
    plugin = ProfilesPlugin(("toy", "data"), ("toy.city", "data_city"), root=root)
    app = Sheyin(entry_points=lambda: [FakeEntryPoint("toy", plugin)])
    app.load_profile("toy.city")
    return app


def test_tightening_without_by_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        city_variant(
            tmp_path, '[[baseline]]\nrequirement = "toy.zones.optional"\nrelation = "tightens"\n'
        )
    assert "relation = tightens 须在 by 中列出本规范的对应要求" in caught.value.render("zh")


def test_cites_are_listed_once_and_kept_by_reference_is_explained(tmp_path: Path) -> None:
    extra_requirement = (
        '\n[[requirements]]\nid = "toy.city.zones2"\nclause = "一"\ntitle = "t"\ntext = "t"\n'
        'modal = "应"\nmanual = "m"\n'
    )
    baseline = (
        '[[baseline]]\nrequirement = "toy.zones.optional"\nrelation = "tightens"\n'
        'by = ["toy.city.zones", "toy.city.zones2"]\n\n'
        '[[baseline]]\nrequirement = "toy.zones"\nrelation = "keeps"\n'
    )
    app = city_variant(tmp_path, baseline, extra_requirement)
    report = harmonise(app.load_profile("toy"), [app.load_profile("toy.city")])
    cells = {row.baseline.id: row.cells["toy.city"] for row in report.rows if row.baseline}
    assert cells["toy.zones.optional"].cites == ("一",)
    assert (cells["toy.zones"].status, cells["toy.zones"].note) == ("meets", "adopted by reference")


def test_report_names_regions_for_people(toy_app: Sheyin) -> None:
    data = harmonise(toy_app.load_profile("toy"), [toy_app.load_profile("toy.city")]).to_dict()
    assert data["region_names"] == {"toy.city": "测试市规范"}


def test_compare_says_when_it_reads_replaces_as_meets(tmp_path: Path) -> None:
    baseline = (
        '[[baseline]]\nrequirement = "toy.zones.optional"\nrelation = "replaces"\n'
        'by = ["toy.city.zones"]\n'
    )
    app = city_variant(tmp_path, baseline)
    report = harmonise(app.load_profile("toy"), [app.load_profile("toy.city")], app.kinds)
    data = report.to_dict()
    build_validator(SchemaStore().schema("profile-compare")).validate(data)
    [row] = [
        r
        for d in data["dimensions"]
        for r in d["rows"]
        if r["baseline"] and r["baseline"]["requirement"] == "toy.zones.optional"
    ]
    cell = row["regions"]["toy.city"]
    assert (cell["status"], cell["relation"]) == ("meets", "replaces")
    assert row["requires"] == ["银行营业网点：导办区"]  # what the baseline asks
    assert cell["requires"] == ["银行营业网点：导办区"]  # what the replacement asks
    assert "符合（替代）（一）" in compare_markdown(report, "zh")


def test_a_fact_two_carrying_requirements_state_is_listed_once(tmp_path: Path) -> None:
    extra_requirement = (
        '\n[[requirements]]\nid = "toy.city.zones2"\nclause = "二"\ntitle = "t"\ntext = "t"\n'
        'modal = "应"\ncheck = { kind = "outlet_has", field = "zones", outlet_kinds = ["bank_branch"], all = ["导办区"] }\n'
    )
    baseline = (
        '[[baseline]]\nrequirement = "toy.zones.optional"\nrelation = "tightens"\n'
        'by = ["toy.city.zones", "toy.city.zones2"]\n'
    )
    app = city_variant(tmp_path, baseline, extra_requirement)
    report = harmonise(app.load_profile("toy"), [app.load_profile("toy.city")], app.kinds)
    [cell] = [
        r.cells["toy.city"]
        for r in report.rows
        if r.baseline and r.baseline.id == "toy.zones.optional"
    ]
    assert [t.zh for t in cell.requires] == ["银行营业网点：导办区"]

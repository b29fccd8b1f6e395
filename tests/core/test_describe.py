"""Check kinds describe what they require; diff and show read only those descriptions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import attrs
import pytest
from click.testing import CliRunner

from sheyin import Sheyin
from sheyin.cli import cli, profiles  # noqa: F401 - registers the commands
from sheyin.compare.diff import diff
from sheyin.compare.facts import facts, requirement_facts
from sheyin.plugin import CheckKind, DescribeContext, Fact, Profile, Requirement, Text
from support import toy_entry_points

DAY = date(2025, 6, 1)


@attrs.frozen
class Ratio:
    """At most ``ratio`` of a bank's outlets in rectification."""

    ratio: float


def describe_ratio(ctx: DescribeContext, _: Requirement, params: Ratio) -> Iterator[Fact]:
    yield Fact(
        "rectification",
        "ratio",
        Text("整改网点比例", "Outlets in rectification"),
        Text(f"不超过 {params.ratio:.0%}", f"at most {params.ratio:.0%}"),
        f"max={params.ratio}",
        aspect_label=Text("整改", "Rectification"),
    )


RATIO = CheckKind("demo.ratio", Ratio, lambda *_: iter(()), "", describe=describe_ratio)
UNDESCRIBED = CheckKind("demo.plain", Ratio, lambda *_: iter(()), "")


def with_check(profile: Profile, requirement_id: str, kind: str, params: object) -> Profile:
    """``profile`` with one requirement's check replaced."""
    requirements = tuple(
        attrs.evolve(r, check=attrs.evolve(r.check, kind=kind, params=params))
        if r.id == requirement_id and r.check
        else r
        for r in profile.requirements
    )
    return attrs.evolve(profile, requirements=requirements)


@pytest.fixture
def kinds(toy_app: Sheyin) -> dict[str, CheckKind]:
    return {**toy_app.kinds, RATIO.name: RATIO, UNDESCRIBED.name: UNDESCRIBED}


def test_every_installed_kind_describes_itself() -> None:
    undescribed = [name for name, kind in Sheyin().kinds.items() if kind.describe is None]
    assert undescribed == []


def test_a_plugin_kind_is_compared_as_it_describes_itself(
    toy_app: Sheyin, kinds: dict[str, CheckKind]
) -> None:
    toy = toy_app.load_profile("toy", DAY)
    strict = with_check(toy, "toy.code", "demo.ratio", Ratio(0.2))
    loose = with_check(toy, "toy.code", "demo.ratio", Ratio(0.3))
    rows = {(r.aspect, r.key): r for r in diff(strict, loose, toy_app.services, DAY, kinds).rows}
    row = rows[("rectification", "ratio")]
    assert row.status == "differs"
    assert row.a is not None
    assert row.a.value.zh == "不超过 20%"
    assert row.a.cites == (toy.requirement("toy.code").clause,)  # type: ignore[union-attr]
    only = {
        (r.aspect, r.key): r.status for r in diff(strict, toy, toy_app.services, DAY, kinds).rows
    }
    assert only[("rectification", "ratio")] == "only_a"


def test_plugin_aspects_follow_cores(toy_app: Sheyin, kinds: dict[str, CheckKind]) -> None:
    toy = with_check(toy_app.load_profile("toy", DAY), "toy.code", "demo.ratio", Ratio(0.2))
    data = diff(toy, toy, toy_app.services, DAY, kinds).to_dict("en")
    assert data["rows"][-1]["aspect"] == "rectification"
    assert data["rows"][-1]["aspect_label"] == "Rectification"


def test_a_kind_without_describe_appears_as_another_rule(
    toy_app: Sheyin, kinds: dict[str, CheckKind]
) -> None:
    toy = with_check(toy_app.load_profile("toy", DAY), "toy.code", "demo.plain", Ratio(0.2))
    [fact] = requirement_facts(toy, toy.requirement("toy.code"), kinds)  # type: ignore[arg-type]
    assert (fact.aspect, fact.key) == ("other", "demo.plain")
    assert fact.value.zh == toy.requirement("toy.code").title  # type: ignore[union-attr]


def test_one_requirement_or_two_state_the_same_zones(toy_app: Sheyin) -> None:
    toy = toy_app.load_profile("toy", DAY)
    zones = toy.requirement("toy.zones")
    assert zones is not None
    assert zones.check is not None
    waiting, acceptance = zones.check.params.all
    split = attrs.evolve(
        toy,
        requirements=(
            attrs.evolve(
                zones,
                check=attrs.evolve(
                    zones.check, params=attrs.evolve(zones.check.params, all=(waiting,))
                ),
            ),
            attrs.evolve(
                zones,
                id="toy.zones.b",
                check=attrs.evolve(
                    zones.check, params=attrs.evolve(zones.check.params, all=(acceptance,))
                ),
            ),
            *(r for r in toy.requirements if r.id != "toy.zones"),
        ),
    )
    [row] = [
        r
        for r in diff(toy, split, toy_app.services, DAY, toy_app.kinds).rows
        if (r.aspect, r.key) == ("zones", "bank_branch")
    ]
    assert row.status == "same"


def test_merged_values_list_required_before_optional(toy_app: Sheyin) -> None:
    found = {
        (f.aspect, f.key): f
        for f in facts(toy_app.load_profile("toy", DAY), toy_app.services, DAY, toy_app.kinds)
    }
    assert found[("zones", "bank_branch")].value.zh == "必须：业务等候区、受理区；可：导办区"


def show(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """``sheyin profile show`` seeing the toy plugin only."""
    original = Sheyin.__init__

    def toy_init(self: Sheyin, **_: object) -> None:
        original(self, entry_points=toy_entry_points())

    monkeypatch.setattr(Sheyin, "__init__", toy_init)
    result = CliRunner().invoke(cli, ["profile", "show", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_profile_show_says_what_each_requirement_requires(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(show(monkeypatch, "toy", "--json"))
    requirements = {r["id"]: r for r in data["requirements"]}
    [zones] = requirements["toy.zones"]["requires"]
    assert (zones["aspect"], zones["label"], zones["value"]) == (
        "zones",
        "银行营业网点",
        "业务等候区、受理区",
    )
    assert requirements["toy.kind"]["declared_by"] == "toy"


def test_profile_show_names_the_requirements_core_adds(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(show(monkeypatch, "toy", "--json"))
    added = [r["id"] for r in data["requirements"] if r["declared_by"] == "core"]
    assert added == ["core.identity.id_number", "core.identity.credit_code"]
    assert "核心为每个规范加入 2 条标识核验要求" in show(monkeypatch, "toy")


def test_profile_show_shows_a_transition_condition(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.loads(show(monkeypatch, "toy", "--json"))
    conditions = [
        t["when"] for m in data["lifecycles"].values() for t in m["transitions"] if t["when"]
    ]
    assert conditions
    assert "result=conform" in show(monkeypatch, "toy")

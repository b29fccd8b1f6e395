"""How national records are read (DESIGN "How records are read"): each mechanism with a
violating outlet and a compliant control side by side in one snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.engine.findings import Report

AGREED = [{"on": "2025-01-02", "type": "application"}, {"on": "2025-02-01", "type": "agreement"}]
# No siting record: 合理布点 is a decision no record shows, never a required step.
SERVING = [
    {"on": "2025-01-25", "type": "inspection", "result": "conform"},
    {"on": "2025-02-10", "type": "plaque"},
]


def outlet(oid: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": oid,
        "partnership": "p",
        "kind": "bank_branch",
        "zones": ["受理区"],
        "equipment": ["计算机"],
        "events": events,
        **extra,
    }


def check(*outlets: dict[str, Any]) -> Report:
    return Sheyin().check(
        {
            "profile": "national",
            "as_of": "2025-06-01",
            "departments": [{"id": "d"}],
            "banks": [{"id": "b"}],
            "partnerships": [{"id": "p", "department": "d", "bank": "b", "events": AGREED}],
            "outlets": list(outlets),
        }
    )


def subjects(report: Report, rule: str) -> set[str]:
    return {f.subject for f in report.by_rule(rule)}


def staff(sid: str, *permissions: str) -> dict[str, Any]:
    return {"id": sid, "name": "王敏", "permissions": list(permissions), "joined_on": "2025-01-10"}


def test_outlets_without_a_siting_record_are_not_refused() -> None:
    report = check(
        outlet("o", SERVING), outlet("o2", [{"on": "2025-01-05", "type": "siting"}, *SERVING])
    )
    assert not report.by_rule("national.procedure.order")


class TestOneMissingStep:
    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        no_inspection = [{"on": "2025-02-10", "type": "plaque"}]
        return check(
            outlet("o-skip", no_inspection, staff=[staff("s1", "accept")]),
            outlet("o-ok", SERVING, staff=[staff("s2", "accept")]),
        )

    def test_one_finding_citing_the_inspection(self, report: Report) -> None:
        [finding] = report.by_rule("national.procedure.order")
        assert finding.subject == "outlets/o-skip"
        assert finding.message.startswith("挂牌（2025-02-10）之前未见检查验收")

    def test_the_outlet_still_serves_and_is_checked_as_serving(self, report: Report) -> None:
        # Serving after its plaque, the outlet's permissions are not "before service".
        assert not report.by_rule("national.procedure.serving_after_plaque")


def test_items_outside_every_published_list_are_findings_not_input_errors() -> None:
    report = check(
        outlet("o", SERVING, items=["办理护照"]),
        outlet("o2", SERVING),
    )
    assert subjects(report, "national.handling.item_list") == {"outlets/o"}


def test_leaving_seals_the_permissions() -> None:
    forced = [*SERVING, {"on": "2025-05-01", "type": "forced_exit"}]
    report = check(
        outlet("o-left", forced, staff=[staff("s1", "accept")]),
        outlet("o-sealed", forced, staff=[staff("s2")]),
        outlet("o-serving", SERVING, staff=[staff("s3", "accept")]),
    )
    assert subjects(report, "national.permissions.sealed_on_exit") == {"outlets/o-left/staff/s1"}


def test_serving_before_the_plaque_is_a_finding() -> None:
    grant = {
        "on": "2025-02-01",
        "type": "permission_grant",
        "staff": "s1",
        "permissions": ["accept"],
    }
    late_grant = {**grant, "on": "2025-02-10", "staff": "s2"}
    report = check(
        outlet("o-early", [SERVING[0], grant, SERVING[1]], staff=[staff("s1", "accept")]),
        outlet("o-ok", [*SERVING, late_grant], staff=[staff("s2", "accept")]),
    )
    assert subjects(report, "national.procedure.serving_after_plaque") == {"outlets/o-early"}


def test_zones_and_equipment_have_a_minimum() -> None:
    report = check(outlet("o-bare", SERVING, zones=[], equipment=[]), outlet("o", SERVING))
    assert subjects(report, "national.basic.site") == {"outlets/o-bare"}
    assert subjects(report, "national.basic.equipment") == {"outlets/o-bare"}


def test_an_evaluation_stated_with_contract_fields_alone_counts() -> None:
    """五（十）: an evaluation carrying only `by` (no profile field) is an evaluation."""
    evaluated = [*AGREED, {"on": "2025-03-01", "type": "evaluation", "by": "department"}]
    report = Sheyin().check(
        {
            "profile": "national",
            "as_of": "2026-02-28",
            "departments": [{"id": "d"}],
            "banks": [{"id": "b"}],
            "partnerships": [
                {"id": "p-evaluated", "department": "d", "bank": "b", "events": evaluated},
                {"id": "p-never", "department": "d", "bank": "b", "events": AGREED},
            ],
            "outlets": [],
        }
    )
    assert subjects(report, "national.supervision.evaluation") == {"partnerships/p-never"}

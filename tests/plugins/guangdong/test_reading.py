"""How Guangdong records are read (DESIGN "How records are read"): each mechanism with a
violating outlet and a compliant control side by side in one snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.engine.findings import Report

AGREED = [
    {"on": "2024-01-10", "type": "application"},
    {"on": "2024-03-01", "type": "inspection", "result": "conform"},
    {"on": "2024-04-01", "type": "agreement"},
]
SERVING = [{"on": "2024-04-15", "type": "plaque"}, {"on": "2024-04-20", "type": "registration"}]


def outlet(oid: str, events: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": oid,
        "partnership": "p1",
        "name": f"网点{oid}",
        "kind": "bank_branch",
        "code": f"GD-4401-{oid}",
        "events": [*SERVING, *events],
        **extra,
    }


def snapshot(
    *outlets: dict[str, Any], partnership: list[dict[str, Any]] = AGREED
) -> dict[str, Any]:
    return {
        "profile": "guangdong",
        "as_of": "2025-06-30",
        "departments": [{"id": "gz", "name": "广州市社会保险基金管理中心"}],
        "banks": [{"id": "b1", "name": "中国工商银行广州分行"}],
        "partnerships": [{"id": "p1", "department": "gz", "bank": "b1", "events": partnership}],
        "outlets": list(outlets),
    }


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def subjects(report: Report, rule: str) -> set[str]:
    return {f.subject for f in report.by_rule(rule)}


EXIT_APPROVED = [
    {"on": "2025-03-01", "type": "exit_request"},
    {"on": "2025-04-01", "type": "exit_approved"},
]
DUTIES_DONE = [
    {"on": "2025-04-03", "type": "announcement"},
    {"on": "2025-04-05", "type": "materials_handover", "sealed": True, "witness": "two_persons"},
    {"on": "2025-04-06", "type": "plaque_removed"},
]
STAFF = [{"id": "s1", "name": "王敏", "permissions": ["accept"], "joined_on": "2024-04-10"}]


@pytest.fixture(scope="module")
def leaving(app: Sheyin) -> Report:
    """o1's exit was approved and nothing followed; o2 (the control) did its duties."""
    return app.check(
        snapshot(
            outlet("o1", EXIT_APPROVED, staff=STAFF),
            outlet("o2", [*EXIT_APPROVED, *DUTIES_DONE], staff=[{**STAFF[0], "id": "s2"}]),
        )
    )


class TestLeavingStartsDuties:
    """第三十五条“核准后可以退出”: an approved exit ends service; the 第三十七条 duties start."""

    @pytest.mark.parametrize(
        "rule",
        [
            "guangdong.termination.announcement",
            "guangdong.termination.handover",
            "guangdong.termination.signs",
        ],
    )
    def test_duty_after_an_approved_exit(self, leaving: Report, rule: str) -> None:
        assert subjects(leaving, rule) == {"outlets/o1"}

    def test_permissions_sealed_after_an_approved_exit(self, leaving: Report) -> None:
        # Both still hold 受理: o2 did its other duties but did not seal the account.
        assert subjects(leaving, "guangdong.termination.permissions") == {
            "outlets/o1/staff/s1",
            "outlets/o2/staff/s2",
        }

    def test_signs_may_come_down_after_the_approval(self, leaving: Report) -> None:
        assert not leaving.by_rule("guangdong.lifecycle.termination")

    def test_forced_exit_starts_the_duties_too(self, app: Sheyin) -> None:
        forced = [{"on": "2025-04-01", "type": "forced_exit", "ground": "（三）"}]
        report = app.check(
            snapshot(outlet("o1", forced), outlet("o2", [*forced, *DUTIES_DONE[:1]]))
        )
        assert subjects(report, "guangdong.termination.announcement") == {"outlets/o1"}


@pytest.fixture(scope="module")
def skipped(app: Sheyin) -> Report:
    """o1's exit was approved with no request recorded; o2 (the control) asked first."""
    approved_only = [{"on": "2025-04-01", "type": "exit_approved"}, *DUTIES_DONE]
    return app.check(
        snapshot(outlet("o1", approved_only), outlet("o2", [*EXIT_APPROVED, *DUTIES_DONE]))
    )


class TestOneMissingStep:
    """Events happened: an exit approved without a request is one finding, not a cascade."""

    def test_one_finding_citing_the_request(self, skipped: Report) -> None:
        lifecycle = [f for f in skipped.findings if ".lifecycle." in f.rule]
        assert [(f.rule, f.subject, f.clause) for f in lifecycle] == [
            ("guangdong.lifecycle.voluntary_exit", "outlets/o1", "第三十五条")
        ]
        assert "退出申请" in lifecycle[0].message

    def test_the_record_still_left_the_cooperation(self, skipped: Report) -> None:
        # Its duties are judged as done: nothing is charged for the announcement or signs.
        assert not skipped.by_rule("guangdong.termination.signs")
        assert not skipped.by_rule("guangdong.termination.announcement")


class TestContractFieldsFirst:
    """第三十四条: by = "bank" is the bank's self-assessment, by = "department" the agency's."""

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls, app: Sheyin) -> Report:
        document = snapshot(outlet("o1", []))
        document["banks"].append({"id": "b2", "name": "中国建设银行广州分行"})
        document["partnerships"][0]["events"] = [
            *AGREED,
            {"on": "2025-03-01", "type": "evaluation", "by": "bank"},
            {"on": "2025-04-01", "type": "evaluation", "by": "department"},
        ]
        document["partnerships"].append(
            {
                "id": "p2",
                "department": "gz",
                "bank": "b2",
                "events": [*AGREED, {"on": "2025-03-01", "type": "evaluation", "by": "outlet"}],
            }
        )
        return app.check(document)

    def test_self_assessment_read_from_by(self, report: Report) -> None:
        assert subjects(report, "guangdong.evaluation.self") == {"partnerships/p2"}

    def test_agency_evaluation_read_from_by(self, report: Report) -> None:
        assert subjects(report, "guangdong.evaluation.agency") == {"partnerships/p2"}


def test_a_stray_item_is_a_finding_dated_by_the_catalogue_in_force(app: Sheyin) -> None:
    """第十六条 / 附件2: an item outside the catalogue is reported, the rest still checked."""
    report = app.check(
        snapshot(
            outlet("o1", [], items=["参保登记", "办理护照"]),
            outlet("o2", [], items=["参保登记"]),
        )
    )
    [finding] = report.by_rule("guangdong.catalogue.in_catalogue")
    assert (finding.subject, finding.path) == ("outlets/o1", "/outlets/0/items/1")
    assert "2025-06-30" in finding.message


# --- a workspace parameter ([parameters] in sheyin.toml) reaches the check ---------------------


def staffed(oid: str, last_login: str) -> dict[str, Any]:
    member = {
        "id": f"{oid}-s",
        "name": "李敏",
        "permissions": ["受理"],
        "joined_on": "2024-04-15",
        "last_login": last_login,
    }
    return outlet(oid, [], staff=[member])


@pytest.mark.parametrize(
    ("parameters", "idle"),
    [
        ({}, set()),  # 第二十一条第（三）项: three months by default; neither is that idle
        (
            {"inactive_months": 2},
            {"outlets/o-idle/staff/o-idle-s"},
        ),  # the workspace's stricter term
    ],
)
def test_workspace_parameter_sets_the_idle_term(parameters: dict[str, Any], idle: set[str]) -> None:
    report = Sheyin(parameters=parameters).check(
        snapshot(staffed("o-idle", "2025-04-10"), staffed("o-active", "2025-06-20"))
    )
    assert subjects(report, "guangdong.permissions.inactive") == idle

"""How the zhengyin profile reads records: violators and compliant controls side by side."""

from __future__ import annotations

from typing import Any

import pytest

from sheyin import Finding, Sheyin


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def snapshot(*outlets: dict[str, Any], agreement: str | None = "2024-03-01") -> dict[str, Any]:
    events = [{"on": agreement, "type": "agreement"}] if agreement else []
    return {
        "profile": "zhengyin",
        "as_of": "2025-06-30",
        "departments": [{"id": "d"}],
        "banks": [{"id": "b"}],
        "partnerships": [{"id": "p", "department": "d", "bank": "b", "events": events}],
        "outlets": [{"partnership": "p", "kind": "bank_branch", **o} for o in outlets],
    }


def subjects(app: Sheyin, rule: str, document: dict[str, Any]) -> set[str]:
    return {f.subject for f in app.check(document).by_rule(rule)}


def findings(app: Sheyin, rule: str, document: dict[str, Any]) -> tuple[Finding, ...]:
    return app.check(document).by_rule(rule)


# --- 5.4 staff: 专/兼职, counted only while serving on the as-of date ----------------------------


def test_part_time_staff_alone_satisfy_5_4_while_joined_and_not_left(app: Sheyin) -> None:
    document = snapshot(
        {
            "id": "part_time",
            "staff": [{"id": "a", "employment": "part_time", "joined_on": "2024-03-10"}],
        },
        {"id": "left", "staff": [{"id": "b", "joined_on": "2024-03-10", "left_on": "2025-06-01"}]},
        {"id": "not_yet", "staff": [{"id": "c", "joined_on": "2025-07-01"}]},
    )
    assert subjects(app, "zhengyin.staff.assigned", document) == {"outlets/left", "outlets/not_yet"}


def test_deputy_may_be_part_time_and_hold_other_posts(app: Sheyin) -> None:
    serving = {
        "id": "a",
        "posts": ["经办岗", "帮办"],
        "employment": "part_time",
        "joined_on": "2024-03-10",
    }
    departed = {"id": "b", "posts": ["帮办"], "joined_on": "2024-03-10", "left_on": "2025-05-31"}
    document = snapshot({"id": "served", "staff": [serving]}, {"id": "gone", "staff": [departed]})
    assert subjects(app, "zhengyin.deputy.team", document) == {"outlets/gone"}


def test_archive_staff_are_those_holding_the_records_post(app: Sheyin) -> None:
    keeper = {"id": "a", "posts": ["资料岗"], "employment": "part_time", "joined_on": "2024-03-10"}
    handler = {"id": "b", "posts": ["经办岗"], "joined_on": "2024-03-10"}
    document = snapshot({"id": "kept", "staff": [keeper]}, {"id": "none", "staff": [handler]})
    assert subjects(app, "zhengyin.archives.staff", document) == {"outlets/none"}


def test_training_is_required_of_serving_staff_only(app: Sheyin) -> None:
    staff = [
        {"id": "trained", "joined_on": "2024-03-10", "trained_on": "2024-06-01"},
        {"id": "untrained", "joined_on": "2024-03-10"},
        {"id": "departed", "joined_on": "2024-03-10", "left_on": "2025-01-31"},
    ]
    document = snapshot({"id": "o", "staff": staff})
    assert subjects(app, "zhengyin.staff.trained", document) == {"outlets/o/staff/untrained"}


# --- 6.1: the agreement and the item list -------------------------------------------------------


def test_item_list_missing_or_empty_is_a_6_1_finding(app: Sheyin) -> None:
    document = snapshot(
        {"id": "absent"}, {"id": "empty", "items": []}, {"id": "listed", "items": ["银行开户"]}
    )
    found = findings(app, "zhengyin.agreement.item_list", document)
    assert {f.subject for f in found} == {"outlets/absent", "outlets/empty"}
    assert {(f.clause, f.severity) for f in found} == {("6.1", "error")}


def test_agreement_is_the_partnerships_agreement_event(app: Sheyin) -> None:
    assert subjects(app, "zhengyin.agreement.signed", snapshot({"id": "o"}, agreement=None)) == {
        "partnerships/p"
    }
    assert not subjects(app, "zhengyin.agreement.signed", snapshot({"id": "o"}))


def test_no_filing_or_plaque_step_is_required(app: Sheyin) -> None:
    report = app.check(snapshot({"id": "o"}))
    assert not [f for f in report.findings if f.clause.startswith(("4.4", "4.5"))]
    assert not [f for f in report.findings if "lifecycle" in f.rule]


# --- 6.2: open lists --------------------------------------------------------------------------------


def test_listed_categories_and_annex_services_give_no_hint(app: Sheyin) -> None:
    items = ["人社服务", "车驾管服务", "住房公积金服务", "企业办理 POS 机", "融资服务", "医保查询"]
    assert not findings(app, "zhengyin.items.listed", snapshot({"id": "o", "items": items}))


def test_unlisted_items_are_an_info_hint_never_an_error_or_warning(app: Sheyin) -> None:
    items = ["人社服务", "税务服务", "社保费缴纳", "银行开户"]
    found = findings(app, "zhengyin.items.listed", snapshot({"id": "o", "items": items}))
    assert [(f.path, f.severity) for f in found] == [
        ("/outlets/0/items/1", "info"),
        ("/outlets/0/items/2", "info"),
    ]
    assert "税务服务" in found[0].message


def test_unlisted_items_alone_still_make_an_item_list(app: Sheyin) -> None:
    document = snapshot({"id": "o", "items": ["税务服务"]})
    report = app.check(document)
    assert not report.by_rule("zhengyin.agreement.item_list")
    assert [f.severity for f in report.by_rule("zhengyin.items.listed")] == ["info"]


# --- 7.1: the six internal systems; others are welcome ------------------------------------------

SIX = [
    "岗位责任制度",
    "培训考核制度",
    "文件管理制度",
    "联络会商制度",
    "安全保密制度",
    "服务评价制度",
]


def test_each_of_the_six_systems_is_required_and_others_are_free(app: Sheyin) -> None:
    document = snapshot(
        {"id": "all", "systems": [*SIX, "考勤制度", "值班制度"]},
        {"id": "five", "systems": SIX[:5]},
    )
    [found] = findings(app, "zhengyin.systems.established", document)
    assert found.subject == "outlets/five"
    assert "服务评价制度" in found.message
    assert "考勤制度" not in found.message


# --- 7.5, 5.3: periods are parameters with a documented default ------------------------------------


@pytest.mark.parametrize(
    ("last", "found"), [("2024-06-30", False), ("2024-06-29", True), ("2024-05-31", True)]
)
def test_network_assessment_is_due_every_twelve_months(app: Sheyin, last: str, found: bool) -> None:
    events = [{"on": last, "type": "网络安全等级评估"}]
    document = snapshot({"id": "o", "events": events})
    assert bool(findings(app, "zhengyin.security.assessment", document)) is found


def test_periods_the_standard_leaves_open_are_documented_parameters(app: Sheyin) -> None:
    parameters = app.load_profile("zhengyin").parameters
    for name in (
        "maintenance_months",
        "inventory_months",
        "network_assessment_months",
        "drill_months",
        "analysis_months",
    ):
        assert parameters[name].unit == "months"
        assert "未给" in parameters[name].doc


# --- 8.1, 8.2 ---------------------------------------------------------------------------------------


def test_complaint_channels_need_the_box_and_all_three_contacts(app: Sheyin) -> None:
    contacts = {
        "complaint_phone": "1",
        "complaint_website": "https://x.example",
        "complaint_email": "a@x.example",
    }
    document = snapshot(
        {"id": "complete", "facilities": ["意见箱"], **contacts},
        {"id": "no_box", "facilities": ["宣传栏"], **contacts},
        {"id": "phone_only", "facilities": ["意见箱"], "complaint_phone": "1"},
    )
    assert subjects(app, "zhengyin.complaints.suggestion_box", document) == {"outlets/no_box"}
    assert subjects(app, "zhengyin.complaints.contacts", document) == {"outlets/phone_only"}


def test_a_recent_evaluation_is_not_yet_due_for_analysis(app: Sheyin) -> None:
    recent = [{"on": "2025-06-01", "type": "evaluation"}]
    old = [{"on": "2024-06-01", "type": "evaluation"}]
    document = snapshot({"id": "recent", "events": recent}, {"id": "old", "events": old})
    assert subjects(app, "zhengyin.evaluation.analysis", document) == {"outlets/old"}
    assert subjects(app, "zhengyin.evaluation.mechanism", document) == set()


def test_good_bad_review_is_an_evaluation_event(app: Sheyin) -> None:
    document = snapshot(
        {"id": "none"}, {"id": "reviewed", "events": [{"on": "2025-01-31", "type": "服务评价"}]}
    )
    assert subjects(app, "zhengyin.evaluation.mechanism", document) == {"outlets/none"}


# --- 1: scope -----------------------------------------------------------------------------------------


def test_an_outlet_outside_the_scope_is_only_a_hint(app: Sheyin) -> None:
    document = snapshot({"id": "rural", "kind": "rural_service_point"}, {"id": "branch"})
    found = findings(app, "zhengyin.scope.bank_outlets", document)
    assert [(f.subject, f.severity) for f in found] == [("outlets/rural", "info")]


# --- leaving: no procedure, but an outlet that has left is out of scope ------------------------------


def test_an_outlet_that_has_left_is_no_longer_checked(app: Sheyin) -> None:
    left = {"id": "left", "events": [{"on": "2025-03-31", "type": "forced_exit"}]}
    document = snapshot(left, {"id": "serving"})
    report = app.check(document)
    assert "outlets/left" not in {f.subject for f in report.findings}
    assert "outlets/serving" in {f.subject for f in report.by_rule("zhengyin.site.zones")}


def test_a_partnership_that_has_left_needs_no_agreement(app: Sheyin) -> None:
    document = snapshot({"id": "o"}, agreement=None)
    document["partnerships"][0]["events"] = [{"on": "2025-01-31", "type": "termination"}]
    assert not findings(app, "zhengyin.agreement.signed", document)

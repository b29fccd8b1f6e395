"""Focused tests of the check kinds the Guangdong plugin adds."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from sheyin.app import Sheyin

SERVING = [
    {"on": date(2024, 4, 15), "type": "plaque"},
    {"on": date(2024, 4, 20), "type": "registration"},
]
AGREED = [
    {"on": date(2024, 1, 10), "type": "application"},
    {"on": date(2024, 3, 1), "type": "inspection", "result": "conform"},
    {"on": date(2024, 4, 1), "type": "agreement"},
]


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def snapshot(
    outlets: list[dict[str, Any]], partnership_events: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "profile": "guangdong",
        "as_of": date(2025, 6, 30),
        "departments": [{"id": "gz"}],
        "banks": [{"id": "b1"}],
        "partnerships": [
            {
                "id": "p1",
                "department": "gz",
                "bank": "b1",
                "events": AGREED + (partnership_events or []),
            }
        ],
        "outlets": outlets,
    }


def bank_outlets(total: int, forced: int) -> list[dict[str, Any]]:
    result = []
    for i in range(total):
        events = copy.deepcopy(SERVING)
        if i < forced:
            events.append({"on": date(2025, 3, 1), "type": "forced_exit", "ground": "（三）"})
        result.append(
            {
                "id": f"o{i}",
                "partnership": "p1",
                "kind": "bank_branch",
                "code": f"C{i}",
                "events": events,
            }
        )
    return result


def subjects(app: Sheyin, snap: dict[str, Any], rule: str) -> set[str]:
    return {f.subject for f in app.check(snap).by_rule(rule)}


# --- guangdong.forced_exit_ratio ---------------------------------------------------------------


def test_one_forced_exit_of_ten_outlets_is_not_flagged(app: Sheyin) -> None:
    assert subjects(app, snapshot(bank_outlets(10, 1)), "guangdong.exit.bank_ratio") == set()


def test_two_forced_exits_of_ten_outlets_flag_the_partnership(app: Sheyin) -> None:
    assert subjects(app, snapshot(bank_outlets(10, 2)), "guangdong.exit.bank_ratio") == {
        "partnerships/p1"
    }


def test_ratio_reached_but_bank_already_forced_out_is_not_flagged(app: Sheyin) -> None:
    exit_event = {"on": date(2025, 4, 1), "type": "forced_exit", "ground": "（六）"}
    assert (
        subjects(app, snapshot(bank_outlets(10, 2), [exit_event]), "guangdong.exit.bank_ratio")
        == set()
    )


def test_forced_exits_after_the_as_of_date_do_not_count(app: Sheyin) -> None:
    snap = snapshot(bank_outlets(10, 2))
    snap["as_of"] = date(2025, 2, 1)
    assert subjects(app, snap, "guangdong.exit.bank_ratio") == set()


# --- guangdong.failed_rectifications -----------------------------------------------------------

INTERVIEW = {"on": date(2025, 1, 10), "type": "interview"}


def check(on: date, passed: bool) -> dict[str, Any]:
    return {"on": on, "type": "rectification_check", "passed": passed}


def outlet_with(*events: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": "o1",
            "partnership": "p1",
            "kind": "bank_branch",
            "code": "C1",
            "events": SERVING + list(events),
        }
    ]


def test_two_failures_after_an_interview_without_forced_exit_are_flagged(app: Sheyin) -> None:
    snap = snapshot(
        outlet_with(INTERVIEW, check(date(2025, 2, 1), False), check(date(2025, 3, 1), False))
    )
    assert subjects(app, snap, "guangdong.exit.rectification") == {"outlets/o1"}


def test_one_failure_after_an_interview_is_not_flagged(app: Sheyin) -> None:
    snap = snapshot(outlet_with(INTERVIEW, check(date(2025, 2, 1), False)))
    assert subjects(app, snap, "guangdong.exit.rectification") == set()


def test_a_passed_check_between_failures_resets_the_count(app: Sheyin) -> None:
    events = (
        INTERVIEW,
        check(date(2025, 2, 1), False),
        check(date(2025, 2, 15), True),
        check(date(2025, 3, 1), False),
    )
    assert subjects(app, snapshot(outlet_with(*events)), "guangdong.exit.rectification") == set()


def test_failures_before_any_interview_are_not_counted(app: Sheyin) -> None:
    events = (check(date(2024, 12, 1), False), check(date(2024, 12, 20), False), INTERVIEW)
    assert subjects(app, snapshot(outlet_with(*events)), "guangdong.exit.rectification") == set()


def test_forced_exit_of_the_partnership_settles_the_outlet_ground(app: Sheyin) -> None:
    snap = snapshot(
        outlet_with(INTERVIEW, check(date(2025, 2, 1), False), check(date(2025, 3, 1), False)),
        [{"on": date(2025, 4, 1), "type": "forced_exit", "ground": "（二）"}],
    )
    assert subjects(app, snap, "guangdong.exit.rectification") == set()


# --- guangdong.dedicated_posts, and outlets that left service -----------------------------------------


def test_one_person_holding_two_posts_is_info_only(app: Sheyin) -> None:
    staff = [
        {"id": "s1", "posts": ["管理岗", "导办咨询岗"]},
        {"id": "s2", "posts": ["经办岗", "资料岗"]},
    ]
    report = app.check(snapshot([{**outlet_with()[0], "staff": staff}]))
    assert {f.severity for f in report.by_rule("guangdong.posts.dedicated")} == {"info"}
    assert not report.by_rule("guangdong.posts.covered")


def test_closed_outlets_are_not_held_to_optional_zones(app: Sheyin) -> None:
    closed = outlet_with({"on": date(2025, 3, 1), "type": "forced_exit", "ground": "（三）"})
    assert subjects(app, snapshot(closed), "guangdong.zones.optional") == set()


def test_serving_outlets_are_held_to_optional_zones(app: Sheyin) -> None:
    assert subjects(app, snapshot(outlet_with()), "guangdong.zones.optional") == {"outlets/o1"}


def test_self_service_outlet_without_zones_is_not_flagged(app: Sheyin) -> None:
    outlet = {
        "id": "o1",
        "partnership": "p1",
        "kind": "self_service",
        "code": "C1",
        "events": SERVING,
    }
    report = app.check(snapshot([outlet]))
    assert not report.by_rule("guangdong.zones.required")
    assert not report.by_rule("guangdong.zones.optional")

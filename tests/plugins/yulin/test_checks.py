"""Focused tests of the check kinds the yulin plugin adds (sheyin_yulin.checks)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sheyin.app import Sheyin
from sheyin_yulin.checks import KINDS


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def snapshot(
    outlet: dict[str, Any], p_events: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    agreed = [{"on": date(2024, 1, 10), "type": "agreement"}]
    return {
        "as_of": date(2025, 6, 1),
        "departments": [{"id": "yl", **extra.get("department", {})}],
        "banks": [{"id": "glb"}],
        "partnerships": [
            {
                "id": "p1",
                "department": "yl",
                "bank": "glb",
                "events": agreed if p_events is None else p_events,
            }
        ],
        "outlets": [{"id": "o1", "partnership": "p1", "kind": "bank_branch", **outlet}],
    }


def rules(app: Sheyin, document: dict[str, Any], rule: str) -> list[str]:
    return [f.subject for f in app.check(document, profile="yulin").by_rule(rule)]


def test_every_kind_is_prefixed_and_documented() -> None:
    for kind in KINDS:
        assert kind.name.startswith("yulin.")
        assert kind.doc.strip()


def test_items_filed_the_same_day_count_as_in_order(app: Sheyin) -> None:
    same_day = [
        {"on": date(2024, 3, 1), "type": "items_filing", "filed_with": "department"},
        {"on": date(2024, 3, 1), "type": "items_filing", "filed_with": "pboc_yulin"},
    ]
    assert rules(app, snapshot({"items": ["E1-05"], "events": same_day}), "yulin.items.filed") == []


def test_items_filed_once_per_adjustment(app: Sheyin) -> None:
    events = [
        {"on": date(2024, 3, 1), "type": "catalogue_change"},
        {"on": date(2024, 3, 2), "type": "items_filing", "filed_with": "pboc_yulin"},
        {"on": date(2024, 3, 3), "type": "items_filing", "filed_with": "department"},
    ]
    assert rules(app, snapshot({"items": ["E1-05"], "events": events}), "yulin.items.filed") == []


def test_staff_tenure_needs_both_dates(app: Sheyin) -> None:
    staff = [{"id": "s1", "left_on": date(2025, 2, 1)}]
    assert rules(app, snapshot({"staff": staff}), "yulin.bank_branch.stable_staff") == []


def test_plaque_removed_before_the_termination_is_not_due_again(app: Sheyin) -> None:
    outlet_events = [
        {"on": date(2024, 2, 1), "type": "filing", "result": "conform"},
        {"on": date(2024, 3, 1), "type": "plaque"},
        {"on": date(2024, 9, 1), "type": "exit_request"},
        {"on": date(2024, 9, 2), "type": "notice", "by": "bank"},
        {"on": date(2024, 10, 5), "type": "termination"},
        {"on": date(2024, 10, 6), "type": "plaque_removed"},
    ]
    p_events = [
        {"on": date(2024, 1, 10), "type": "agreement"},
        {"on": date(2025, 1, 2), "type": "notice", "by": "bank"},
        {"on": date(2025, 2, 10), "type": "termination"},
    ]
    document = snapshot({"events": outlet_events}, p_events)
    assert rules(app, document, "yulin.bank_termination.plaques_removed") == []


def test_handover_within_the_departments_limit_passes(app: Sheyin) -> None:
    handover = {
        "on": date(2025, 3, 3),
        "type": "materials_handover",
        "received_on": date(2025, 3, 3),
        "handed_over_on": date(2025, 3, 8),
    }
    document = snapshot({"events": [handover]}, department={"handover_limit_days": 5})
    assert rules(app, document, "yulin.flow.handover") == []


def test_filing_after_bank_level_termination_cites_4_2(app: Sheyin) -> None:
    p_events = [
        {"on": date(2024, 1, 10), "type": "agreement"},
        {"on": date(2024, 2, 1), "type": "notice", "by": "bank"},
        {"on": date(2024, 3, 5), "type": "termination"},
    ]
    document = snapshot(
        {"events": [{"on": date(2024, 4, 1), "type": "filing", "result": "conform"}]}, p_events
    )
    findings = Sheyin().check(document, profile="yulin").by_rule("yulin.agreement.before_outlets")
    assert [(f.subject, f.clause) for f in findings] == [("outlets/o1", "4.2")]

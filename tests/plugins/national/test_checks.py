"""The check kinds the national plugin adds, and its parameters as a province overrides them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.engine.findings import Finding
from sheyin.plugin import ProfileSource, hookimpl
from sheyin.plugin.manager import installed_entry_points
from support import FakeEntryPoint

APPLIED_AND_AGREED = [
    {"on": "2025-01-02", "type": "application"},
    {"on": "2025-02-01", "type": "agreement"},
]
SERVING = [
    {"on": "2025-01-10", "type": "siting"},
    {"on": "2025-01-25", "type": "inspection", "result": "conform"},
    {"on": "2025-02-10", "type": "plaque"},
]


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def snapshot(
    partnership_events: list[dict[str, Any]] | None = None,
    outlets: list[dict[str, Any]] | None = None,
    *,
    as_of: str = "2025-06-01",
    partnerships: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A one-department snapshot: partnership ``p`` with ``partnership_events`` unless given."""
    return {
        "profile": "national",
        "as_of": as_of,
        "departments": [{"id": "d"}, {"id": "d2"}],
        "banks": [{"id": "b"}],
        "partnerships": partnerships
        or [{"id": "p", "department": "d", "bank": "b", "events": partnership_events or []}],
        "outlets": outlets or [],
    }


def outlet(
    oid: str = "o", events: list[dict[str, Any]] | None = None, **keys: Any
) -> dict[str, Any]:
    return {"id": oid, "partnership": "p", "kind": "bank_branch", "events": events or [], **keys}


def findings(app: Sheyin, rule: str, document: dict[str, Any]) -> tuple[Finding, ...]:
    return app.check(document).by_rule(rule)


# --- national.agreement_after_inspection ---------------------------------------------------------


def test_agreement_before_any_passed_inspection_is_found(app: Sheyin) -> None:
    document = snapshot(
        APPLIED_AND_AGREED,
        [
            outlet(
                events=[
                    {"on": "2025-01-10", "type": "siting"},
                    {"on": "2025-03-01", "type": "inspection", "result": "conform"},
                ]
            )
        ],
    )
    [found] = findings(app, "national.procedure.inspection_first", document)
    assert (found.subject, found.path) == ("partnerships/p", "/partnerships/0/events/1")


def test_agreement_on_the_inspection_day_is_in_order(app: Sheyin) -> None:
    document = snapshot(
        APPLIED_AND_AGREED,
        [
            outlet(
                events=[
                    {"on": "2025-01-10", "type": "siting"},
                    {"on": "2025-02-01", "type": "inspection", "result": "conform"},
                ]
            )
        ],
    )
    assert not findings(app, "national.procedure.inspection_first", document)


# --- national.items_published --------------------------------------------------------------------


def batch(on: str, *services: str, number: int = 1) -> dict[str, Any]:
    return {"on": on, "type": "item_list_published", "batch": number, "services": list(services)}


def test_item_of_a_batch_published_after_the_as_of_date_names_that_date(app: Sheyin) -> None:
    document = snapshot(
        [batch("2025-07-01", "社会保障卡申领")],
        [outlet(offered_services=["社会保障卡申领"])],
    )
    [found] = findings(app, "national.handling.item_list", document)
    assert "2025-07-01" in found.message
    assert found.path == "/outlets/0/offered_services/0"


def test_canonical_service_id_matches_the_published_name(app: Sheyin) -> None:
    document = snapshot(
        [batch("2025-01-05", "城乡居民养老保险参保登记")],
        [outlet(offered_services=["resident_pension_enrolment"])],
    )
    assert not findings(app, "national.handling.item_list", document)


def test_list_of_another_department_does_not_count(app: Sheyin) -> None:
    document = snapshot(
        partnerships=[
            {"id": "p", "department": "d", "bank": "b"},
            {
                "id": "q",
                "department": "d2",
                "bank": "b",
                "events": [batch("2025-01-05", "社会保障卡申领")],
            },
        ],
        outlets=[outlet(offered_services=["社会保障卡申领"])],
    )
    assert len(findings(app, "national.handling.item_list", document)) == 1


def test_outlet_that_has_left_is_not_checked_for_items(app: Sheyin) -> None:
    document = snapshot(
        APPLIED_AND_AGREED,
        [
            outlet(
                events=[*SERVING, {"on": "2025-04-01", "type": "forced_exit"}],
                offered_services=["失业保险金申领"],
            )
        ],
    )
    assert not findings(app, "national.handling.item_list", document)


# --- national.grants_approved --------------------------------------------------------------------


def granted(**dates: str) -> list[dict[str, Any]]:
    return [
        outlet(
            events=[
                {
                    "on": "2025-03-01",
                    "type": "permission_grant",
                    "staff": "s",
                    "permissions": ["accept"],
                    **dates,
                }
            ],
            staff=[{"id": "s", "name": "王敏", "permissions": ["accept"]}],
        )
    ]


def test_grant_without_approval_date_is_found(app: Sheyin) -> None:
    document = snapshot(outlets=granted(applied_on="2025-02-20"))
    [found] = findings(app, "national.permissions.approved", document)
    assert "审核通过日期" in found.message


def test_grant_opened_before_approval_is_found(app: Sheyin) -> None:
    document = snapshot(outlets=granted(applied_on="2025-02-20", approved_on="2025-03-02"))
    [found] = findings(app, "national.permissions.approved", document)
    assert found.path == "/outlets/0/events/0/approved_on"


def test_grant_after_application_and_approval_is_in_order(app: Sheyin) -> None:
    document = snapshot(outlets=granted(applied_on="2025-02-20", approved_on="2025-02-28"))
    assert not findings(app, "national.permissions.approved", document)


# --- national.permissions_ledger -----------------------------------------------------------------


def test_permission_held_without_a_grant_is_missing_from_the_ledger(app: Sheyin) -> None:
    document = snapshot(outlets=[outlet(staff=[{"id": "s", "permissions": ["review"]}])])
    [found] = findings(app, "national.permissions.ledger", document)
    assert found.subject == "outlets/o/staff/s"


def test_grant_dated_after_the_as_of_date_is_not_yet_in_the_ledger(app: Sheyin) -> None:
    document = snapshot(
        outlets=granted(applied_on="2025-02-20", approved_on="2025-02-28"), as_of="2025-02-28"
    )
    assert findings(app, "national.permissions.ledger", document)


# --- national.event_recorded, national.staff_recorded ---------------------------------------------


def test_partnership_not_yet_agreed_needs_no_confidentiality_agreement(app: Sheyin) -> None:
    document = snapshot([{"on": "2025-01-02", "type": "application"}])
    assert not findings(app, "national.security.confidentiality_agreement", document)


def test_confidentiality_agreement_signed_before_the_agreement_counts(app: Sheyin) -> None:
    events = [*APPLIED_AND_AGREED, {"on": "2025-01-20", "type": "confidentiality_agreement"}]
    assert not findings(app, "national.security.confidentiality_agreement", snapshot(events))


def test_departed_staff_need_no_security_education(app: Sheyin) -> None:
    document = snapshot(outlets=[outlet(staff=[{"id": "s", "left_on": "2025-05-01"}])])
    assert not findings(app, "national.security.education", document)


# --- national.outlets_ended ------------------------------------------------------------------------


def test_outlet_still_serving_after_termination_is_found(app: Sheyin) -> None:
    events = [*APPLIED_AND_AGREED, {"on": "2025-05-01", "type": "termination"}]
    document = snapshot(events, [outlet(events=SERVING)])
    [found] = findings(app, "national.exit.outlets_ended", document)
    assert found.subject == "outlets/o"
    assert "2025-05-01" in found.message


def test_outlet_of_a_running_partnership_may_serve(app: Sheyin) -> None:
    document = snapshot(APPLIED_AND_AGREED, [outlet(events=SERVING)])
    assert not findings(app, "national.exit.outlets_ended", document)


def test_outlet_terminated_with_its_partnership_is_in_order(app: Sheyin) -> None:
    events = [*APPLIED_AND_AGREED, {"on": "2025-05-01", "type": "termination"}]
    ended = [*SERVING, {"on": "2025-05-01", "type": "termination"}]
    assert not findings(
        app, "national.exit.outlets_ended", snapshot(events, [outlet(events=ended)])
    )


# --- parameters: a province extending national overrides a period ----------------------------------


def province_app(folder: Path) -> Sheyin:
    """The installed plugins plus a province profile ``national.henan`` read from ``folder``."""
    (folder / "profile.toml").write_text(
        'name = "national.henan"\ntitle = "河南"\ntitle_en = "Henan"\nextends = "national"\n'
        '[[documents]]\nid = "henan"\ntitle = "t"\n'
        '[parameters.log_audit_months]\nvalue = 1\nunit = "months"\ndoc = "每月审计"\n',
        encoding="utf-8",
    )
    (folder / "requirements.toml").write_text("requirements = []\n", encoding="utf-8")

    class Province:
        @hookimpl
        def sheyin_profiles(self) -> list[ProfileSource]:
            return [ProfileSource(name="national.henan", data=folder)]

    return Sheyin(
        entry_points=lambda: [
            *installed_entry_points(),
            FakeEntryPoint("henan", Province(), dist="henan"),
        ]
    )


def test_inherited_log_audit_follows_the_province_period(tmp_path: Path) -> None:
    events = [*APPLIED_AND_AGREED, {"on": "2025-04-20", "type": "log_audit"}]
    document = snapshot(events)  # the last audit is 6 weeks old on 2025-06-01
    assert not findings(Sheyin(), "national.security.log_audit", document)
    report = province_app(tmp_path).check(document, profile="national.henan")
    assert report.by_rule("national.security.log_audit")

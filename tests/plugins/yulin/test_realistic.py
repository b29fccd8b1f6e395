"""The bundled Yulin demo snapshot gets exactly the findings an inspector of the Yulin HRSS bureau would raise."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from sheyin.app import Sheyin
from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Report

DEMO = resources.files("sheyin_yulin") / "data" / "demo.toml"

# (rule, subject) → (clause, severity), reasoned out from demo.toml as of 2025-09-30.
EXPECTED = {
    # 陈佳怡 served from 2025-05-06 but passed pre-job training on 2025-05-20.
    ("yulin.bank_branch.training", "outlets/o-cz/staff/s3"): ("4.3.1", "error"),
    # Her joining after the conforming filing (2024-04-10, table B.2) was never reported on F.1.
    ("yulin.staff.changes_filed", "outlets/o-cz/staff/s3"): ("6", "error"),
    # Materials sealed 2025-09-12 handed over 2025-09-22: 10 days against the bureau's 5.
    ("yulin.flow.handover", "outlets/o-cz"): ("7 e)", "error"),
    # 覃海 served 2024-04-01 to 2024-11-15: staffing not kept stable (宜).
    ("yulin.bank_branch.stable_staff", "outlets/o-cz/staff/s4"): ("4.3.1", "warning"),
    # Notice form D.1 on 2025-07-01, termination confirmed 2025-07-25: 24 days, not 30.
    ("yulin.outlet_termination.notice_period", "outlets/o-xs"): ("4.6.2", "error"),
    # No public announcement after the service point's termination.
    ("yulin.outlet_termination.announcement", "outlets/o-xs"): ("4.6.2", "error"),
}


@pytest.fixture(scope="module")
def report() -> Report:
    """The demo snapshot checked under its own profile and date."""
    return Sheyin().check(str(DEMO), profile="yulin")


def test_findings_are_exactly_the_inspectors(report: Report) -> None:
    assert {(f.rule, f.subject) for f in report.findings} == set(EXPECTED)


def test_each_finding_cites_the_right_clause_and_severity(report: Report) -> None:
    for finding in report.findings:
        assert (finding.clause, finding.severity) == EXPECTED[(finding.rule, finding.subject)], (
            finding.rule
        )


def test_one_finding_per_defect(report: Report) -> None:
    assert len(report.findings) == len(EXPECTED)


def test_service_point_state_is_derived_from_its_events() -> None:
    app = Sheyin()
    profile = app.load_profile("yulin")
    snapshot = app.parse_snapshot(str(DEMO), profile)
    ctx = CheckContext(snapshot, profile, date(2025, 9, 30))
    trace = ctx.traces()[("outlet", "o-xs")]
    assert [state for _, state in trace.changes] == [
        "nonconforming",
        "filed",
        "plaqued",
        "requested",
        "noticed",
        "terminated",
        "removed",
    ]

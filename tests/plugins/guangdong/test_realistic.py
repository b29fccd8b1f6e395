"""The bundled Guangdong demo snapshot gives exactly the findings an agency inspector would raise."""

from __future__ import annotations

from importlib import resources

import pytest

from sheyin.app import Sheyin
from sheyin.engine.findings import Report

DEMO = resources.files("sheyin_guangdong") / "data" / "demo.toml"

# Reasoned from the snapshot (as of 2025-11-20), not copied from a run:
EXPECTED = {
    # 何俊 left 越秀支行 on 2025-09-01 and still holds 受理.
    ("guangdong.permissions.departed", "outlets/o2/staff/o2-s3"),
    # 海珠支行: 冯志远 was granted and holds 复审 (the grant event and the staff record).
    ("guangdong.permissions.forbidden", "outlets/o3"),
    ("guangdong.permissions.forbidden", "outlets/o3/staff/o3-s3"),
    # 孙海 last logged in 2025-07-31: three months passed on 2025-10-31.
    ("guangdong.permissions.inactive", "outlets/o3/staff/o3-s4"),
    # 海珠支行: the agency last received its materials on 2025-10-09; agreed every 30 days.
    ("guangdong.materials.interval", "outlets/o3"),
    # 番禺支行 was forced out and terminated, announced and handed over, but its signs are still up.
    ("guangdong.termination.signs", "outlets/o4"),
    # 白云 convenience point: drill without evaluation; terminal never filed.
    ("guangdong.emergency.drill_record", "outlets/o6"),
    ("guangdong.security.terminal_filed", "outlets/o6"),
    # Encouraged / optional (warning, info) at 越秀支行 and 海珠支行.
    ("guangdong.channels.dedicated_counter", "outlets/o2"),
    ("guangdong.zones.optional", "outlets/o2"),
    ("guangdong.posts.dedicated", "outlets/o2/staff/o2-s1"),
    ("guangdong.posts.dedicated", "outlets/o2/staff/o2-s2"),
    ("guangdong.posts.dedicated", "outlets/o3/staff/o3-s4"),
}


@pytest.fixture(scope="module")
def report() -> Report:
    """The demo snapshot checked against guangdong."""
    return Sheyin().check(str(DEMO))


def test_findings_are_exactly_what_an_inspector_raises(report: Report) -> None:
    assert {(f.rule, f.subject) for f in report.findings} == EXPECTED


def test_one_forced_exit_of_six_outlets_does_not_force_the_bank_out(report: Report) -> None:
    assert not report.by_rule("guangdong.exit.bank_ratio")


def test_forced_exit_after_failed_rectifications_is_not_flagged(report: Report) -> None:
    assert not report.by_rule("guangdong.exit.rectification")


def test_findings_cite_the_article_and_item(report: Report) -> None:
    clauses = {f.rule: f.clause for f in report.findings}
    assert clauses["guangdong.permissions.forbidden"] == "第二十一条第（一）项"
    assert clauses["guangdong.termination.signs"] == "第三十七条"


def test_demo_has_errors(report: Report) -> None:
    assert report.has_errors

"""The zhengyin demo snapshot gives exactly the findings an inspector would raise."""

from __future__ import annotations

from importlib import resources

import pytest

from sheyin import Finding, Sheyin

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)

DEMO = resources.files("sheyin_zhengyin") / "data" / "demo.toml"

# Reasoned from the snapshot (as of 2025-09-30), not copied from a run:
EXPECTED = {
    # 7.5: 城关支行's last drill was on 2024-08-20; a drill is due at least every 12 months.
    ("zhengyin.security.drills", "outlets/chengguan", "error"),
    # 6.2 (open list): 城关支行 also offers 税务服务, not among the listed categories: a hint only.
    ("zhengyin.items.listed", "outlets/chengguan", "info"),
    # 6.1: 莫晓燕, 南街支行's only 帮办, left on 2025-08-31.
    ("zhengyin.deputy.team", "outlets/nanjie", "error"),
    # 5.2 (宜): 南街支行 has neither a bulletin board nor a publicity video.
    ("zhengyin.signage.policy_publicity", "outlets/nanjie", "warning"),
    # 5.3: 河西分理处 has no 金融信息查询设备.
    ("zhengyin.equipment.financial_terminal", "outlets/hexi", "error"),
    # 8.1: 河西分理处 records a complaint telephone and email, but no website.
    ("zhengyin.complaints.contacts", "outlets/hexi", "error"),
    # 8.2: the 好差评 of 2024-06-30 had no statistical analysis by 2025-06-30.
    ("zhengyin.evaluation.analysis", "outlets/hexi", "error"),
}


@pytest.fixture(scope="module")
def findings() -> tuple[Finding, ...]:
    return Sheyin().check(str(DEMO)).findings


def test_findings_are_exactly_what_an_inspector_raises(findings: tuple[Finding, ...]) -> None:
    assert {(f.rule, f.subject, f.severity) for f in findings} == EXPECTED
    assert len(findings) == len(EXPECTED)


def test_findings_cite_the_reconstructed_clauses(findings: tuple[Finding, ...]) -> None:
    clauses = {f.rule: f.clause for f in findings}
    assert clauses["zhengyin.security.drills"] == "7.5"
    assert clauses["zhengyin.deputy.team"] == "6.1"
    assert clauses["zhengyin.equipment.financial_terminal"] == "5.3"
    assert clauses["zhengyin.evaluation.analysis"] == "8.2"


def test_missing_website_points_at_the_outlet_key(findings: tuple[Finding, ...]) -> None:
    [found] = [f for f in findings if f.rule == "zhengyin.complaints.contacts"]
    assert found.path == "/outlets/2/complaint_website"
    assert "投诉网址" in found.message

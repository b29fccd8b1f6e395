"""profile compare --baseline national on the real regional profiles, through the command."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from sheyin.schemas import SchemaStore, build_validator

REGIONS = ("guangdong", "yulin")


def sheyin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sheyin", *args], capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = sheyin("profile", "compare", "--baseline", "national", *REGIONS, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def rows(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Baseline requirement id → row."""
    return {
        row["baseline"]["requirement"]: row
        for dimension in report["dimensions"]
        for row in dimension["rows"]
        if row["baseline"] is not None
    }


def cell(rows: dict[str, dict[str, Any]], requirement: str, region: str) -> tuple[str, set[str]]:
    found = rows[requirement]["regions"][region]
    return found["status"], set(found["cites"])


def test_report_validates_against_its_schema(report: dict[str, Any]) -> None:
    build_validator(SchemaStore().schema("profile-compare")).validate(report)
    assert report["baseline"] == "national"
    assert report["regions"] == list(REGIONS)


def test_every_national_requirement_is_one_row_for_both_regions(
    report: dict[str, Any], rows: dict[str, dict[str, Any]]
) -> None:
    baseline_rows = [r for d in report["dimensions"] for r in d["rows"] if r["baseline"]]
    assert len(baseline_rows) == len(rows) == 52
    assert all(set(r["regions"]) == set(REGIONS) for r in baseline_rows)


def test_permission_approval(rows: dict[str, dict[str, Any]]) -> None:
    row = rows["national.permissions.approved"]
    assert row["baseline"]["clause"] == "五（七）、六（三）"
    # 广东 第二十一条第（一）项: 申请表、公章，禁止分配复审、审批权限.
    assert cell(rows, "national.permissions.approved", "guangdong") == (
        "exceeds",
        {"第二十一条", "第二十一条第（一）项、附件3", "第二十一条第（一）项"},
    )
    # 玉林 says nothing about system permissions.
    assert cell(rows, "national.permissions.approved", "yulin") == ("not_addressed", set())


def test_termination(rows: dict[str, dict[str, Any]]) -> None:
    assert rows["national.exit.termination"]["baseline"]["clause"] == "五（十一）"
    status, cites = cell(rows, "national.exit.termination", "yulin")
    assert status == "exceeds"
    assert "4.6.1 第1项" in cites
    assert cell(rows, "national.exit.termination", "guangdong") == ("exceeds", {"第三十七条"})
    assert cell(rows, "national.exit.outlets_ended", "yulin") == ("meets", {"4.6.1 第4项"})
    assert cell(rows, "national.exit.outlets_ended", "guangdong") == ("meets", {"第三十七条"})
    assert cell(rows, "national.exit.forced", "yulin") == ("not_addressed", set())


def test_evaluation(rows: dict[str, dict[str, Any]]) -> None:
    # 玉林 8.1 只“宜”评价；广东 第三十四条 三方评价.
    assert cell(rows, "national.supervision.evaluation", "yulin") == ("falls_short", {"8.1"})
    status, cites = cell(rows, "national.supervision.evaluation", "guangdong")
    assert status == "exceeds"
    assert "第三十四条第（二）项" in cites
    assert "8.1" in rows["national.supervision.evaluation"]["regions"]["yulin"]["note"]


def test_security_chapter(rows: dict[str, dict[str, Any]]) -> None:
    assert cell(rows, "national.security.dedicated_line", "guangdong") == ("meets", {"第二十三条"})
    assert cell(rows, "national.security.dedicated_line", "yulin") == ("not_addressed", set())
    assert cell(rows, "national.security.log_audit", "guangdong") == ("exceeds", {"第二十三条"})


def test_informative_sections_are_not_addressed(rows: dict[str, dict[str, Any]]) -> None:
    for requirement in ("national.general.task_source", "national.general.drafting_process"):
        for region in REGIONS:
            assert cell(rows, requirement, region) == ("not_addressed", set())


def test_regional_provisions_without_counterpart_are_additional(report: dict[str, Any]) -> None:
    security = next(d for d in report["dimensions"] if d["dimension"] == "security")
    additional = [r for r in security["rows"] if r["baseline"] is None]
    # 广东 第三十二条 应急预案 has no national counterpart.
    drills = [
        r for r in additional if r["regions"].get("guangdong", {}).get("cites") == ["第三十二条"]
    ]
    assert drills
    assert all(r["regions"]["guangdong"]["status"] == "additional" for r in drills)


def test_summary_counts_the_rows(report: dict[str, Any]) -> None:
    for dimension in report["dimensions"]:
        for region in REGIONS:
            counted = sum(
                1
                for row in dimension["rows"]
                if region in row["regions"] and row["regions"][region]["status"] != "additional"
            )
            summary = dimension["summary"][region]
            assert sum(n for s, n in summary.items() if s != "additional") == counted


def test_markdown_has_a_section_per_dimension() -> None:
    result = sheyin(
        "profile", "compare", "--baseline", "national", *REGIONS, "--format", "markdown"
    )
    assert result.returncode == 0, result.stderr
    assert "## 合作程序" in result.stdout
    assert "## 退出机制" in result.stdout

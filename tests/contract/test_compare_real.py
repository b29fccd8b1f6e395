"""profile diff, profile compare and catalogue --compare on the real profiles, through the command."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from sheyin.schemas import SchemaStore, build_validator


def sheyin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sheyin", *args], capture_output=True, text=True, check=False
    )


def as_json(*args: str) -> Any:
    result = sheyin(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def yulin_vs_guangdong() -> dict[str, Any]:
    return as_json("profile", "diff", "yulin", "guangdong", "--json")  # type: ignore[no-any-return]


def test_diff_validates_against_its_schema(yulin_vs_guangdong: dict[str, Any]) -> None:
    build_validator(SchemaStore().schema("profile-diff")).validate(yulin_vs_guangdong)


def test_diff_states_what_the_documents_say(yulin_vs_guangdong: dict[str, Any]) -> None:
    rows = {(r["aspect"], r["key"]): r for r in yulin_vs_guangdong["rows"]}
    # 玉林 3 defines rural service points; 广东 第二条 defines self-service outlets.
    assert rows[("outlet_kinds", "rural_service_point")]["status"] == "only_a"
    assert rows[("outlet_kinds", "self_service")]["status"] == "only_b"
    # Both require bank outlets' zones, differently (4.3.1 seven zones; 第八条 two).
    assert rows[("zones", "bank_branch")]["status"] == "differs"
    assert "4.3.1" in rows[("zones", "bank_branch")]["a"]["cites"]
    assert "第八条" in rows[("zones", "bank_branch")]["b"]["cites"]
    # Only Guangdong forbids 复审/审批 (第二十一条第（一）项).
    assert rows[("permissions", "forbidden")]["status"] == "only_b"


def test_diff_as_markdown_has_a_section_per_aspect() -> None:
    result = sheyin("profile", "diff", "yulin", "guangdong", "--format", "markdown")
    assert result.returncode == 0
    assert "## 功能区" in result.stdout
    assert "| 项目 | A | B | 比较 |" in result.stdout


def test_catalogue_comparison_validates() -> None:
    data = as_json("catalogue", "--compare", "yulin", "guangdong", "national", "--json")
    build_validator(SchemaStore().schema("catalogue-compare")).validate(data)
    assert data["profiles"] == ["yulin", "guangdong", "national"]


def test_catalogue_comparison_aligns_shared_services() -> None:
    data = as_json("catalogue", "--compare", "yulin", "guangdong", "--json")
    services = {s["service"]: s["offered_by"] for s in data["services"]}
    enrolment = services["resident_pension_enrolment"]
    assert enrolment["yulin"]["items"] == ["城乡居民养老保险参保登记"]
    assert enrolment["guangdong"]["items"] == ["城乡居民养老保险参保登记受理录入"]
    assert enrolment["guangdong"]["levels"] == ["accept"]  # 附件2: 受理
    assert enrolment["yulin"]["levels"] == ["offered"]  # 表E.1 gives no handling level
    assert services["employer_registration"]["guangdong"] is None  # 企业社会保险登记: Yulin only
    assert data["unmapped"] == {"yulin": [], "guangdong": []}

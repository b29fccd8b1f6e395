"""``record`` judges a step by the profile before writing it, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.documents import read_file
from sheyin.errors import InputError
from sheyin.registry import Registry, resolve_url

ACTOR = "张三"
NEW_OUTLET = {"id": "o-new", "partnership": "p-glb", "name": "新网点", "kind": "bank_branch"}


@pytest.fixture
def registry(
    registry_url: str, yulin_app: Sheyin, yulin_demo: dict[str, Any]
) -> Iterator[Registry]:
    with Registry.open(
        resolve_url(registry_url, None, "test"), app=yulin_app, profile="yulin"
    ) as opened:
        opened.import_({**yulin_demo, "outlets": [*yulin_demo["outlets"], NEW_OUTLET]}, ACTOR)
        yield opened


def test_a_step_the_lifecycle_allows_is_recorded(registry: Registry) -> None:
    judgement = registry.record(
        "outlets", "o-new", {"on": "2025-10-01", "type": "filing", "result": "conform"}, ACTOR
    )
    assert judgement.recorded
    assert judgement.refusals == ()
    assert registry.entries()[-1]["data"]["event"]["type"] == "filing"


def test_a_step_out_of_order_is_refused_with_its_clause_and_nothing_is_written(
    registry: Registry,
) -> None:
    before = len(registry.entries())
    judgement = registry.record("outlets", "o-new", {"on": "2025-10-01", "type": "plaque"}, ACTOR)
    assert not judgement.recorded
    [refusal] = judgement.refusals
    # the plaque before any filing: the finding cites the step that was skipped (4.4)
    assert (refusal.rule, refusal.clause) == ("yulin.lifecycle.filing", "4.4")
    assert len(registry.entries()) == before


def test_despite_records_the_step_with_the_reason_and_check_reports_it(registry: Registry) -> None:
    judgement = registry.record(
        "outlets",
        "o-new",
        {"on": "2025-10-01", "type": "plaque"},
        ACTOR,
        despite="牌匾已由银行挂出，补记",
    )
    assert judgement.recorded
    data = registry.entries()[-1]["data"]
    assert data["despite"] == "牌匾已由银行挂出，补记"
    assert data["refused"] == ["yulin.lifecycle.filing"]
    report = registry.check()
    assert any(
        f.rule == "yulin.lifecycle.filing" and f.subject == "outlets/o-new" for f in report.findings
    )


def test_a_permission_the_policy_forbids_is_refused(
    registry_url: str, yulin_app: Sheyin, tmp_path: Path
) -> None:
    import sheyin_guangdong

    demo = read_file(Path(sheyin_guangdong.__file__).parent / "data" / "demo.toml")
    with Registry.open(
        resolve_url(registry_url, None, "test"), app=yulin_app, profile="guangdong"
    ) as registry:
        registry.import_(demo, ACTOR)
        outlet = demo["outlets"][0]
        event = {
            "on": "2025-10-01",
            "type": "permission_grant",
            "staff": outlet["staff"][0]["id"],
            "permissions": ["审批"],
        }
        judgement = registry.record("outlets", outlet["id"], event, ACTOR)
        assert [f.rule for f in judgement.refusals] == ["guangdong.permissions.forbidden"]
        allowed = {**event, "permissions": ["受理"]}
        assert registry.record("outlets", outlet["id"], allowed, ACTOR).recorded


def test_recording_for_an_unknown_outlet_is_an_input_error(registry: Registry) -> None:
    with pytest.raises(InputError, match="nowhere"):
        registry.record("outlets", "nowhere", {"on": "2025-10-01", "type": "plaque"}, ACTOR)


def test_a_malformed_field_is_an_input_error_naming_it(registry: Registry) -> None:
    with pytest.raises(InputError) as caught:
        registry.record(
            "outlets", "o-new", {"on": "2025-10-01", "type": "filing", "result": "maybe"}, ACTOR
        )
    assert caught.value.problems[0].file == "sheyin record"
    assert "result" in caught.value.problems[0].pointer


def test_a_write_without_an_actor_is_refused(registry: Registry) -> None:
    with pytest.raises(InputError, match="actor"):
        registry.record("outlets", "o-new", {"on": "2025-10-01", "type": "filing"}, " ")

"""How the Yulin standard declares its relation to the national baseline (profile.toml [[baseline]])."""

from __future__ import annotations

import pytest

from sheyin import Sheyin
from sheyin.profile.model import BaselineRelation, Profile


@pytest.fixture(scope="module")
def yulin() -> Profile:
    return Sheyin().load_profile("yulin")


@pytest.fixture(scope="module")
def relations(yulin: Profile) -> dict[str, BaselineRelation]:
    return {b.requirement: b for b in yulin.baseline}


def test_relates_to_national_without_inheriting(yulin: Profile) -> None:
    assert yulin.relates_to == "national"
    assert yulin.extends is None
    # Nothing of the national catalogue becomes a Yulin check.
    assert [r.id for r in yulin.requirements if r.profile == "national"] == []


def test_one_relation_per_national_requirement(yulin: Profile) -> None:
    named = [b.requirement for b in yulin.baseline]
    assert len(named) == len(set(named))


def test_every_relation_names_its_provisions_and_cites_both_sides(yulin: Profile) -> None:
    for relation in yulin.baseline:
        assert relation.by, relation.requirement
        assert relation.note
        assert "国标" in relation.note
        assert "玉林" in relation.note


def test_termination_with_thirty_days_notice_exceeds_national(
    yulin: Profile, relations: dict[str, BaselineRelation]
) -> None:
    # 国标 五（十一）只列“终止合作”；玉林 4.6.1 第1项 提前30 d 书面函告.
    termination = relations["national.exit.termination"]
    assert termination.relation == "tightens"
    assert "yulin.bank_termination.notice_period" in termination.by
    notice = yulin.requirement("yulin.bank_termination.notice_period")
    assert notice is not None
    assert notice.clause == "4.6.1 第1项"
    assert yulin.parameters["notice_days"].value == 30
    # 4.6.2: an outlet's own exit goes through its bank, with the same 30 days' notice.
    voluntary = relations["national.exit.voluntary"]
    assert voluntary.relation == "tightens"
    assert "yulin.outlet_termination.notice_period" in voluntary.by


def test_outlets_take_down_plaques_when_the_partnership_ends(
    relations: dict[str, BaselineRelation],
) -> None:
    # 国标 五（十一） outlets_ended ↔ 玉林 4.6.1 第4项.
    ended = relations["national.exit.outlets_ended"]
    assert ended.relation == "keeps"
    assert ended.by == ("yulin.bank_termination.plaques_removed",)


def test_where_yulin_asks_less_than_national(relations: dict[str, BaselineRelation]) -> None:
    # 8.1 only recommends (宜) service evaluation; 国标 五（十） requires it.
    assert relations["national.supervision.evaluation"].relation == "relaxes"
    assert relations["national.supervision.evaluation"].by == ("yulin.quality.evaluation",)
    # 4.2 signs the agreement before any outlet is confirmed (4.4); 国标 五（六） inspects first.
    assert relations["national.procedure.inspection_first"].relation == "relaxes"


def test_seven_zones_and_pre_job_training_exceed_national(
    relations: dict[str, BaselineRelation],
) -> None:
    assert relations["national.basic.site"].relation == "tightens"
    assert relations["national.basic.site"].by == ("yulin.bank_branch.zones",)
    trained = relations["national.training.trained"]
    assert trained.relation == "tightens"
    assert {"yulin.bank_branch.training", "yulin.rural.training"} <= set(trained.by)


@pytest.mark.parametrize(
    "requirement",
    [
        "national.security.dedicated_line",
        "national.security.log_audit",
        "national.security.confidentiality_agreement",
        "national.permissions.ledger",
        "national.permissions.approved",
        "national.exit.forced",
    ],
)
def test_what_a_county_service_standard_never_mentions_is_not_addressed(
    relations: dict[str, BaselineRelation], requirement: str
) -> None:
    assert requirement not in relations

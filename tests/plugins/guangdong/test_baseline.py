"""How the Guangdong measures declare their relation to the national baseline (profile.toml [[baseline]])."""

from __future__ import annotations

import pytest

from sheyin import Sheyin
from sheyin.profile.model import BaselineRelation, Profile


@pytest.fixture(scope="module")
def guangdong() -> Profile:
    return Sheyin().load_profile("guangdong")


@pytest.fixture(scope="module")
def relations(guangdong: Profile) -> dict[str, BaselineRelation]:
    return {b.requirement: b for b in guangdong.baseline}


def test_relates_to_national_without_inheriting(guangdong: Profile) -> None:
    assert guangdong.relates_to == "national"
    assert guangdong.extends is None
    assert [r.id for r in guangdong.requirements if r.profile == "national"] == []


def test_one_relation_per_national_requirement(guangdong: Profile) -> None:
    named = [b.requirement for b in guangdong.baseline]
    assert len(named) == len(set(named))


def test_every_relation_names_its_provisions_and_cites_both_sides(guangdong: Profile) -> None:
    for relation in guangdong.baseline:
        assert relation.by, relation.requirement
        assert relation.note
        assert "国标" in relation.note
        assert "广东" in relation.note


def test_ban_on_review_and_approval_permissions_exceeds_national(
    guangdong: Profile, relations: dict[str, BaselineRelation]
) -> None:
    # 国标 六（三）: 申请、审核通过后开通; 广东 第二十一条第（一）项 also 禁止分配复审、审批权限.
    approved = relations["national.permissions.approved"]
    assert approved.relation == "tightens"
    assert "guangdong.permissions.forbidden" in approved.by
    forbidden = guangdong.requirement("guangdong.permissions.forbidden")
    assert forbidden is not None
    assert forbidden.clause == "第二十一条第（一）项"
    assert forbidden.modal == "禁止"


def test_three_months_inactivity_exceeds_dynamic_management(
    relations: dict[str, BaselineRelation],
) -> None:
    revoked = relations["national.permissions.revoked_on_departure"]
    assert revoked.relation == "tightens"
    assert set(revoked.by) == {"guangdong.permissions.departed", "guangdong.permissions.inactive"}


def test_security_duties_copied_from_national_are_kept(
    relations: dict[str, BaselineRelation],
) -> None:
    # 第二十三条、第二十四条 restate 国标 六（四） word for word.
    for requirement in (
        "national.security.dedicated_line",
        "national.security.device_check",
        "national.security.confidentiality_agreement",
    ):
        assert relations[requirement].relation == "keeps", requirement
    # 第二十三条 adds 日志至少保留一年.
    assert relations["national.security.log_audit"].relation == "tightens"
    assert "guangdong.security.log_retention" in relations["national.security.log_audit"].by


def test_own_procedure_replaces_the_national_one(relations: dict[str, BaselineRelation]) -> None:
    order = relations["national.procedure.order"]
    assert order.relation == "replaces"
    assert order.by == (
        "guangdong.lifecycle.application",
        "guangdong.lifecycle.inspection",
        "guangdong.lifecycle.agreement",
        "guangdong.lifecycle.plaque",
        "guangdong.lifecycle.registration",
    )


def test_exit(relations: dict[str, BaselineRelation]) -> None:
    assert relations["national.exit.voluntary"].relation == "keeps"  # 第三十五条
    assert relations["national.exit.forced"].relation == "tightens"  # 第三十六条第（六）项 20%
    assert "guangdong.exit.bank_ratio" in relations["national.exit.forced"].by
    ended = relations["national.exit.outlets_ended"]  # 第三十七条: 撤回标识标牌、封停权限
    assert ended.relation == "keeps"
    assert set(ended.by) == {"guangdong.termination.signs", "guangdong.termination.permissions"}


def test_guangdong_relaxes_nothing_it_addresses(relations: dict[str, BaselineRelation]) -> None:
    assert [r for r, b in relations.items() if b.relation == "relaxes"] == []


@pytest.mark.parametrize(
    "requirement",
    ["national.permissions.ledger", "national.handling.batches", "national.handling.time_limits"],
)
def test_what_the_measures_do_not_mention_is_not_addressed(
    relations: dict[str, BaselineRelation], requirement: str
) -> None:
    assert requirement not in relations

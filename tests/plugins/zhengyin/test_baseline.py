"""How the zhengyin profile declares its relation to the national baseline."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sheyin import Profile, Sheyin


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


@pytest.fixture(scope="module")
def zhengyin(app: Sheyin) -> Profile:
    return app.load_profile("zhengyin")


def test_relates_to_national_without_inheriting(zhengyin: Profile) -> None:
    assert (zhengyin.relates_to, zhengyin.extends) == ("national", None)
    assert [r.id for r in zhengyin.requirements if r.profile == "national"] == []


def test_relations_name_real_requirements_on_both_sides(app: Sheyin, zhengyin: Profile) -> None:
    national = {r.id for r in app.load_profile("national").requirements}
    own = {r.id for r in zhengyin.requirements}
    named = [b.requirement for b in zhengyin.baseline]
    assert len(named) == len(set(named))
    for relation in zhengyin.baseline:
        assert relation.requirement in national
        assert relation.by
        assert set(relation.by) <= own
        assert "国标" in relation.note
        assert "政银合作" in relation.note


def test_compare_against_the_national_baseline_includes_zhengyin() -> None:
    # Commands register themselves on import, as the console script does.
    from sheyin.cli import cli, compare  # noqa: F401

    args = ["profile", "compare", "--baseline", "national", "guangdong", "yulin", "zhengyin"]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["regions"] == ["guangdong", "yulin", "zhengyin"]
    rows = {
        row["baseline"]["requirement"]: row["regions"]["zhengyin"]["status"]
        for dimension in answer["dimensions"]
        for row in dimension["rows"]
        if row.get("baseline")
    }
    assert rows["national.basic.site"] != "not_addressed"
    assert rows["national.basic.premises"] == "not_addressed"

"""``sheyin vocabulary``: every term a profile understands and where each came from."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sheyin import Sheyin
from sheyin.cli import cli, vocabulary  # noqa: F401 - registers the command
from sheyin.vocabulary import Term, origins
from support import toy_entry_points


@pytest.fixture(autouse=True)
def only_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own application object: make it see the toy plugin only."""
    original = Sheyin.__init__

    def toy_init(self: Sheyin, **kwargs: Any) -> None:
        original(self, entry_points=toy_entry_points())

    monkeypatch.setattr(Sheyin, "__init__", toy_init)
    monkeypatch.delenv("SHEYIN_PROFILE", raising=False)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def terms(*args: str) -> dict[tuple[str, str], dict[str, Any]]:
    result = invoke("vocabulary", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {(t["domain"], t["id"]): t for t in json.loads(result.output)["terms"]}


def test_profile_terms_name_the_profile_that_added_them() -> None:
    found = terms("--profile", "toy")
    assert found[("outlet_kinds", "kiosk")]["source"] == "toy"
    assert found[("outlet_kinds", "kiosk")]["zh"] == "自助亭"
    waiting = found[("zones", "waiting")]
    assert (waiting["source"], waiting["zh"], waiting["aliases"]) == (
        "core",
        "业务等候区",
        ["等候区"],
    )


def test_a_city_profile_lists_the_terms_it_inherits_with_their_source() -> None:
    assert terms("--profile", "toy.city")[("outlet_kinds", "kiosk")]["source"] == "toy"


def test_without_a_profile_only_shared_terms_are_listed() -> None:
    found = terms()
    assert ("outlet_kinds", "kiosk") not in found
    assert {t["source"] for t in found.values()} == {"core"}


def test_domain_option_keeps_one_domain() -> None:
    assert {domain for domain, _ in terms("--profile", "toy", "--domain", "zones")} == {"zones"}


def test_text_output_has_a_table_per_domain() -> None:
    result = invoke("--lang", "en", "vocabulary", "--profile", "toy")
    assert result.exit_code == 0
    assert "zone (zones)" in result.output
    assert "Kiosk" in result.output


def test_unknown_profile_is_exit_2() -> None:
    assert invoke("vocabulary", "--profile", "nowhere").exit_code == 2


def test_a_layer_that_renames_a_term_takes_it_over() -> None:
    core = Term("zones", "waiting", "业务等候区", "Waiting area")
    renamed = Term("zones", "waiting", "等候区", "Waiting area")
    [kept] = origins([("core", [core]), ("a", [core])])
    [taken] = origins([("core", [core]), ("a", [renamed])])
    assert (kept.source, taken.source, taken.term.zh) == ("core", "a", "等候区")

"""Values echoed in messages: short, on one line, harmless to a terminal, in words."""

from __future__ import annotations

import json

from sheyin.echo import clean, clean_json, literal, shown, word
from sheyin.engine.findings import Violation
from sheyin.i18n import Text


def test_control_characters_and_ansi_are_escaped() -> None:
    assert shown("a\x1b[2Jb\x00c\nd") == "a\\x1b[2Jb\\x00c\\x0ad"


def test_bidi_overrides_and_lone_surrogates_are_escaped() -> None:
    assert shown("x\u202ey\ud800") == "x\\u202ey\\ud800"


def test_long_values_are_cut_with_a_count() -> None:
    assert shown("长" * 1000, limit=5) == "长长长长长…(+995)"


def test_a_huge_integer_is_described_not_converted() -> None:
    assert literal(10**5000) == "<5001-digit integer>"


def test_literal_writes_json_words() -> None:
    assert (literal(True), literal(None), literal("a")) == ("true", "null", '"a"')


def test_word_says_yes_no_and_not_recorded() -> None:
    assert [word(v).render("zh") for v in (True, False, None)] == ["是", "否", "未记录"]
    assert word([True, None]).render("en") == "yes, not recorded"


def test_clean_keeps_line_breaks_and_tabs() -> None:
    assert clean("a\n\tb\x1b") == "a\n\tb\\x1b"


def test_clean_json_stays_valid_json() -> None:
    text = json.dumps({"name": "x\x9b\u202e"}, ensure_ascii=False)
    assert json.loads(clean_json(text)) == {"name": "x\x9b\u202e"}
    assert "\x9b" not in clean_json(text)


def test_findings_put_booleans_and_missing_values_in_words() -> None:
    violation = Violation("s", "/p", Text("{a}为 {b}", "{a} is {b}"), {"a": True, "b": None})
    assert violation.render("zh") == "是为 未记录"
    assert violation.render("en") == "yes is not recorded"

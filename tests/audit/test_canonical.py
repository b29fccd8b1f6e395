"""Canonical JSON: one byte string per value, whatever order or spacing it came in."""

from __future__ import annotations

import json

import pytest

from sheyin.audit import canonical_json


def test_keys_are_sorted_and_whitespace_removed() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "x"]}) == b'{"a":[true,null,"x"],"b":1}'


def test_keys_sort_by_utf16_code_units() -> None:
    # RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16.
    assert canonical_json({"\ufb01": 1, "\U0001f600": 2}).decode() == '{"\U0001f600":2,"\ufb01":1}'


def test_chinese_text_stays_utf8_and_control_characters_are_escaped() -> None:
    assert canonical_json("受理区\n\x01") == '"受理区\\n\\u0001"'.encode()


def test_numbers_are_written_as_ecmascript_prints_them() -> None:
    assert canonical_json([1.0, -0.0, 1e-7, 1.5, 10**21 * 1.0]) == b"[1,0,1e-7,1.5,1e+21]"


def test_the_same_value_in_another_order_gives_the_same_bytes() -> None:
    one = json.loads('{"x": {"b": 2, "a": 1}, "y": [1, 2]}')
    two = json.loads('{"y": [1, 2], "x": {"a": 1, "b": 2}}')
    assert canonical_json(one) == canonical_json(two)


def test_values_without_a_json_form_are_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        canonical_json(float("nan"))
    with pytest.raises(TypeError, match="set"):
        canonical_json({1, 2})

"""GB 11643 identity numbers and GB 32100 unified social credit codes."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sheyin.identity import (
    credit_code_check_char,
    id_number_check_digit,
    is_valid_credit_code,
    is_valid_id_number,
    mask_id_number,
)

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


def test_known_valid_numbers() -> None:
    assert is_valid_id_number("11010519491231002X")
    assert is_valid_id_number("11010519491231002x")
    assert is_valid_credit_code("91350100M000100Y43")


def test_check_digit_of_a_published_example() -> None:
    assert id_number_check_digit("11010519491231002") == "X"
    assert credit_code_check_char("91350100M000100Y4") == "3"


@given(births, st.integers(0, 999), st.sampled_from(["110105", "440106", "450902"]))
def test_any_number_built_by_the_rule_is_valid(born: date, sequence: int, area: str) -> None:
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    assert is_valid_id_number(body + id_number_check_digit(body))


@given(births, st.integers(0, 999), st.integers(0, 16), st.integers(1, 9))
def test_changing_one_digit_breaks_the_check(
    born: date, sequence: int, position: int, delta: int
) -> None:
    body = f"110105{born:%Y%m%d}{sequence:03d}"
    valid = body + id_number_check_digit(body)
    changed = valid[:position] + str((int(valid[position]) + delta) % 10) + valid[position + 1 :]
    assert not is_valid_id_number(changed) or changed[6:14] != valid[6:14]


def test_impossible_birth_date_is_invalid() -> None:
    body = "11010519490230002"  # 30 February
    assert not is_valid_id_number(body + id_number_check_digit(body))


def test_future_and_ancient_birth_dates() -> None:
    ancient = "11010518000101002"
    assert not is_valid_id_number(ancient + id_number_check_digit(ancient))
    tomorrow = date.today() + timedelta(days=1)
    body = f"110105{tomorrow:%Y%m%d}002"
    assert is_valid_id_number(
        body + id_number_check_digit(body)
    )  # the rule says nothing of the future


def test_wrong_length_and_characters() -> None:
    assert not is_valid_id_number("11010519491231002")
    assert not is_valid_id_number("１１０１０５１９４９１２３１００２X")  # full-width digits
    assert not is_valid_credit_code("91350100M000100Y4")
    assert not is_valid_credit_code("91350100M000100I43")  # I is not in the charset


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_credit_code_built_by_the_rule_is_valid(body: str) -> None:
    assert is_valid_credit_code(body + credit_code_check_char(body))
    assert is_valid_credit_code((body + credit_code_check_char(body)).lower())


def test_masking_keeps_the_ends() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("12345") == "*****"

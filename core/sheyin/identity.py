"""Checksums of Chinese identifiers: 身份证号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: value for value, char in enumerate(_USCC_CHARSET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def id_number_check_digit(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first17) != len(_ID_WEIGHTS):
        raise ValueError("expected the first 17 characters")
    if not (first17.isdigit() and first17.isascii()):
        raise ValueError("expected 17 digits")
    # The weights are 2^17 ... 2^1 mod 11, and 13 = 2 mod 11: reading the digits in base 13
    # gives twice the weighted sum's remainder at C speed (one int() instead of a loop).
    return _ID_CHECK[2 * int(first17, 13) % 11]


def is_valid_id_number(value: str) -> bool:
    """True for an 18-character 公民身份号码 with a real birth date and a correct check digit."""
    if len(value) != 18 or not value[:17].isdigit() or not value[:17].isascii():
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1850:
        return False
    return value[17].upper() == id_number_check_digit(value[:17])


def credit_code_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters."""
    total = sum(
        _USCC_VALUES[char] * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_credit_code(value: str) -> bool:
    """True for an 18-character 统一社会信用代码 over the GB 32100 charset with a correct check."""
    code = value.upper()
    if len(code) != 18 or any(char not in _USCC_VALUES for char in code):
        return False
    return code[17] == credit_code_check_char(code[:17])


def mask_phone(value: str) -> str:
    """Mask a phone number for display: keep the first 3 and last 4 characters."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_id_number(value: str) -> str:
    """Mask an identity number for display: keep the first 6 and last 4 characters."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]

"""JSON pointers (RFC 6901) as findings and problems carry them."""

from __future__ import annotations

import pytest

from sheyin.errors import pointer


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((), ""),
        (("outlets", 3, "staff", 0), "/outlets/3/staff/0"),
        (("",), "/"),
        (("a", ""), "/a/"),
        (("a/b",), "/a~1b"),
        (("m~n", 2), "/m~0n/2"),
        (("~/",), "/~0~1"),
        (("外勤/网点", "区"), "/外勤~1网点/区"),
    ],
)
def test_pointer_escapes_tilde_and_slash(parts: tuple[str | int, ...], expected: str) -> None:
    assert pointer(*parts) == expected

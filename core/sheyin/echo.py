"""Showing user values inside messages: short, single-line, and harmless to a terminal.

Every message that repeats a value from the user's input goes through this module:

- :func:`shown` for a value inside a sentence (``未知的功能区“{shown(name)}”``):
  at most ``limit`` characters (then ``…(+N)``), control characters, ANSI escape
  sequences, NUL, bidirectional overrides and lone surrogates written as
  ``\\x1b``/``\\u202e``/``\\ud800`` escapes, so that nothing the input contains can
  move the cursor, recolour the terminal, hide text or break UTF-8 output;
- :func:`literal` for a value shown as data (``"abc"``, ``12``, ``true``, ``[...]``);
- :func:`word` for booleans and missing values in findings (是/否/未记录, yes/no/not
  recorded) instead of Python's ``True``/``None``;
- :func:`clean` for a whole message about to be printed (keeps line breaks and tabs),
  :func:`clean_json` for JSON output (the escapes stay valid JSON).
"""

from __future__ import annotations

import json
import re
from typing import Any

from sheyin.i18n import Text

LIMIT = 80

# C0 and C1 controls (line breaks included: a value is shown on one line), DEL,
# bidirectional embedding/override/isolate marks, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object, limit: int = LIMIT) -> str:
    """``value`` as text for a message: escaped, on one line, cut to ``limit`` characters."""
    text = value if isinstance(value, str) else literal(value, limit)
    cut = text[:limit]
    escaped = _UNSAFE.sub(_escape, cut)
    return escaped if len(text) <= limit else f"{escaped}…(+{len(text) - limit})"


def quote(value: object, limit: int = LIMIT, quotes: bool = True) -> str:
    """:func:`shown` in quotation marks (“…”), which read the same in Chinese and English."""
    text = shown(value, limit)
    return f"“{text}”" if quotes else text


def literal(value: Any, limit: int = LIMIT) -> str:
    """``value`` written as JSON (strings quoted), escaped and cut like :func:`shown`."""
    if isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, int):
        text = _integer(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, TypeError, RecursionError):  # huge integers, odd keys, deep nesting
            text = f"<{type(value).__name__}>"
    cut = text[:limit]
    escaped = _UNSAFE.sub(_escape, cut)
    return escaped if len(text) <= limit else f"{escaped}…(+{len(text) - limit})"


def word(value: object) -> Text:
    """A value as a reader says it: 是/否 (yes/no), 未记录 (not recorded), or the value itself."""
    if value is True:
        return Text("是", "yes")
    if value is False:
        return Text("否", "no")
    if value is None or value == () or value == []:
        return Text("未记录", "not recorded")
    if isinstance(value, (list, tuple)):
        parts = [word(v) for v in value]
        return Text("、".join(p.zh for p in parts), ", ".join(p.en for p in parts))
    text = shown(value)
    return Text(text, text)


def clean(message: str) -> str:
    """A whole message made safe to print: like :func:`shown` but keeping line breaks and tabs."""
    return _UNSAFE_IN_TEXT.sub(_escape, message)


def clean_json(text: str) -> str:
    """JSON text made safe to print: the same characters escaped as ``\\uXXXX``, still valid JSON."""
    return _UNSAFE_IN_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> bool:
    """True when :func:`clean` and :func:`clean_json` leave ``text`` as it is."""
    return _UNSAFE_IN_TEXT.search(text) is None


def _integer(value: int) -> str:
    if value.bit_length() > 256:  # str() of a 4,300-digit integer raises; nobody reads 80 digits
        digits = int(value.bit_length() * 0.30103) + 1
        return f"<{'-' if value < 0 else ''}{digits}-digit integer>"
    return str(value)

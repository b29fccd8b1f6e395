"""User-facing text in two languages: Chinese (default) and English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from attrs import frozen

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"


@frozen
class Text:
    """One message in Chinese and English; ``{name}`` placeholders are filled at render time."""

    zh: str
    en: str

    def render(self, lang: Lang = DEFAULT_LANG, /, **values: object) -> str:
        """Return the message in ``lang`` with the placeholders filled in."""
        template = self.zh if lang == "zh" else self.en
        return template.format(**values) if values else template


def join(parts: Iterable[str], lang: Lang) -> str:
    """Join a list the way each language writes one: 甲、乙 / a, b."""
    return ("、" if lang == "zh" else ", ").join(parts)


_LANG = re.compile(r"(zh|en)([-_][A-Za-z0-9.@_-]*)?", re.IGNORECASE)


def parse_lang(value: object) -> Lang | None:
    """The language a setting names ('zh', 'zh-CN', 'zh_CN.UTF-8', 'en', 'en-US'), or None."""
    if not isinstance(value, str):
        return None
    match = _LANG.fullmatch(value.strip())
    if match is None:
        return None
    return "en" if match.group(1).lower() == "en" else "zh"


def as_lang(value: str | None) -> Lang:
    """Read a language option ('zh', 'zh-CN', 'en', 'en-US'); anything else falls back to Chinese."""
    if value and value.lower().startswith("en"):
        return "en"
    return "zh"

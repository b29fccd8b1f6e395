"""The answer's language from ``Accept-Language`` (RFC 9110 §12.5.4): Chinese unless English wins."""

from __future__ import annotations

from sheyin.i18n import DEFAULT_LANG, Lang


def preferred_lang(header: str | None) -> Lang:
    """The language of the highest-weighted range that is Chinese or English.

    ``en-US,en;q=0.9`` gives English, ``zh-CN,en;q=0.8`` Chinese, ``*`` or no header the
    default (Chinese). At equal weight the range listed first wins.
    """
    best: tuple[float, int, Lang] | None = None
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        lang: Lang | None = (
            "en"
            if tag == "en" or tag.startswith("en-")
            else "zh"
            if tag == "zh" or tag.startswith("zh-")
            else None
        )
        if lang is None or weight <= 0:
            continue
        if best is None or weight > best[0]:
            best = (weight, position, lang)
    return best[2] if best else DEFAULT_LANG

"""Golden reports: what the engine reported before it was made fast, kept to prove it still does.

``python tests/golden.py`` (re)writes ``tests/data/golden/<profile>.json.gz`` with every
built-in profile's reports over each of its example snapshots (zh and en) and over a
``synthetic.varied`` region. Regenerate only when a change to what is reported is intended,
and say so in the commit; tests/core/test_golden.py compares the engine against them.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from synthetic import varied

from sheyin import Sheyin
from sheyin.testing import example_cases

GOLDEN = Path(__file__).parent / "data" / "golden"
PROFILES = ("yulin", "guangdong", "guangdong.guangzhou", "national", "zhengyin")
VARIED_OUTLETS = 150


def reports(app: Sheyin, profile: str) -> dict[str, Any]:
    """Every report the golden file of ``profile`` holds, keyed by case."""
    found: dict[str, Any] = {}
    for case in example_cases(app, profile):
        for lang in ("zh", "en"):
            report = app.check(case.snapshot, lang=lang)
            found[f"{case.id}/{lang}"] = report.to_dict()
    found["varied/zh"] = app.check(varied(app, profile, VARIED_OUTLETS)).to_dict()
    return found


def path(profile: str) -> Path:
    """Where the golden reports of ``profile`` are kept."""
    return GOLDEN / f"{profile}.json.gz"


def load(profile: str) -> dict[str, Any]:
    """The golden reports of ``profile``."""
    with gzip.open(path(profile), "rt", encoding="utf-8") as stream:
        return json.load(stream)  # type: ignore[no-any-return]


def write(profile: str, found: dict[str, Any]) -> None:
    """Write ``found`` as the golden reports of ``profile`` (mtime 0: the bytes are stable)."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    text = json.dumps(found, ensure_ascii=False, indent=0, sort_keys=True)
    with path(profile).open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as z:
        z.write(text.encode("utf-8"))


def main() -> None:
    app = Sheyin()
    for profile in sys.argv[1:] or PROFILES:
        found = reports(app, profile)
        write(profile, found)
        print(f"{profile}: {len(found)} reports → {path(profile)}")


if __name__ == "__main__":
    main()

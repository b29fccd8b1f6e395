"""Support for the HTTP API tests: the regions' example snapshots and the test server's limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sheyin._toml import loads
from sheyin.schemas import to_jsonable

ROOT = Path(__file__).parents[1]
DEMOS = sorted(ROOT.glob("plugins/*/sheyin_*/data/demo.toml"))
MAX_BODY = 256 * 1024
TOKENS = "alice-token-0123456789 李明\nbob-token-9876543210 Bob Smith\n"


def demo_document(path: Path) -> dict[str, Any]:
    """A region's example snapshot as a JSON document."""
    return to_jsonable(loads(path.read_text("utf-8")))  # type: ignore[no-any-return]


def demo_json(path: Path) -> bytes:
    """A region's example snapshot as the JSON body an integrator would send."""
    return json.dumps(demo_document(path), ensure_ascii=False).encode("utf-8")

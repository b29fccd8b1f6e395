"""Example snapshots that profiles ship for ``sheyin demo`` (data/demo.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sheyin.documents import parse_bytes

if TYPE_CHECKING:
    from sheyin.app import Sheyin

DEMO_FILE = "demo.toml"


def demo_snapshots(app: Sheyin) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(profile name, snapshot document, label) for each loadable profile with a demo snapshot."""
    for info in app.plugins.profile_sources():
        name = info.source.name
        if name not in app.index.names():
            continue
        path = info.source.data / DEMO_FILE
        if path.is_file():
            label = f"{info.plugin.distribution}:{name}/{DEMO_FILE}"
            yield name, parse_bytes(path.read_bytes(), label, ".toml"), label

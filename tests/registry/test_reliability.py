"""Concurrent writers and killed writers, on both databases, with real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.registry import Registry, resolve_url

WORKER = Path(__file__).parent / "worker.py"
APPENDS = 40


@pytest.fixture
def url(registry_url: str) -> str:
    return resolve_url(registry_url, None, "test")


@pytest.fixture
def registry(url: str, yulin_app: Sheyin, yulin_demo: dict[str, Any]) -> Iterator[Registry]:
    with Registry.open(url, app=yulin_app, profile="yulin") as opened:
        opened.import_(yulin_demo, "张三")
        yield opened


def test_two_writers_lose_nothing_and_keep_one_valid_chain(registry: Registry, url: str) -> None:
    before = len(registry.entries())
    writers = [
        subprocess.Popen([sys.executable, str(WORKER), "append", url, str(APPENDS), tag])
        for tag in ("a", "b")
    ]
    assert [w.wait(timeout=300) for w in writers] == [0, 0]
    entries = registry.entries()
    assert len(entries) == before + 2 * APPENDS
    for tag in ("a", "b"):
        assert sorted(e["data"]["n"] for e in entries if e["actor"] == tag) == list(range(APPENDS))
    assert registry.verify().intact


def test_a_writer_killed_mid_import_leaves_the_registry_as_it_was(
    registry: Registry, url: str
) -> None:
    before = registry.entries()
    state = registry.state()
    with subprocess.Popen(
        [sys.executable, str(WORKER), "import", url, "3000"], stdout=subprocess.PIPE, text=True
    ) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "started"  # inside the write transaction
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    assert registry.entries() == before
    assert registry.state() == state
    assert registry.verify().intact
    # and the registry takes writes again (no lock left behind)
    assert (
        registry.import_({"outlets": [{"id": "after", "partnership": "p-glb"}]}, "张三").entries
        == 1
    )

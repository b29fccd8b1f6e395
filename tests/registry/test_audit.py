"""``verify`` on a registry whose database was tampered with behind its back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.audit import Checkpoint
from sheyin.registry import Registry

ACTOR = "张三"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "registry.db"


@pytest.fixture
def registry(db: Path, yulin_app: Sheyin, yulin_demo: dict[str, Any]) -> Iterator[Registry]:
    with Registry.open(f"sqlite:///{db}", app=yulin_app, profile="yulin") as opened:
        opened.import_(yulin_demo, ACTOR)
        yield opened


def tamper(db: Path, *statements: str) -> None:
    """What someone with the database file can do: drop the triggers and rewrite rows."""
    connection = sqlite3.connect(db)
    connection.execute("DROP TRIGGER audit_log_no_update")
    connection.execute("DROP TRIGGER audit_log_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def test_an_untouched_registry_verifies(registry: Registry) -> None:
    verdict = registry.verify()
    assert verdict.intact
    assert verdict.size == len(registry.entries())


def test_an_edited_entry_is_named(registry: Registry, db: Path) -> None:
    tamper(db, "UPDATE audit_log SET actor = '李四' WHERE seq = 5")
    failure = registry.verify().failure
    assert failure is not None
    assert (failure.seq, failure.kind) == (5, "hash")


def test_a_deleted_entry_is_named(registry: Registry, db: Path) -> None:
    tamper(db, "DELETE FROM audit_log WHERE seq = 7")
    failure = registry.verify().failure
    assert failure is not None
    assert failure.seq == 7


def test_truncation_is_caught_against_an_earlier_checkpoint(registry: Registry, db: Path) -> None:
    checkpoint, _ = registry.checkpoint()
    tamper(db, f"DELETE FROM audit_log WHERE seq > {checkpoint.size - 3}")
    assert registry.verify().intact  # the chain alone cannot tell …
    failure = registry.verify(checkpoint).failure  # … the checkpoint can
    assert failure is not None
    assert failure.kind == "truncated"


def test_a_log_that_grew_extends_its_checkpoint(registry: Registry) -> None:
    checkpoint, _ = registry.checkpoint()
    registry.import_({"outlets": [{"id": "o-x", "partnership": "p-glb"}]}, ACTOR)
    assert registry.verify(checkpoint).intact


def test_a_checkpoint_for_another_log_fails(registry: Registry) -> None:
    checkpoint, _ = registry.checkpoint()
    forged = Checkpoint(checkpoint.size, bytes(32), checkpoint.time)
    failure = registry.verify(forged).failure
    assert failure is not None
    assert failure.kind == "checkpoint"

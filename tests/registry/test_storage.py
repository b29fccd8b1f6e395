"""Storage on both databases: migrations on open, an append-only log, state from the log."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy
from sqlalchemy.exc import DBAPIError

from sheyin import Sheyin
from sheyin.registry import Registry, database

ACTOR = "张三"


@pytest.fixture
def registry(registry_url: str, yulin_app: Sheyin) -> Registry:
    with Registry.open(
        database.resolve_url(registry_url, None, "test"), app=yulin_app, profile="yulin"
    ) as opened:
        yield opened


def test_opening_migrates_the_schema_to_the_newest_revision(registry: Registry) -> None:
    current, head = database.revisions(registry.engine)
    assert current == head == "0001"


def test_import_then_state_gives_the_imported_records(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    registry.import_(yulin_demo, ACTOR)
    state = registry.state()
    assert [o.id for o in state.outlets] == [o["id"] for o in yulin_demo["outlets"]]
    assert state.outlets[0].staff[0].id_number == yulin_demo["outlets"][0]["staff"][0]["id_number"]


def test_importing_the_same_snapshot_twice_changes_nothing(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    first = registry.import_(yulin_demo, ACTOR)
    second = registry.import_(yulin_demo, ACTOR)
    assert first.entries > 0
    assert second.entries == 0
    assert len(registry.entries()) == first.entries


def test_export_imported_into_an_empty_registry_gives_the_same_state(
    registry: Registry, yulin_demo: dict[str, Any], yulin_app: Sheyin, tmp_path: Any
) -> None:
    registry.import_(yulin_demo, ACTOR)
    text = registry.export(fmt="json", masked=False)
    import json

    with Registry.open(
        f"sqlite:///{tmp_path / 'other.db'}", app=yulin_app, profile="yulin"
    ) as other:
        other.import_(json.loads(text), "李四")
        assert other.state() == registry.state()
        assert other.export(fmt="json", masked=False) == text


def test_the_log_refuses_update(registry: Registry, yulin_demo: dict[str, Any]) -> None:
    registry.import_(yulin_demo, ACTOR)
    with pytest.raises(DBAPIError, match="append-only"), registry.engine.begin() as connection:
        connection.execute(sqlalchemy.text("UPDATE audit_log SET actor = 'x' WHERE seq = 1"))


def test_the_log_refuses_delete(registry: Registry, yulin_demo: dict[str, Any]) -> None:
    registry.import_(yulin_demo, ACTOR)
    with pytest.raises(DBAPIError, match="append-only"), registry.engine.begin() as connection:
        connection.execute(sqlalchemy.text("DELETE FROM audit_log WHERE seq = 1"))
    assert len(registry.entries()) > 0


def test_postgresql_refuses_truncate(registry: Registry, yulin_demo: dict[str, Any]) -> None:
    if registry.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE exists only in PostgreSQL")
    registry.import_(yulin_demo, ACTOR)
    with pytest.raises(DBAPIError, match="append-only"), registry.engine.begin() as connection:
        connection.execute(sqlalchemy.text("TRUNCATE audit_log"))


def test_each_entry_names_the_profile_version_and_a_hash_of_its_data(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    registry.import_(yulin_demo, ACTOR)
    stamps = {tuple(sorted(e["profile"].items())) for e in registry.entries()}
    [stamp] = stamps
    values = dict(stamp)
    assert values["name"] == "yulin"
    assert len(values["data_hash"]) == 64


def test_a_partial_snapshot_adds_to_the_records_held(
    registry: Registry, yulin_demo: dict[str, Any]
) -> None:
    registry.import_(yulin_demo, ACTOR)
    extra = {
        "outlets": [
            {"id": "o-new", "partnership": yulin_demo["partnerships"][0]["id"], "name": "新网点"}
        ]
    }
    result = registry.import_(extra, ACTOR)
    assert (result.records, result.events) == (1, 0)
    assert registry.state().outlets[-1].name == "新网点"


def test_a_bad_record_writes_nothing(registry: Registry, yulin_demo: dict[str, Any]) -> None:
    from sheyin.errors import InputError

    broken = {
        **yulin_demo,
        "outlets": [*yulin_demo["outlets"], {"id": "bad", "partnership": "nowhere"}],
    }
    with pytest.raises(InputError) as caught:
        registry.import_(broken, ACTOR, "broken.toml")
    assert caught.value.problems[0].file == "broken.toml"
    assert caught.value.problems[0].pointer == f"/outlets/{len(yulin_demo['outlets'])}/partnership"
    assert registry.entries() == []

"""schemas/ agrees with the Python models, the vocabulary and real documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

from sheyin import Sheyin
from sheyin._toml import loads
from sheyin.engine.due import Agenda, Deadline
from sheyin.engine.findings import Finding
from sheyin.profile import model as profile_model
from sheyin.schemas import SchemaStore, build_validator, schema_folder
from sheyin.snapshot import model as snapshot_model

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)

SCHEMAS = Path(__file__).parents[2] / "schemas"
SHIPPED = sorted(SCHEMAS.glob("*.schema.json"))


def fields(cls: type) -> set[str]:
    return {f.name for f in attrs.fields(cls)} - {"extra"}


@pytest.fixture(scope="module")
def snapshot_schema() -> dict[str, Any]:
    return SchemaStore().schema("snapshot")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_schema_is_valid_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_repository_schemas_are_the_shipped_ones() -> None:
    store = SchemaStore()
    for path in SHIPPED:
        assert store.schema(path.name.removesuffix(".schema.json")) == json.loads(
            path.read_text("utf-8")
        )


@pytest.mark.parametrize(
    ("definition", "model"),
    [
        ("department", snapshot_model.Department),
        ("bank", snapshot_model.Bank),
        ("partnership", snapshot_model.Partnership),
        ("outlet", snapshot_model.Outlet),
        ("staff", snapshot_model.Staff),
        ("handover_count", snapshot_model.HandoverCount),
    ],
)
def test_snapshot_records_match_models(
    snapshot_schema: dict[str, Any], definition: str, model: type
) -> None:
    assert set(snapshot_schema["$defs"][definition]["properties"]) == fields(model)
    required = {f.name for f in attrs.fields(model) if f.default is attrs.NOTHING}
    assert set(snapshot_schema["$defs"][definition]["required"]) == required


def test_snapshot_top_level_matches_model(snapshot_schema: dict[str, Any]) -> None:
    assert set(snapshot_schema["properties"]) == fields(snapshot_model.Snapshot)


def test_every_event_type_has_a_definition_with_model_fields(
    snapshot_schema: dict[str, Any],
) -> None:
    vocabulary = loads(
        (Path(__file__).parents[2] / "core/sheyin/data/vocabulary.toml").read_text("utf-8")
    )
    event_fields = fields(snapshot_model.Event)
    for event_type, term in vocabulary["event_types"].items():
        definition = snapshot_schema["$defs"][f"event_{event_type}"]
        assert set(definition["properties"]) <= event_fields, event_type
        branch = next(
            b
            for b in snapshot_schema["$defs"]["event"]["allOf"]
            if b["then"]["$ref"].endswith(f"event_{event_type}")
        )
        assert set(branch["if"]["properties"]["type"]["enum"]) == {
            event_type,
            term["zh"],
            *term.get("aliases", ()),
        }
    used = {
        name
        for key, d in snapshot_schema["$defs"].items()
        if key.startswith("event_")
        for name in d["properties"]
    }
    assert used == event_fields


def test_report_schema_matches_finding_model() -> None:
    schema = SchemaStore().schema("report")
    assert set(schema["properties"]["findings"]["items"]["properties"]) == fields(Finding)


def test_due_schema_matches_deadline_model() -> None:
    schema = SchemaStore().schema("due")
    # ``key`` is internal; ``uid`` is derived from it for calendars and integrators.
    expected = fields(Deadline) - {"key"} | {"uid"}
    assert set(schema["properties"]["deadlines"]["items"]["properties"]) == expected
    assert set(schema["properties"]) == fields(Agenda) | {"summary"}


def test_due_lists_of_the_builtin_demos_validate() -> None:
    app = Sheyin()
    validator = build_validator(SchemaStore().schema("due"))
    from sheyin.demo import demo_snapshots

    listed = 0
    for name, document, _ in demo_snapshots(app):
        agenda = app.due(document, profile=name)
        validator.validate(agenda.to_dict())
        listed += len(agenda.deadlines)
    assert listed >= 1


def test_requirement_schema_matches_model() -> None:
    schema = SchemaStore().schema("profile-requirements")
    properties = set(schema["properties"]["requirements"]["items"]["properties"])
    assert properties == fields(profile_model.Requirement) - {"profile"}


def test_catalogue_item_schema_matches_model() -> None:
    schema = SchemaStore().schema("profile-catalogue")
    item = schema["properties"]["catalogues"]["items"]["properties"]["items"]["items"]
    assert set(item["properties"]) == fields(profile_model.CatalogueItem)


def test_form_schema_matches_model() -> None:
    schema = SchemaStore().schema("profile-forms")
    form = schema["properties"]["forms"]["items"]
    assert set(form["properties"]) == fields(profile_model.Form)
    assert form["properties"]["fields"]["items"] == {"$ref": "#/$defs/field"}
    assert set(schema["$defs"]["field"]["properties"]) == fields(profile_model.FormField)
    rows = form["properties"]["rows"]["properties"]
    assert set(rows) == fields(profile_model.FormRows)
    assert set(rows["totals"]["properties"]) == fields(profile_model.FormTotals)
    block = form["properties"]["blocks"]["items"]["properties"]
    assert set(block) == fields(profile_model.FormBlock)
    assert set(block["columns"]["items"]["properties"]) == fields(profile_model.FormColumn)
    assert set(block["groups"]["items"]["properties"]) == fields(profile_model.ColumnGroup)


def test_document_schema_matches_model() -> None:
    schema = SchemaStore().schema("profile")
    assert set(schema["properties"]["documents"]["items"]["properties"]) == fields(
        profile_model.Document
    )


def test_reports_of_the_builtin_demos_validate() -> None:
    app = Sheyin()
    validator = build_validator(SchemaStore().schema("report"))
    from sheyin.demo import demo_snapshots

    checked = 0
    for name, document, _ in demo_snapshots(app):
        validator.validate(app.check(document, profile=name).to_dict())
        validator.validate(app.check(document, profile=name, lang="en").to_dict())
        checked += 1
    assert checked >= 1


def test_each_schema_asked_for_is_a_copy_of_its_own() -> None:
    store = SchemaStore()
    first = store.schema("snapshot")
    first["$defs"]["outlet"]["properties"].clear()
    second = store.schema("snapshot")
    assert second["$defs"]["outlet"]["properties"]
    assert second == json.loads((schema_folder() / "snapshot.schema.json").read_text("utf-8"))

"""GET /openapi.json: an OpenAPI 3.1 document assembled from schemas/, and the docs page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from sheyin.schemas import SchemaStore
from sheyin.server import openapi
from sheyin.server.routes import ENDPOINTS

SCHEMAS = Path(__file__).parents[2] / "schemas"


@pytest.fixture(scope="module")
def document(client: httpx.Client) -> dict[str, Any]:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    return answer.json()  # type: ignore[no-any-return]


def refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(refs(item) for item in node))
    return set()


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1.")
    validate(document)


def test_every_shipped_schema_is_a_component(document: dict[str, Any]) -> None:
    names = {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")}
    assert names <= set(document["components"]["schemas"])


def test_defs_become_components_named_after_their_file(document: dict[str, Any]) -> None:
    snapshot = json.loads((SCHEMAS / "snapshot.schema.json").read_text("utf-8"))
    components = document["components"]["schemas"]
    for definition, body in snapshot["$defs"].items():
        assert components[f"snapshot.{definition}"].get("type") == body.get("type")
    assert "$defs" not in components["snapshot"]
    assert "$id" not in components["snapshot"]


def test_every_reference_resolves_inside_the_document(document: dict[str, Any]) -> None:
    found = refs(document)
    assert "#/components/schemas/snapshot.outlet" in found
    for ref in found:
        assert ref.startswith("#/components/"), ref
        assert resolve(document, ref) is not None, ref


def test_reused_schema_keeps_its_content(document: dict[str, Any]) -> None:
    report = json.loads((SCHEMAS / "report.schema.json").read_text("utf-8"))
    component = document["components"]["schemas"]["report"]
    assert component["properties"] == report["properties"]
    assert component["required"] == report["required"]


def test_every_route_of_the_table_is_documented(document: dict[str, Any]) -> None:
    for endpoint in ENDPOINTS:
        if endpoint.documented:
            assert endpoint.method.lower() in document["paths"][endpoint.path], endpoint.path


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("#", "#/components/schemas/owner"),
        ("#/$defs/staff", "#/components/schemas/owner.staff"),
        ("#/$defs/staff/properties/id", "#/components/schemas/owner.staff/properties/id"),
        ("#/properties/as_of", "#/components/schemas/owner/properties/as_of"),
        ("report.schema.json", "#/components/schemas/report"),
        (
            "https://sheyin.invalid/schemas/snapshot.schema.json#/$defs/outlet",
            "#/components/schemas/snapshot.outlet",
        ),
    ],
)
def test_references_are_rewritten_to_components(ref: str, expected: str) -> None:
    assert openapi._target(ref, "owner") == expected


def test_a_reference_outside_schemas_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot resolve"):
        openapi._target("https://example.org/other.json", "owner")


def test_nested_defs_are_refused() -> None:
    with pytest.raises(ValueError, match="nested"):
        openapi._rewrite({"properties": {"a": {"$defs": {}}}}, "owner")


def test_components_cover_the_store_it_was_given() -> None:
    components = openapi.schema_components(SchemaStore(), ["report"])
    assert set(components) == {"report"}


def test_docs_page_loads_nothing_from_elsewhere(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.text)
    assert "<script" not in page.text


def test_docs_page_describes_every_operation(
    client: httpx.Client, document: dict[str, Any]
) -> None:
    page = client.get("/docs").text
    for path in document["paths"]:
        assert path in page

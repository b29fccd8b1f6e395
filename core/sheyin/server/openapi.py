"""The OpenAPI 3.1 document, assembled from the JSON Schemas in ``schemas/``.

OpenAPI 3.1 schema objects are JSON Schema 2020-12, so the shipped schemas are reused
as they are: each becomes a component named after its file, its ``$defs`` become
components named ``<file>.<def>``, and every ``$ref`` is rewritten to point there.
Nothing is described twice; the paths, parameters and responses come from the route
table (:mod:`sheyin.server.routes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from sheyin.schemas import SchemaStore

SUFFIX = ".schema.json"
# Absolute $ids of the shipped schemas start with this; relative refs name the file alone.
ID_BASE = "https://sheyin.invalid/schemas/"
COMPONENTS = "#/components/schemas/"
_COMPONENT_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def shipped_schema_names() -> list[str]:
    """The names of the schemas shipped in the package (``schemas/<name>.schema.json``)."""
    folder = resources.files("sheyin") / "schemas"
    return sorted(
        entry.name.removesuffix(SUFFIX) for entry in folder.iterdir() if entry.name.endswith(SUFFIX)
    )


def schema_components(store: SchemaStore, names: Iterable[str]) -> dict[str, Any]:
    """Every named schema and each of its ``$defs`` as OpenAPI components, references rewritten."""
    components: dict[str, Any] = {}
    for name in names:
        schema = store.schema(name)
        for key in ("$schema", "$id"):
            schema.pop(key, None)
        definitions = schema.pop("$defs", {})
        for definition, body in {"": schema, **definitions}.items():
            component = f"{name}.{definition}" if definition else name
            if not _COMPONENT_NAME.match(component):
                raise ValueError(f"{name}{SUFFIX}: '{component}' is not a valid component name")
            components[component] = _rewrite(body, name)
    return dict(sorted(components.items()))


def _rewrite(node: Any, owner: str) -> Any:
    if isinstance(node, Mapping):
        if "$id" in node or "$defs" in node:
            raise ValueError(f"{owner}{SUFFIX}: nested $id or $defs cannot become components")
        return {
            key: _target(value, owner) if key == "$ref" else _rewrite(value, owner)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item, owner) for item in node]
    return node


def _target(ref: str, owner: str) -> str:
    """Where ``ref`` (written inside schema ``owner``) points among the components."""
    document, _, fragment = ref.partition("#")
    document = document.removeprefix(ID_BASE)
    name = document.removesuffix(SUFFIX) if document else owner
    if document and not document.endswith(SUFFIX):
        raise ValueError(f"{owner}{SUFFIX}: cannot resolve $ref {ref!r}")
    parts = fragment.split("/")[1:] if fragment else []
    if parts[:1] == ["$defs"] and len(parts) >= 2:
        return COMPONENTS + "/".join([f"{name}.{parts[1]}", *parts[2:]])
    return COMPONENTS + "/".join([name, *parts])


def openapi_document(
    *,
    version: str,
    paths: Mapping[str, Any],
    components: Mapping[str, Any],
) -> dict[str, Any]:
    """The whole document: info, paths from the route table, components from ``schemas/``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "sheyin 社银 HTTP API",
            "version": version,
            "summary": "Check government-bank cooperation on social insurance against regional rules.",
            "description": (
                "The same functions as the `sheyin` command line. Every answer carries the "
                "`Sheyin-Version` header, and where a profile answered, `Sheyin-Profile` and "
                "`Sheyin-Profile-Version`. Errors are RFC 9457 problem details listing each "
                "problem with its JSON pointer, in Chinese unless `Accept-Language` prefers English."
            ),
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": "/"}],
        "paths": dict(paths),
        "components": dict(components),
    }

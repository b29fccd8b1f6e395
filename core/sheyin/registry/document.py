"""Snapshot models back to snapshot documents (JSON types), the form the log stores.

The parser resolves names to ids; writing its models back gives one canonical document
per record, so that importing the same data twice finds nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from sheyin.snapshot.model import OfferedItem, Snapshot

LISTS = ("departments", "banks", "partnerships", "outlets")
SUBJECT_KINDS = {"departments", "banks", "partnerships", "outlets"}


def record_document(record: Any) -> dict[str, Any]:
    """One model (record, staff member, event) as a document without empty fields."""
    result: dict[str, Any] = {}
    for field in attrs.fields(type(record)):
        if field.name == "extra":
            continue
        value = _value(getattr(record, field.name))
        if value is None or value == []:
            continue
        result[field.name] = value
    extra: Mapping[str, Any] = getattr(record, "extra", {})
    result.update(extra)
    return result


def _value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, OfferedItem):
        return value.item if value.level is None else {"item": value.item, "level": value.level}
    if attrs.has(type(value)):
        return record_document(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def snapshot_document(snapshot: Snapshot) -> dict[str, Any]:
    """A whole snapshot as a document (``profile`` and ``as_of`` included when set)."""
    document: dict[str, Any] = {}
    if snapshot.profile:
        document["profile"] = snapshot.profile
    if snapshot.as_of:
        document["as_of"] = snapshot.as_of.isoformat()
    for name in LISTS:
        document[name] = [record_document(r) for r in getattr(snapshot, name)]
    return document

"""Appending to and reading the audit log (the chain lives in :mod:`sheyin.audit`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from attrs import frozen
from sqlalchemy import Connection, select

from sheyin.audit import GENESIS, canonical_json, entry_hash
from sheyin.registry.tables import audit_log


@frozen
class Change:
    """One entry to append: what was done to which subject, with its data."""

    action: str
    subject: str
    data: Mapping[str, Any]


def utc_now() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append(
    connection: Connection,
    changes: Sequence[Change],
    actor: str,
    profile_stamp: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Append ``changes`` after the current head; call inside :func:`~sheyin.registry.database.writing`."""
    head = connection.execute(
        select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
    recorded_at = utc_now()
    stamp = json.loads(canonical_json(dict(profile_stamp)))
    rows: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for change in changes:
        seq += 1
        data = json.loads(canonical_json(dict(change.data)))  # JSON types only, exactly as hashed
        entry = {
            "seq": seq,
            "recorded_at": recorded_at,
            "actor": actor,
            "action": change.action,
            "subject": change.subject,
            "data": data,
            "profile": stamp,
            "prev": prev,
        }
        entry["hash"] = prev = entry_hash(entry)
        entries.append(entry)
        rows.append(
            {
                **entry,
                "data": canonical_json(data).decode("utf-8"),
                "profile": canonical_json(stamp).decode("utf-8"),
            }
        )
    for start in range(0, len(rows), 5000):  # keep each statement's parameters bounded
        connection.execute(audit_log.insert(), rows[start : start + 5000])
    return entries


def read_entries(
    connection: Connection, subjects: Sequence[str] | None = None, since: int = 0
) -> Iterator[dict[str, Any]]:
    """Entries in order (only those of ``subjects`` when given, only after seq ``since``)."""
    query = select(audit_log).where(audit_log.c.seq > since).order_by(audit_log.c.seq)
    if subjects is not None:
        query = query.where(audit_log.c.subject.in_(list(subjects)))
    for row in connection.execute(query.execution_options(yield_per=2000)):
        yield _entry(row._mapping)


def _entry(row: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "seq": row["seq"],
        "recorded_at": row["recorded_at"],
        "actor": row["actor"],
        "action": row["action"],
        "subject": row["subject"],
        "data": json.loads(row["data"]),
        "profile": json.loads(row["profile"]),
        "prev": row["prev"],
        "hash": row["hash"],
    }

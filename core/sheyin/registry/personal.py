"""Identity and phone numbers: kept outside the chain, named in the log by a keyed hash.

The log stores ``hmac-sha256:<hex>`` in place of each number; the number itself lives in
``personal_data`` under that key, so it can be erased while the log keeps the hash.
A changed number changes its hash, so the log still shows that it changed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete, select

from sheyin.identity import mask_id_number, mask_phone
from sheyin.registry.tables import personal_data, settings

# Of staff members, and ``phone`` of every record: an outlet's or a department's contact
# telephone is often the contact person's own mobile.
PERSONAL_FIELDS = ("id_number", "phone")
PREFIX = "hmac-sha256:"
KEY_SETTING = "personal_data_key"


def ensure_key(connection: Connection) -> bytes:
    """The registry's HMAC key, created on first use (inside a write transaction)."""
    row = connection.execute(select(settings.c.value).where(settings.c.name == KEY_SETTING)).first()
    if row is not None:
        return bytes.fromhex(row.value)
    key = secrets.token_bytes(32)
    connection.execute(settings.insert().values(name=KEY_SETTING, value=key.hex()))
    return key


def read_key(connection: Connection) -> bytes | None:
    """The registry's HMAC key, if one was made."""
    row = connection.execute(select(settings.c.value).where(settings.c.name == KEY_SETTING)).first()
    return bytes.fromhex(row.value) if row else None


def keyed_hash(key: bytes, kind: str, value: str) -> str:
    """``hmac-sha256:<hex>`` of one number (its kind is part of the message)."""
    digest = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_reference(value: object) -> bool:
    """True for a keyed-hash reference as the log stores it."""
    return isinstance(value, str) and value.startswith(PREFIX)


def seal_staff(
    key: bytes, staff: Mapping[str, Any], vault: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """``staff`` (or any record) with its numbers replaced by references; the numbers go
    into ``vault``."""
    sealed = dict(staff)
    for kind in PERSONAL_FIELDS:
        value = staff.get(kind)
        if isinstance(value, str) and not is_reference(value):
            reference = keyed_hash(key, kind, value)
            vault[reference.removeprefix(PREFIX)] = (kind, value)
            sealed[kind] = reference
    return sealed


def store(connection: Connection, vault: Mapping[str, tuple[str, str]]) -> None:
    """Insert the numbers in ``vault`` that the table does not hold yet."""
    if not vault:
        return
    known = set(
        connection.execute(
            select(personal_data.c.key).where(personal_data.c.key.in_(list(vault)))
        ).scalars()
    )
    rows = [
        {"key": k, "kind": kind, "value": value}
        for k, (kind, value) in vault.items()
        if k not in known
    ]
    for start in range(0, len(rows), 5000):
        connection.execute(personal_data.insert(), rows[start : start + 5000])


def load(connection: Connection) -> dict[str, str]:
    """Every stored number by its reference."""
    return {
        PREFIX + row.key: row.value
        for row in connection.execute(select(personal_data.c.key, personal_data.c.value))
    }


def erase(connection: Connection, references: Iterable[str]) -> int:
    """Delete the numbers behind ``references``; the log keeps their hashes. Returns how many."""
    keys = [r.removeprefix(PREFIX) for r in references]
    result = connection.execute(delete(personal_data).where(personal_data.c.key.in_(keys)))
    return int(result.rowcount or 0)


def mask(kind: str, value: str) -> str:
    """A number as every output but a filing form shows it."""
    if kind == "id_number":
        return mask_id_number(value)
    return mask_phone(value)


def is_masked(value: object) -> bool:
    """True for a value that is a mask (exports show numbers masked)."""
    return isinstance(value, str) and "*" in value

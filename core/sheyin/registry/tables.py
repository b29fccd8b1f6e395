"""The registry's tables, for SQLite and PostgreSQL alike (SQLAlchemy Core).

``audit_log`` is the history and the only source of state; ``personal_data`` keeps
identity and phone numbers outside the chain (the log holds their keyed hashes);
``settings`` keeps the registry's own key for those hashes.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("recorded_at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", Text, nullable=False, index=True),
    Column("data", Text, nullable=False),  # canonical JSON, exactly the bytes hashed
    Column("profile", Text, nullable=False),  # canonical JSON: name, version, data_hash
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

personal_data = Table(
    "personal_data",
    metadata,
    Column("key", String(64), primary_key=True),  # HMAC-SHA256 of the value, as in the log
    Column("kind", String(16), nullable=False),  # id_number | phone
    Column("value", Text, nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

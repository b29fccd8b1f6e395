"""Connecting to the registry database: URLs, SQLite's WAL and write locks, PostgreSQL's
advisory lock, and migrations on open.

Every write runs in one transaction that holds the log's write lock from its first
statement: SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``pg_advisory_xact_lock``. So two
writers never read the same head of the chain.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from sheyin.errors import InputError, Problem
from sheyin.i18n import Text
from sheyin.origin import Origin

DEFAULT_URL = "sqlite:///sheyin.db"
# Any constant identifies the log's lock among the database's advisory locks.
ADVISORY_LOCK_KEY = 0x5E11_A0D1
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(url: str, base: Path | None, source: str | Origin) -> str:
    """``url`` with a relative SQLite path made relative to ``base`` (the folder of
    sheyin.toml), and ``postgresql://`` routed to psycopg 3. ``source`` names where the
    URL came from, for the error."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise _bad(
            source,
            Text(
                f"“{url}”不是数据库地址（例如 sqlite:///sheyin.db 或 postgresql://…）",
                f"'{url}' is not a database URL (e.g. sqlite:///sheyin.db or postgresql://…)",
            ),
        ) from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not Path(database).is_absolute() and base:
            parsed = parsed.set(database=str(base / database))
        return parsed.render_as_string(hide_password=False)
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise _bad(
        source,
        Text(
            f"不支持的数据库“{backend}”：请使用 sqlite 或 postgresql",
            f"unsupported database '{backend}': use sqlite or postgresql",
        ),
    )


def _bad(source: str | Origin, text: Text) -> InputError:
    if isinstance(source, Origin):
        return InputError((source.problem(text),))
    return InputError((Problem(source, "", text),))


def connect(url: str) -> Engine:
    """An engine for ``url`` (already resolved) with sheyin's transaction rules installed."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=False)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("sheyin_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction holding the log's lock from its start; rolled back on error."""
    with engine.connect() as plain:
        connection = plain.execution_options(sheyin_write=True)
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
            yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction (a consistent view of the log)."""
    with engine.connect() as connection, connection.begin():
        yield connection


def _alembic_config(connection: Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revisions(engine: Engine) -> tuple[str | None, str | None]:
    """(the database's schema revision, the newest revision sheyin knows)."""
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        head = ScriptDirectory.from_config(_alembic_config(connection)).get_current_head()
    return current, head


def upgrade(engine: Engine) -> bool:
    """Bring the schema to the newest revision; True when something was migrated."""
    current, head = revisions(engine)
    if current == head:
        return False
    from alembic import command

    with writing(engine) as connection:
        command.upgrade(_alembic_config(connection), "head")
    return True

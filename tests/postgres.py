"""A throw-away PostgreSQL cluster for the tests, started whenever the server binaries
(``initdb``, ``pg_ctl``) are on PATH, and always stopped.

``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres``
user (through ``runuser``), its data and socket in a temporary directory it owns. The
server listens on a free loopback port with ``fsync=off``: a test cluster needs no
durability. Each test gets its own schema, which is much faster than a database.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_OWNER = "postgres"


def binaries() -> tuple[str, str] | None:
    """``initdb`` and ``pg_ctl`` when both are on PATH."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return (initdb, pg_ctl) if initdb and pg_ctl else None


def missing_reason() -> str | None:
    """Why the PostgreSQL half cannot run here, or None when it can."""
    if binaries() is None:
        return (
            "PostgreSQL server binaries (initdb, pg_ctl) are not on PATH: PostgreSQL tests skipped"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_OWNER)
        except KeyError:
            return "running as root without a 'postgres' user for initdb: PostgreSQL tests skipped"
        if shutil.which("runuser") is None:
            return "running as root without runuser: PostgreSQL tests skipped"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'sheyin[postgres]'): PostgreSQL tests skipped"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], as_owner: bool) -> None:
    if as_owner:
        command = ["runuser", "-u", SERVER_OWNER, "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its ``postgres`` database; stop and remove it."""
    found = binaries()
    assert found is not None
    initdb, pg_ctl = found
    as_owner = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="sheyin-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if as_owner:
        owner = pwd.getpwnam(SERVER_OWNER)
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    started = False
    try:
        _run(
            [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
            as_owner,
        )
        port = _start(pg_ctl, data, sockets, root / "log", as_owner)
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _stop(pg_ctl, data, root / "log", as_owner)
        shutil.rmtree(root, ignore_errors=True)


def _start(pg_ctl: str, data: Path, sockets: Path, log: Path, as_owner: bool) -> int:
    """Start the cluster on a free loopback port; the port.

    A port found free can be taken before the server binds it (test workers start their
    clusters at the same time): the server then fails to start, and another port is tried.
    """
    attempts = 0
    while True:
        port = _free_port()
        attempts += 1
        options = (
            f"-p {port} -k {sockets} -h 127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        try:
            _run([pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"], as_owner)
        except subprocess.CalledProcessError:
            if attempts == 3:
                raise
        else:
            return port


def _stop(pg_ctl: str, data: Path, log: Path, as_owner: bool) -> None:
    """Stop the cluster; one that is no longer running is stopped already. Otherwise a
    failure says why, with the end of the server's log."""
    try:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], as_owner)
    except subprocess.CalledProcessError as exc:
        prefix = ["runuser", "-u", SERVER_OWNER, "--"] if as_owner else []
        status = subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "status"], capture_output=True, timeout=60
        )
        if status.returncode == 3:  # pg_ctl status: no server running
            return
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
        raise AssertionError(
            f"pg_ctl stop failed ({exc.returncode}): {exc.stderr!r}\nserver log:\n{tail}"
        ) from exc


def new_schema(server_url: str) -> str:
    """A fresh schema on the cluster; the URL that makes it the search path."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    conninfo = server_url
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {name}")
    return f"{server_url}?options=-csearch_path%3D{name}"

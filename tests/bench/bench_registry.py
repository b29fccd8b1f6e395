"""Speed of the registry (run by ``nox -s bench``), every figure a ratio to a baseline
measured in the same run on the same machine:

- append: events appended one transaction each through the chain (lock, head read,
  canonical JSON, SHA-256, insert) against a bare ``INSERT`` loop of the same rows, one
  transaction each, in the same database; on SQLite and, when server binaries exist, on a
  throw-away PostgreSQL cluster;
- verify: ``verify_chain`` over the log (canonical JSON, hashes, links, Merkle root)
  against ``hashlib.sha256`` alone over the same canonical bytes;
- import: ``Registry.import_`` of an N-outlet snapshot against ``Sheyin().check`` of the
  same document.

Usage: ``nox -s bench -- [--appends 2000] [--outlets 20000]`` (``python tests/bench/bench_registry.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy

from sheyin import Sheyin
from sheyin.audit import canonical_json, verify_chain
from sheyin.registry import Registry, resolve_url
from sheyin.registry.database import writing
from sheyin.registry.log import Change, append
from sheyin.registry.tables import audit_log

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import postgres  # noqa: E402
from bench_check import snapshot  # noqa: E402

PROFILE = "national"


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bench_append(url: str, app: Sheyin, count: int) -> tuple[float, float]:
    """(seconds for ``count`` chained appends, seconds for the bare INSERT loop)."""
    with Registry.open(url, app=app, profile=PROFILE) as registry:
        stamp = registry.stamp()
        changes = [
            Change(
                "record",
                f"outlets/o{n % 50}",
                {"event": {"on": "2025-01-01", "type": "complaint", "n": n}},
            )
            for n in range(count)
        ]

        def chained() -> None:
            for change in changes:
                with writing(registry.engine) as connection:
                    append(connection, [change], "bench", stamp)

        chain_seconds = timed(chained)
        rows = [
            {
                **entry,
                "seq": entry["seq"] + 10 * count,
                "hash": f"{entry['seq']:064d}",
                "data": canonical_json(entry["data"]).decode(),
                "profile": canonical_json(entry["profile"]).decode(),
            }
            for entry in registry.entries()
        ]
        scratch = sqlalchemy.Table(
            "bench_insert", sqlalchemy.MetaData(), *(c._copy() for c in audit_log.columns)
        )
        scratch.create(registry.engine)

        def bare() -> None:
            for row in rows:
                with registry.engine.begin() as connection:
                    connection.execute(scratch.insert(), row)

        bare_seconds = timed(bare)
        return chain_seconds, bare_seconds


def bench_verify(url: str, app: Sheyin) -> tuple[float, float]:
    with Registry.open(url, app=app, profile=PROFILE) as registry:
        entries = registry.entries()
    blobs = [canonical_json({k: v for k, v in e.items() if k != "hash"}) for e in entries]
    verify_seconds = timed(lambda: verify_chain(entries))
    hash_seconds = timed(lambda: [hashlib.sha256(b).digest() for b in blobs])
    return verify_seconds, hash_seconds


def bench_import(folder: Path, app: Sheyin, outlets: int) -> tuple[float, float]:
    document = snapshot(outlets, PROFILE)
    app.check(document, profile=PROFILE)  # warm: profile loaded, parser built
    check_seconds = timed(lambda: app.check(document, profile=PROFILE))
    with Registry.open(f"sqlite:///{folder / 'import.db'}", app=app, profile=PROFILE) as registry:
        import_seconds = timed(lambda: registry.import_(document, "bench", "bench.json"))
    return import_seconds, check_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appends", type=int, default=2000)
    parser.add_argument("--outlets", type=int, default=20000)
    parser.add_argument("--quick", action="store_true", help="a smoke run at a tenth of every size")
    args = parser.parse_args()
    if args.quick:
        args.appends, args.outlets = args.appends // 10, args.outlets // 10
    app = Sheyin()
    with tempfile.TemporaryDirectory(prefix="sheyin-bench-") as tmp:
        folder = Path(tmp)
        databases = {"sqlite": f"sqlite:///{folder / 'append.db'}"}
        reason = postgres.missing_reason()
        with postgres.cluster() if reason is None else _nothing() as server:
            if server:
                databases["postgresql"] = resolve_url(postgres.new_schema(server), None, "bench")
            else:
                print(f"postgresql: skipped ({reason})")
            for name, url in databases.items():
                chain, bare = bench_append(url, app, args.appends)
                print(
                    f"append ({name}, {args.appends} events, one transaction each): "
                    f"{args.appends / chain:,.0f} events/s, {chain / bare:.2f}× a bare INSERT loop"
                )
                verify, hashing = bench_verify(url, app)
                print(
                    f"verify ({name}, {args.appends} entries): {verify / hashing:.1f}× hashlib alone "
                    f"over the same bytes"
                )
        imported, checked = bench_import(folder, app, args.outlets)
        print(
            f"import of {args.outlets:,} outlets: {imported:.1f} s, {imported / checked:.2f}× "
            f"check of the same snapshot ({checked:.1f} s)"
        )


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


if __name__ == "__main__":
    main()

"""The Python API: no I/O at import, no shared state, safe across threads."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from sheyin import InputError, Report, Sheyin
from sheyin.engine.collection import collector_paused, imports_kept


def test_import_reads_no_file_and_loads_no_plugin() -> None:
    probe = textwrap.dedent(
        """
        import builtins, importlib.metadata, io, pathlib
        def refuse(*args, **kwargs):
            raise AssertionError("I/O at import")
        builtins.open = io.open = refuse
        pathlib.Path.read_text = pathlib.Path.read_bytes = refuse
        importlib.metadata.entry_points = refuse
        import sys
        import sheyin
        assert "Sheyin" in sheyin.__all__
        assert not any(name.startswith(("sheyin_", "jsonschema")) for name in sys.modules)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_public_names_resolve() -> None:
    import sheyin

    for name in sheyin.__all__:
        assert getattr(sheyin, name) is not None


def test_report_serialises_to_the_contract(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["outlets"][0]["zones"] = ["受理区"]
    report = toy_app.check(snapshot)
    assert isinstance(report, Report)
    data = report.to_dict()
    assert list(data) == ["profile", "as_of", "findings", "summary"]
    assert data["findings"][0]["rule"] == "toy.zones"
    assert list(data["findings"][0]) == ["rule", "clause", "severity", "subject", "path", "message"]


def test_concurrent_checks_agree(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    variants = []
    for i in range(16):
        variant = {**snapshot, "as_of": f"2025-{1 + i % 12:02d}-15"}
        variants.append(variant)
    expected = [toy_app.check(v).to_dict() for v in variants]
    fresh = Sheyin(entry_points=toy_app._entry_points)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda v: fresh.check(v).to_dict(), variants * 4))
    assert results == expected * 4


def test_module_level_check_uses_a_fresh_application(snapshot: dict[str, Any]) -> None:
    import sheyin

    report = sheyin.check(
        {
            "profile": "yulin",
            "as_of": "2025-06-01",
            "departments": [{"id": "d"}],
            "banks": [{"id": "b"}],
            "partnerships": [{"id": "p", "department": "d", "bank": "b"}],
        }
    )
    assert report.profile == "yulin"


def test_check_leaves_the_garbage_collector_as_it_found_it(toy_app: Sheyin) -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested (or another thread's): stays off until the outer ends
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(InputError):
        toy_app.check({"profile": "toy", "as_of": "not a date"})
    assert gc.isenabled()  # restored however the check ends


def test_parsing_a_document_runs_no_garbage_collection() -> None:
    from sheyin.documents import parse_bytes

    text = json.dumps({"outlets": [{"id": f"o{n}", "zones": ["a"]} for n in range(20_000)]})
    collections: list[str] = []

    def seen(phase: str, _: dict[str, int]) -> None:
        if phase == "start":
            collections.append(phase)

    assert gc.isenabled()
    gc.callbacks.append(seen)
    try:
        for suffix in (".json", ".toml"):  # JSON's quick parse, and the careful one TOML takes
            document = parse_bytes(
                text.encode() if suffix == ".json" else b"[[o]]\nid = 1\n" * 2000, "f", suffix
            )
            assert document
    finally:
        gc.callbacks.remove(seen)
    # Unpaused, 20,000 outlets would trigger dozens; the one allowed per parse is the
    # collection due when the collector resumes.
    assert len(collections) <= 2
    assert gc.isenabled()  # as it found it


def test_imports_kept_freezes_what_is_alive_and_leaves_the_collector_as_it_found_it() -> None:
    before = gc.get_freeze_count()
    try:
        assert gc.isenabled()
        with imports_kept():
            assert not gc.isenabled()
            kept = [[]]  # alive when the block ends, and tracked by the collector
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(kept) + 1
        gc.disable()
        with imports_kept():
            pass
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()
        gc.unfreeze()  # the rest of the test session collects as before

"""Shared fixtures: the toy application and fresh copies of the base snapshot."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from sheyin import Sheyin
from support import BASE, toy_entry_points

# CI runs the same property-test examples every time, so a landing is never failed by a
# draw no one can reproduce; developers' runs and `nox -s fuzz` keep exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands run by the tests keep their profile cache in a folder of the test session,
    never in the user's own (sheyin.profile.cache)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHEYIN_CACHE_DIR", str(tmp_path_factory.mktemp("sheyin-cache")))
        yield


@pytest.fixture(scope="module")
def toy_app() -> Sheyin:
    """An application object that sees only the toy plugin, shared by a module's tests.

    Sharing is how the object is meant to be used (the server checks every request with one,
    from several threads; what it hands out is immutable), and it saves each test building
    the toy profile and compiling its snapshot validators again: 0.2 s of CPU per check
    against 0.05 s, over some 400 tests.
    """
    return Sheyin(entry_points=toy_entry_points())


@pytest.fixture
def snapshot() -> dict[str, Any]:
    """A toy snapshot that satisfies every toy requirement (a fresh copy per test)."""
    return copy.deepcopy(BASE)


@pytest.fixture
def outlet(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The first outlet of the ``snapshot`` fixture, to modify in place."""
    return snapshot["outlets"][0]  # type: ignore[no-any-return]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the example plugin's own tests: they need it installed (nox -s example_plugin).

    The example plugin is a template a province developer copies; its tests carry no
    marker of ours, so they run unchanged under --strict-markers in the copy.
    """
    for item in items:
        if "example-plugin" in item.path.parts:
            item.add_marker(pytest.mark.example_plugin)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a throw-away PostgreSQL cluster for the whole session (skipped, with the
    reason, where no server binaries exist)."""
    import postgres

    reason = postgres.missing_reason()
    if reason is not None:
        pytest.skip(reason)
    with postgres.cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty registry database URL: SQLite in a temporary folder, or a new schema
    on the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    import postgres

    server: str = request.getfixturevalue("postgres_server")
    return postgres.new_schema(server)

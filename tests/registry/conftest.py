"""Fixtures of the registry tests: the installed profiles and a region's example."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.documents import read_file


@pytest.fixture(scope="session")
def yulin_app() -> Sheyin:
    """The application with the installed profiles (loaded once for the session)."""
    return Sheyin()


@pytest.fixture(scope="session")
def _yulin_demo_document() -> dict[str, Any]:
    import sheyin_yulin

    return read_file(Path(sheyin_yulin.__file__).parent / "data" / "demo.toml")  # type: ignore[no-any-return]


@pytest.fixture
def yulin_demo(_yulin_demo_document: dict[str, Any]) -> dict[str, Any]:
    """Yulin's bundled example snapshot, a fresh copy per test."""
    return copy.deepcopy(_yulin_demo_document)

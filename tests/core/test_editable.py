"""Schemas are found installed (inside the package) and in a source tree (editable installs)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sheyin.schemas
from sheyin.schemas import SchemaStore, schema_folder

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


def test_an_installed_package_carries_its_schemas() -> None:
    assert (schema_folder() / "profile.schema.json").is_file()


def test_a_source_tree_reads_the_schemas_folder_two_levels_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after ``pip install -e .``: sheyin imported from core/sheyin, schemas/ at the root."""
    package = tmp_path / "core" / "sheyin"
    package.mkdir(parents=True)
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "config.schema.json").write_text('{"type": "object"}', "utf-8")
    monkeypatch.setattr(sheyin.schemas, "package_files", lambda _: package)
    monkeypatch.setattr(sheyin.schemas, "__file__", str(package / "schemas.py"))
    assert schema_folder() == tmp_path / "schemas"
    assert SchemaStore().schema("config") == {"type": "object"}

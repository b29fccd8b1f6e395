"""The installed distribution carries what the source tree ships: every file of each package
(code, profile data, examples, templates, ``py.typed``), the schemas, the entry points and
the ``sheyin`` command.

Every test session runs these against ``pip install .``; ``nox -s wheel`` runs them against
the wheel built from the sdist, where a file that either build leaves out would show here
first, by name, instead of as a puzzling failure of a check that reads it.
"""

from __future__ import annotations

import os
import subprocess
import sysconfig
from importlib import metadata, resources
from pathlib import Path

import pytest

from sheyin._toml import loads
from sheyin.schemas import schema_folder

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).parents[2]
PYPROJECT = loads((ROOT / "pyproject.toml").read_text("utf-8"))
PACKAGES = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]


def shipped_files(folder: Path) -> list[str]:
    """The files under ``folder`` a build ships, as POSIX paths relative to it (bytecode aside)."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


@pytest.mark.parametrize("source", PACKAGES)
def test_every_file_of_a_package_is_installed_as_it_is_in_the_tree(source: str) -> None:
    """Data files are found through the package (ProfileSource.from_package, the templates):
    each one of the tree must be there, byte for byte, or the installed package is stale."""
    folder = ROOT / source
    installed = resources.files(folder.name)
    files = shipped_files(folder)
    assert files, f"{source} holds no files"
    missing = [name for name in files if not installed.joinpath(name).is_file()]
    assert missing == [], f"not installed from {source}"
    differing = [
        name
        for name in files
        if installed.joinpath(name).read_bytes() != (folder / name).read_bytes()
    ]
    assert differing == [], f"installed copies differ from {source}: reinstall sheyin"


def test_every_schema_of_the_tree_is_installed_with_the_package() -> None:
    """schemas/ (with its forms/ subfolders) is shipped inside the wheel as sheyin/schemas."""
    files = shipped_files(ROOT / "schemas")
    installed = schema_folder()
    assert "snapshot.schema.json" in files
    differing = [
        name
        for name in files
        if not installed.joinpath(name).is_file()
        or installed.joinpath(name).read_bytes() != (ROOT / "schemas" / name).read_bytes()
    ]
    assert differing == []


def test_the_distribution_declares_the_entry_points_of_pyproject() -> None:
    """Built-in profiles are found through the installed metadata, like third-party ones."""
    declared = {
        (point.group, point.name, point.value)
        for point in metadata.distribution("sheyin").entry_points
        if point.group in ("sheyin", "console_scripts")
    }
    project = PYPROJECT["project"]
    expected = {
        ("sheyin", name, value) for name, value in project["entry-points"]["sheyin"].items()
    }
    expected |= {("console_scripts", name, value) for name, value in project["scripts"].items()}
    assert declared == expected


def test_the_installed_command_lists_every_built_in_profile() -> None:
    """The ``sheyin`` script the installer wrote runs, and finds every profile by entry point."""
    scripts = Path(sysconfig.get_path("scripts"))
    command = scripts / ("sheyin.exe" if os.name == "nt" else "sheyin")
    assert command.is_file(), f"no sheyin command in {scripts}"
    result = subprocess.run(
        [str(command), "--lang", "en", "profiles"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for name in PYPROJECT["project"]["entry-points"]["sheyin"]:
        assert name in result.stdout

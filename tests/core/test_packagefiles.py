"""Package files found without importlib.resources are the ones importlib.resources finds."""

from __future__ import annotations

import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from sheyin.packagefiles import package_files


@pytest.mark.parametrize("package", ["sheyin", "sheyin_national", "sheyin.kinds"])
def test_a_package_folder_is_the_folder_importlib_resources_gives(package: str) -> None:
    found = package_files(package)
    assert isinstance(found, Path)
    assert found == resources.files(package)


def test_a_package_in_a_zip_file_is_left_to_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("zippedpkg/__init__.py", "")
        out.writestr("zippedpkg/data/note.txt", "inside the zip")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zippedpkg", raising=False)
    found = package_files("zippedpkg")
    assert not isinstance(found, Path)
    assert (found / "data" / "note.txt").read_text("utf-8") == "inside the zip"


def test_a_namespace_package_is_left_to_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "spacepkg").mkdir()
    (tmp_path / "spacepkg" / "note.txt").write_text("in a namespace package", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "spacepkg", raising=False)
    found = package_files("spacepkg")
    assert not isinstance(found, Path)
    assert (found / "note.txt").read_text("utf-8") == "in a namespace package"

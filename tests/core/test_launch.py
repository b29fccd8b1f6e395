"""Remembered output (sheyin.launch): replayed while nothing it came from changed, never otherwise.

Each test runs ``python -m sheyin`` in its own interpreter, in a workspace whose
sheyin.toml disables the built-in plugins, with one third-party plugin "installed" in a
folder on PYTHONPATH (a dist-info with its entry points, and the plugin's package).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from sheyin.launch import Remembered, command_word
from support import TOY

BUILT_IN = ["yulin", "guangdong", "national", "zhengyin"]

# Runs the sheyin command, then writes the names of every module imported to the file
# named by its first argument.
RUNNER = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["sheyin", *sys.argv[2:]]
try:
    runpy.run_module("sheyin", run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
with open(out, "w", encoding="utf-8") as f:
    json.dump({"modules": sorted(sys.modules), "code": code}, f)
"""

PLUGIN = """
from pathlib import Path
from sheyin.plugin import ProfileSource, hookimpl

@hookimpl
def sheyin_profiles():
    return [ProfileSource(name="toy", data=Path(__file__).parent / "data")]
"""


class Workspace:
    """A folder to run sheyin in, a site folder to install plugins in, and a cache folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"
        self.cache = root / "cache"
        self.work = root / "work"
        self.site.mkdir()
        self.work.mkdir()
        (self.work / "sheyin.toml").write_text(
            f"[plugins]\ndisabled = {json.dumps(BUILT_IN)}\n", "utf-8"
        )

    def install(self, dist: str, version: str, module: str, code: str | None = PLUGIN) -> None:
        """Install distribution ``dist`` with entry point ``dist = module`` and, unless
        ``code`` is None, a package ``module`` with the toy profile's data."""
        info = self.site / f"{dist}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", "utf-8"
        )
        (info / "entry_points.txt").write_text(f"[sheyin]\n{dist} = {module}\n", "utf-8")
        if code is not None:
            package = self.site / module
            package.mkdir()
            (package / "__init__.py").write_text(code, "utf-8")
            shutil.copytree(TOY / "data", package / "data")

    def run(self, *args: str, env: dict[str, str] | None = None) -> tuple[str, str, int, set[str]]:
        """Standard output, standard error, exit status and imported modules of one run."""
        record = self.root / "modules.json"
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(record), *args],
            cwd=self.work,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            env={
                **os.environ,
                "PYTHONPATH": str(self.site),
                "SHEYIN_CACHE_DIR": str(self.cache),
                **(env or {}),
            },
        )
        ran = json.loads(record.read_text("utf-8"))
        return done.stdout, done.stderr, ran["code"], set(ran["modules"])


@pytest.fixture
def space(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path)
    workspace.install("toyplug", "1.0", "toyplug")
    return workspace


def test_a_second_run_prints_the_same_without_importing_click_or_any_plugin(
    space: Workspace,
) -> None:
    first = space.run("profiles")
    second = space.run("profiles")
    assert "toyplug" in first[3]  # the first run did load the plugin
    assert first[:3] == second[:3]
    assert "测试规范" in second[0]
    assert "toyplug 1.0" in second[0]
    assert not {"toyplug", "click", "pluggy", "rich", "attrs"} & second[3]


def test_json_and_the_table_are_remembered_apart(space: Workspace) -> None:
    table = space.run("profiles")
    space.run("--lang", "en", "profiles", "--json")
    replayed = space.run("--lang", "en", "profiles", "--json")
    assert "click" not in replayed[3]
    assert json.loads(replayed[0])["profiles"][0]["distribution"] == "toyplug"
    assert space.run("profiles")[0] == table[0]


def test_edited_profile_data_is_read_again(space: Workspace) -> None:
    space.run("profiles")
    manifest = space.site / "toyplug" / "data" / "profile.toml"
    manifest.write_text(manifest.read_text("utf-8").replace("测试规范", "改过的规范"), "utf-8")
    out, _, _, modules = space.run("profiles")
    assert "toyplug" in modules
    assert "改过的规范" in out


def test_edited_plugin_code_is_run_again(space: Workspace) -> None:
    space.run("profiles")
    code = space.site / "toyplug" / "__init__.py"
    code.write_text(PLUGIN + "\nraise RuntimeError('now broken')\n", "utf-8")
    _, err, code_, _ = space.run("profiles")
    assert code_ == 0
    assert "now broken" in err


def test_a_newly_installed_plugin_is_seen(space: Workspace) -> None:
    space.run("profiles")
    space.install("brokenplug", "0.1", "brokenplug_missing", code=None)
    _, err, _, modules = space.run("profiles")
    assert "pluggy" in modules
    assert "brokenplug" in err


def test_an_upgraded_plugin_shows_its_new_version(space: Workspace) -> None:
    space.run("profiles")
    old = space.site / "toyplug-1.0.dist-info"
    new = space.site / "toyplug-2.0.dist-info"
    old.rename(new)
    (new / "METADATA").write_text("Metadata-Version: 2.1\nName: toyplug\nVersion: 2.0\n", "utf-8")
    out, _, _, _ = space.run("profiles")
    assert "toyplug 2.0" in out


def test_a_removed_plugin_is_no_longer_listed(space: Workspace) -> None:
    assert "测试规范" in space.run("profiles")[0]
    shutil.rmtree(space.site / "toyplug-1.0.dist-info")
    out, _, code, _ = space.run("profiles")
    assert code == 0
    assert "测试规范" not in out


def test_changed_workspace_settings_are_read_again(space: Workspace) -> None:
    space.run("profiles")
    (space.work / "sheyin.toml").write_text(
        f"[plugins]\ndisabled = {json.dumps([*BUILT_IN, 'toyplug'])}\n", "utf-8"
    )
    assert "测试规范" not in space.run("profiles")[0]


def test_a_plugin_that_fails_to_load_is_never_replayed(space: Workspace) -> None:
    space.install("brokenplug", "0.1", "brokenplug_missing", code=None)
    space.run("profiles")
    _, err, code, modules = space.run("profiles")
    assert code == 0
    assert "pluggy" in modules
    assert "brokenplug" in err


def test_damaged_entries_are_ignored_and_replaced(space: Workspace) -> None:
    expected = space.run("profiles")[:3]
    for entry in (space.cache / "profiles").iterdir():
        entry.write_text('{"key": [', "utf-8")
    assert space.run("profiles")[:3] == expected
    second = space.run("profiles")
    assert second[:3] == expected
    assert "click" not in second[3]


def test_an_entry_of_the_wrong_shape_is_ignored(space: Workspace) -> None:
    expected = space.run("profiles")[:3]
    for entry in (space.cache / "profiles").iterdir():
        data = json.loads(entry.read_text("utf-8"))
        if data["label"].startswith("output"):
            data["documents"]["stdout"] = 42
            entry.write_text(json.dumps(data), "utf-8")
    assert space.run("profiles")[:3] == expected


def test_a_cache_folder_that_cannot_be_written_changes_nothing(space: Workspace) -> None:
    blocked = space.root / "not-a-folder"
    blocked.write_text("", "utf-8")
    first = space.run("profiles", env={"SHEYIN_CACHE_DIR": str(blocked)})
    second = space.run("profiles", env={"SHEYIN_CACHE_DIR": str(blocked)})
    assert first[:3] == second[:3]
    assert first[2] == 0
    assert "测试规范" in first[0]
    assert not first[1]
    assert "pluggy" in second[3]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_replay_that_cannot_be_written_is_exit_2_with_a_message(space: Workspace) -> None:
    space.run("profiles")
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "sheyin", "--lang", "en", "profiles"],
            cwd=space.work,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(space.site), "SHEYIN_CACHE_DIR": str(space.cache)},
        )
    assert done.returncode == 2
    assert "cannot write to standard output" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_word_comes_after_the_language_option() -> None:
    assert command_word(["--lang", "en", "profiles"]) == "profiles"
    assert command_word(["--lang=en", "profiles", "--json"]) == "profiles"
    assert command_word(["profiles"]) == "profiles"
    assert command_word(["--lang", "en"]) is None


def test_only_listed_commands_are_remembered(tmp_path: Path) -> None:
    environ = {"SHEYIN_CACHE_DIR": str(tmp_path)}
    assert Remembered.of(["check", "x.json"], environ) is None
    assert Remembered.of(["profiles"], environ) is not None


def test_the_key_follows_the_sheyin_variables(tmp_path: Path) -> None:
    first = Remembered.of(["profiles"], {"SHEYIN_CACHE_DIR": str(tmp_path)})
    second = Remembered.of(["profiles"], {"SHEYIN_CACHE_DIR": str(tmp_path), "SHEYIN_LANG": "en"})
    assert first is not None
    assert second is not None
    assert first.key != second.key


def test_the_help_is_replayed_without_importing_click(space: Workspace) -> None:
    first = space.run("--help")
    second = space.run("--help")
    assert "click" in first[3]
    assert first[:3] == second[:3]
    assert "用法：sheyin" in second[0]
    assert "click" not in second[3]


def test_chinese_and_english_help_never_replay_each_other_across_lang_options(
    space: Workspace,
) -> None:
    chinese = space.run("--help")
    english = space.run("--lang", "en", "--help")
    again = space.run("--help")
    assert "用法：sheyin" in chinese[0]
    assert "Usage: sheyin" in english[0]
    assert again[:3] == chinese[:3]
    assert "click" not in again[3]  # replayed, and the Chinese one


def test_help_in_the_language_of_sheyin_lang_is_remembered_apart(space: Workspace) -> None:
    space.run("--help")
    english = space.run("--help", env={"SHEYIN_LANG": "en"})
    assert "Usage: sheyin" in english[0]
    assert "用法" not in english[0]


def test_help_in_the_language_of_the_workspace_file_is_remembered_apart(
    space: Workspace,
) -> None:
    space.run("--help")
    settings = space.work / "sheyin.toml"
    settings.write_text('lang = "en"\n' + settings.read_text("utf-8"), "utf-8")
    english = space.run("--help")
    assert "Usage: sheyin" in english[0]
    assert "用法" not in english[0]


def test_the_help_is_laid_out_again_for_another_width(space: Workspace) -> None:
    space.run("--help")
    narrow = space.run("--help", env={"COLUMNS": "50"})
    assert "click" in narrow[3]
    assert max(cell_len(line) for line in narrow[0].splitlines()) <= 50  # Chinese: 2 columns


def test_a_subcommand_help_is_not_remembered(space: Workspace) -> None:
    space.run("profiles", "--help")
    again = space.run("profiles", "--help")
    assert "click" in again[3]
    assert "列出已安装的规范" in again[0]


def test_the_folders_read_include_the_schemas_and_every_profile_folder() -> None:
    from sheyin import Sheyin
    from sheyin.launch import read_folders
    from sheyin.schemas import schema_folder

    app = Sheyin()
    folders = read_folders(app)
    assert folders is not None
    assert os.fspath(schema_folder()) in folders
    for found in app.plugins.profile_sources():
        assert os.path.abspath(os.fspath(found.source.data)) in folders

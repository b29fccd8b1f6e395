"""Start-up: short commands import only what they use (no timing here: `nox -s bench` times them)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest
from attrs import frozen
from bench.bench_check import snapshot as one_outlet
from click.testing import CliRunner

from sheyin.cli import COMMANDS, cli
from sheyin.cli.helptext import LocalContext, LocalGroup, Localized
from sheyin.cli.language import LANG_KEY

# Runs the sheyin command in a fresh interpreter, then writes the names of every module
# that was imported to the file named by its first argument.
# Beside them, the state of the cyclic garbage collector then, to the file named by its
# first argument with ".gc" appended.
RUNNER = """
import gc, json, runpy, sys
out, sys.argv = sys.argv[1], ["sheyin", *sys.argv[2:]]
try:
    runpy.run_module("sheyin", run_name="__main__")
except SystemExit:
    pass
with open(out, "w", encoding="utf-8") as f:
    json.dump(sorted(sys.modules), f)
with open(out + ".gc", "w", encoding="utf-8") as f:
    json.dump({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}, f)
"""

COMMAND_MODULES = {module for entry in COMMANDS for module in entry.modules}


def imported_by(tmp_path: Path, *args: str) -> set[str]:
    """The modules a ``sheyin`` command imports, run in its own interpreter."""
    out = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(out), *args],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return set(json.loads(out.read_text("utf-8")))


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_the_command_table_lists_every_command_with_its_own_help() -> None:
    for module in COMMAND_MODULES:
        import_module(module)
    assert sorted(cli.commands) == sorted(entry.name for entry in COMMANDS)
    for entry in COMMANDS:
        command = cli.commands[entry.name]
        first_paragraph = (command.help or "").split("\n\n")[0]
        assert " ".join(first_paragraph.split()) == entry.help, entry.name


def test_the_command_table_lists_every_command_with_its_own_chinese_help() -> None:
    for module in COMMAND_MODULES:
        import_module(module)
    for entry in COMMANDS:
        command = cli.commands[entry.name]
        assert isinstance(command, Localized), entry.name
        first_paragraph = (command.help_zh or "").split("\n\n")[0]
        assert first_paragraph == entry.help_zh, entry.name


def test_help_lists_the_commands_as_click_would_from_the_commands_themselves() -> None:
    for module in COMMAND_MODULES:
        import_module(module)
    real = CliRunner().invoke(cli, ["--lang", "en", "--help"], terminal_width=80).output
    stand_ins = click.Group(
        "sheyin", commands=[click.Command(e.name, help=e.help) for e in COMMANDS]
    )
    with click.Context(stand_ins, info_name="sheyin", terminal_width=80) as ctx:
        expected = stand_ins.get_help(ctx)
    assert real.split("Commands:")[1] == expected.split("Commands:")[1] + "\n"


def test_chinese_help_lists_the_commands_as_the_commands_themselves_would() -> None:
    for module in COMMAND_MODULES:
        import_module(module)
    real = CliRunner().invoke(cli, ["--help"], terminal_width=80).output
    stand_ins = LocalGroup("sheyin", commands=[cli.commands[e.name] for e in COMMANDS])
    with LocalContext(stand_ins, info_name="sheyin", terminal_width=80) as ctx:
        ctx.meta[LANG_KEY] = "zh"
        expected = stand_ins.get_help(ctx)
    assert real.split("命令：")[1] == expected.split("命令：")[1] + "\n"


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    modules = imported_by(tmp_path, "--help")
    assert "sheyin.cli" in modules  # the runner did run the command
    assert not modules & COMMAND_MODULES


def test_help_imports_neither_the_registry_nor_the_validators_nor_rich(tmp_path: Path) -> None:
    modules = top_level(imported_by(tmp_path, "--help"))
    assert not modules & {"sqlalchemy", "alembic", "jsonschema", "rich", "cattrs", "jinja2"}


def test_profiles_imports_neither_the_registry_nor_the_renderer_nor_multiprocessing(
    tmp_path: Path,
) -> None:
    modules = top_level(imported_by(tmp_path, "profiles"))
    assert not modules & {"sqlalchemy", "alembic", "jinja2", "multiprocessing", "weasyprint"}


def test_checking_one_outlet_imports_neither_the_registry_nor_multiprocessing(
    tmp_path: Path,
) -> None:
    snapshot = tmp_path / "one.json"
    snapshot.write_text(json.dumps(one_outlet(1, "national"), ensure_ascii=False), "utf-8")
    modules = imported_by(tmp_path, "check", str(snapshot))
    assert "sheyin.engine.run" in modules  # the check did run
    assert not top_level(modules) & {"sqlalchemy", "alembic", "jinja2", "multiprocessing"}


@frozen
class Run:
    """What a ``sheyin`` command left behind: the modules it imported, and whether the
    cyclic garbage collector was on and how many objects it had frozen."""

    modules: set[str]
    collector_enabled: bool
    frozen: int


@pytest.fixture(scope="module")
def one_outlet_check(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """``sheyin check`` of a one-outlet JSON snapshot, run once for the tests below, which
    each look at one part of what it left."""
    folder = tmp_path_factory.mktemp("one-outlet")
    snapshot = folder / "one.json"
    snapshot.write_text(json.dumps(one_outlet(1, "national"), ensure_ascii=False), "utf-8")
    modules = imported_by(folder, "check", str(snapshot))
    assert "sheyin.engine.run" in modules  # the check did run
    collector = json.loads((folder / "modules.json.gc").read_text("utf-8"))
    return Run(modules, collector["enabled"], collector["frozen"])


def test_checking_one_outlet_in_one_process_imports_no_sharding(one_outlet_check: Run) -> None:
    """sheyin.engine.shard (signal handling, workers) is for checks in several processes."""
    assert "sheyin.engine.shard" not in one_outlet_check.modules


def test_a_small_json_snapshot_is_read_without_msgspec(one_outlet_check: Run) -> None:
    """msgspec reads large JSON documents faster; importing it costs more than a small one."""
    assert "msgspec" not in top_level(one_outlet_check.modules)


def test_checking_one_outlet_imports_no_spelling_suggestions(one_outlet_check: Run) -> None:
    """difflib suggests a name for a mistyped key, term or item: nothing here is mistyped."""
    assert "difflib" not in one_outlet_check.modules


def test_what_the_command_imports_is_kept_out_of_garbage_collections(
    one_outlet_check: Run,
) -> None:
    """Modules imported at start-up live as long as the process: no collection walks them
    (sheyin.engine.collection.imports_kept), and the collector still runs."""
    assert one_outlet_check.frozen > 0
    assert one_outlet_check.collector_enabled


def test_a_valid_snapshot_is_checked_without_jsonschema(tmp_path: Path) -> None:
    """jsonschema explains what the compiled validators refuse; nothing is refused here."""
    snapshot = tmp_path / "one.json"
    snapshot.write_text(json.dumps(one_outlet(1, "national"), ensure_ascii=False), "utf-8")
    imported_by(tmp_path, "check", str(snapshot))  # profile data validated (once) and cached
    modules = top_level(imported_by(tmp_path, "check", str(snapshot)))
    assert "fastjsonschema" in modules
    assert "jsonschema" not in modules


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    modules = imported_by(tmp_path, "vocabulary", "--help")
    assert modules & COMMAND_MODULES == {"sheyin.cli.vocabulary"}


def test_a_subcommand_defined_in_another_module_is_found() -> None:
    result = CliRunner().invoke(cli, ["profile", "--help"])
    assert result.exit_code == 0
    assert "diff" in result.output  # defined in sheyin.cli.compare
    assert "show" in result.output  # defined in sheyin.cli.profiles


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["chek"])
    assert result.exit_code == 2
    assert "chek" in result.output

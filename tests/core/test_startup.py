"""Start-up: short commands import only what they use (no timing here: `nox -s bench` times them)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest
from bench.bench_check import snapshot as one_outlet
from click.testing import CliRunner

from sheyin.cli import COMMANDS, cli
from sheyin.cli.helptext import LocalContext, LocalGroup, Localized
from sheyin.cli.language import LANG_KEY

# Runs the sheyin command in a fresh interpreter, then writes the names of every module
# that was imported to the file named by its first argument.
RUNNER = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["sheyin", *sys.argv[2:]]
try:
    runpy.run_module("sheyin", run_name="__main__")
except SystemExit:
    pass
with open(out, "w", encoding="utf-8") as f:
    json.dump(sorted(sys.modules), f)
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


@pytest.fixture(scope="module")
def one_outlet_check(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules ``sheyin check`` of a one-outlet JSON snapshot imports (once for the tests
    below, which each look at one part of the answer)."""
    folder = tmp_path_factory.mktemp("one-outlet")
    snapshot = folder / "one.json"
    snapshot.write_text(json.dumps(one_outlet(1, "national"), ensure_ascii=False), "utf-8")
    modules = imported_by(folder, "check", str(snapshot))
    assert "sheyin.engine.run" in modules  # the check did run
    return modules


def test_checking_one_outlet_in_one_process_imports_no_sharding(
    one_outlet_check: set[str],
) -> None:
    """sheyin.engine.shard (signal handling, workers) is for checks in several processes."""
    assert "sheyin.engine.shard" not in one_outlet_check


def test_a_small_json_snapshot_is_read_without_msgspec(one_outlet_check: set[str]) -> None:
    """msgspec reads large JSON documents faster; importing it costs more than a small one."""
    assert "msgspec" not in top_level(one_outlet_check)


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

"""The registry through the ``sheyin`` command: workspace, actor, import, record, check,
export and audit, in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import sheyin_yulin
from sheyin.cli import (  # noqa: F401
    audit,
    check,
    cli,
    due,
    export,
    importing,
    init,
    record,
    registry,
)

DEMO = Path(sheyin_yulin.__file__).parent / "data" / "demo.toml"


@pytest.fixture(autouse=True)
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("SHEYIN_ACTOR", "SHEYIN_REGISTRY", "SHEYIN_PROFILE", "SHEYIN_LANG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def test_init_writes_the_registry_url_and_creates_the_database(workspace: Path) -> None:
    result = invoke("init", "--profile", "yulin", "--actor", "张三")
    assert result.exit_code == 0, result.output
    text = (workspace / "sheyin.toml").read_text("utf-8")
    assert 'url = "sqlite:///sheyin.db"' in text
    assert 'name = "张三"' in text
    assert (workspace / "sheyin.db").is_file()


def test_a_write_without_an_actor_exits_2_and_writes_nothing(workspace: Path) -> None:
    invoke("init", "--profile", "yulin")
    result = invoke("import", str(DEMO))
    assert result.exit_code == 2
    assert "--actor" in result.output
    assert invoke("audit", "log", "--format", "json").output.strip() == "[]"


def test_the_actor_comes_from_the_option_then_the_environment_then_sheyin_toml() -> None:
    invoke("init", "--profile", "yulin", "--actor", "王五")
    invoke("import", str(DEMO), env={"SHEYIN_ACTOR": "李四"})
    invoke("import", str(DEMO), "--actor", "张三")  # changes nothing: no entry
    invoke("record", "evaluation", "--outlet", "o-cz", "--on", "2025-09-01", "--set", "method=self")
    actors = {e["actor"] for e in json.loads(invoke("audit", "log", "--format", "json").output)}
    assert actors == {"李四", "王五"}


def test_sheyin_registry_overrides_sheyin_toml(workspace: Path) -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    other = workspace / "other.db"
    result = invoke("import", str(DEMO), env={"SHEYIN_REGISTRY": f"sqlite:///{other}"})
    assert result.exit_code == 0, result.output
    assert other.is_file()
    assert invoke("audit", "log", "--format", "json").output.strip() == "[]"


def test_a_bad_registry_url_names_where_it_came_from() -> None:
    result = invoke("init", "--profile", "yulin", "--registry", "mysql://x/y")
    assert result.exit_code == 2
    assert "--registry" in result.output
    assert not Path("sheyin.toml").exists()


def test_check_without_a_file_checks_the_registry_with_the_same_report() -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    from_registry = invoke("check", "--as-of", "2025-09-30", "--format", "json")
    from_file = invoke("check", str(DEMO), "--as-of", "2025-09-30", "--format", "json")
    assert from_registry.exit_code == from_file.exit_code == 1
    assert json.loads(from_registry.output) == json.loads(from_file.output)


def test_due_without_a_file_lists_the_registry_s_deadlines_as_for_the_file() -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    from_registry = invoke("due", "--as-of", "2025-09-30", "--format", "json")
    from_file = invoke("due", str(DEMO), "--as-of", "2025-09-30", "--format", "json")
    assert from_registry.exit_code == from_file.exit_code == 0, from_registry.output
    assert json.loads(from_registry.output) == json.loads(from_file.output)
    assert json.loads(from_registry.output)["deadlines"]


def test_due_without_a_file_keeps_one_subject() -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    result = invoke("due", "--as-of", "2025-09-30", "--subject", "o-xs", "--format", "json")
    subjects = {d["subject"] for d in json.loads(result.output)["deadlines"]}
    assert subjects == {"outlets/o-xs"}


def test_a_refused_record_exits_1_with_the_clause_and_writes_nothing() -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    size = len(json.loads(invoke("audit", "log", "--format", "json").output))
    result = invoke("record", "plaque", "--outlet", "o-cz", "--on", "2025-09-01")
    assert result.exit_code == 1
    assert "4.5" in result.output
    assert len(json.loads(invoke("audit", "log", "--format", "json").output)) == size


def test_record_needs_exactly_one_subject() -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    result = invoke("record", "plaque", "--on", "2025-09-01")
    assert result.exit_code == 2
    assert "--outlet" in result.output


def test_export_then_import_into_a_new_workspace_round_trips(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    exported = workspace / "export.toml"
    assert invoke("export", "--unmasked", "-o", str(exported)).exit_code == 0
    first = invoke("export", "--format", "json").output
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    invoke("init", "--profile", "yulin", "--actor", "李四")
    assert invoke("import", str(exported)).exit_code == 0
    assert invoke("export", "--format", "json").output == first


def test_audit_verify_catches_a_tampered_export(workspace: Path) -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    log = workspace / "log.jsonl"
    exported = invoke("audit", "export", str(log))
    assert exported.exit_code == 0
    assert exported.output.startswith("sheyin audit checkpoint\nsize ")
    assert invoke("audit", "verify", "--file", str(log)).exit_code == 0
    lines = log.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace("张三", "李四")
    log.write_text("\n".join(lines) + "\n", "utf-8")
    result = invoke("--lang", "en", "audit", "verify", "--file", str(log))
    assert result.exit_code == 1
    assert "entry 4" in result.output
    chinese = invoke("audit", "verify", "--file", str(log))
    assert chinese.exit_code == 1
    assert "第 4 条" in chinese.output  # says which entry, in Chinese too


def test_audit_verify_against_a_checkpoint_file(workspace: Path) -> None:
    invoke("init", "--profile", "yulin", "--actor", "张三")
    invoke("import", str(DEMO))
    assert invoke("audit", "checkpoint", "-o", "cp.txt").exit_code == 0
    invoke("record", "evaluation", "--outlet", "o-cz", "--on", "2025-09-01")
    result = invoke("audit", "verify", "--checkpoint", "cp.txt", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["intact"] is True


def test_registry_upgrade_reports_the_revision() -> None:
    invoke("init", "--profile", "yulin")
    result = invoke("--lang", "en", "registry", "upgrade")
    assert result.exit_code == 0
    assert "up to date (0001)" in result.output


def test_commands_outside_a_workspace_say_how_to_make_one() -> None:
    result = invoke("--lang", "en", "export")
    assert result.exit_code == 2
    assert "sheyin init" in result.output

"""The sheyin command: exit statuses, JSON output, workspace discovery, languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rich.cells import cell_len

from sheyin import Sheyin

# Commands register themselves on import, as the console script does.
from sheyin.cli import catalogue, check, cli, demo, form, init, profiles  # noqa: F401
from sheyin.schemas import SchemaStore, build_validator
from support import toy_entry_points


@pytest.fixture(autouse=True)
def only_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own application object: make it see the toy plugin only."""
    original = Sheyin.__init__

    def toy_init(self: Sheyin, **kwargs: Any) -> None:
        original(
            self,
            disabled_plugins=kwargs.get("disabled_plugins", ()),
            entry_points=toy_entry_points(),
        )

    monkeypatch.setattr(Sheyin, "__init__", toy_init)
    monkeypatch.delenv("SHEYIN_PROFILE", raising=False)
    monkeypatch.delenv("SHEYIN_LANG", raising=False)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def write(tmp_path: Path, snapshot: dict[str, Any], name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_without_errors_exits_0(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("check", str(write(tmp_path, snapshot)))
    assert result.exit_code == 0, result.output
    assert "错误 0 项，警告 0 项，提示 0 项" in result.output


def test_check_with_errors_exits_1_and_reports_json(
    tmp_path: Path, snapshot: dict[str, Any]
) -> None:
    snapshot["outlets"][0]["zones"] = ["受理区"]
    result = invoke("check", str(write(tmp_path, snapshot)), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    build_validator(SchemaStore().schema("report")).validate(report)
    assert {f["rule"] for f in report["findings"]} == {"toy.zones", "toy.zones.optional"}
    assert report["summary"] == {"error": 1, "warning": 0, "info": 1}


def test_malformed_input_exits_2_without_traceback(
    tmp_path: Path, snapshot: dict[str, Any]
) -> None:
    snapshot["outlets"][0]["zonse"] = []
    result = invoke("check", str(write(tmp_path, snapshot)))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "s.json:/outlets/0/zonse: 未知的键“zonse”（是否应为“zones”？）" in result.output


def test_english_with_lang(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    snapshot["outlets"][0]["zonse"] = []
    result = invoke("--lang", "en", "check", str(write(tmp_path, snapshot)))
    assert "unknown key 'zonse' (did you mean 'zones'?)" in result.output


def test_profile_option_wins_over_the_snapshot(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("check", str(write(tmp_path, snapshot)), "--profile", "toy.city", "--json")
    assert json.loads(result.stdout)["profile"] == "toy.city"
    assert "未采用 “toy”" in result.stderr


def test_as_of_option(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("check", str(write(tmp_path, snapshot)), "--as-of", "2027-01-01", "--json")
    report = json.loads(result.output)
    assert report["as_of"] == "2027-01-01"
    assert "toy.drill" in {f["rule"] for f in report["findings"]}


def test_bad_date_option_is_a_usage_error(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("check", str(write(tmp_path, snapshot)), "--as-of", "2025-02-30")
    assert result.exit_code == 2
    assert "不是有效日期" in result.output


def test_unknown_profile_exits_2(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("check", str(write(tmp_path, snapshot)), "--profile", "zhejiang")
    assert result.exit_code == 2
    assert "未安装名为“zhejiang”的规范" in result.output


def test_profiles_json_lists_distribution() -> None:
    result = invoke("profiles", "--json")
    data = json.loads(result.output)
    assert [(p["name"], p["distribution"]) for p in data["profiles"]] == [
        ("toy", "toy-dist"),
        ("toy.city", "toy-dist"),
    ]


def test_profiles_table_aligns_chinese() -> None:
    result = invoke("profiles")
    lines = [line for line in result.output.splitlines() if "测试" in line]
    assert lines
    assert len({cell_len(line) for line in lines}) == 1


def test_init_writes_a_workspace_found_from_subfolders(
    tmp_path: Path, snapshot: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--profile", "toy.city").exit_code == 0
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    del snapshot["profile"]
    path = write(sub, snapshot)
    monkeypatch.chdir(sub)
    assert json.loads(invoke("check", str(path), "--json").output)["profile"] == "toy.city"
    overridden = invoke("check", str(path), "--json", env={"SHEYIN_PROFILE": "toy"})
    assert json.loads(overridden.stdout)["profile"] == "toy"


def test_init_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke("init", "--profile", "toy")
    again = invoke("init", "--profile", "toy")
    assert again.exit_code == 2
    assert "已存在" in again.output


def test_init_with_unknown_profile_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("init", "--profile", "nope")
    assert result.exit_code == 2
    assert not (tmp_path / "sheyin.toml").exists()


def test_workspace_can_disable_a_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheyin.toml").write_text(
        'profile = "toy"\n[plugins]\ndisabled = ["toy"]\n', encoding="utf-8"
    )
    assert json.loads(invoke("profiles", "--json").output)["profiles"] == []


def test_malformed_workspace_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheyin.toml").write_text('profil = "toy"\n', encoding="utf-8")
    result = invoke("profiles")
    assert result.exit_code == 2
    assert "sheyin.toml:/profil: 未知的键“profil”（是否应为“profile”？）" in result.output


def test_coverage_json() -> None:
    data = json.loads(invoke("profile", "coverage", "toy", "--json").output)
    toy = next(d for d in data["documents"] if d["document"] == "toy")
    assert (toy["checked"], toy["manual"], toy["missing"]) == (22, 1, [])


def test_coverage_of_a_child_lists_its_own_document_first() -> None:
    city = json.loads(invoke("profile", "coverage", "toy.city", "--json").output)
    assert next(d["document"] for d in city["documents"]) == "city"


def test_profile_show_json() -> None:
    data = json.loads(invoke("profile", "show", "toy", "--json").output)
    assert data["lifecycles"]["outlet"]["initial"] == "new"
    assert any(r["id"] == "toy.manual" and r["check"] is None for r in data["requirements"])


def test_catalogue_as_of() -> None:
    old = json.loads(invoke("catalogue", "toy", "--as-of", "2024-01-01", "--json").output)
    new = json.loads(invoke("catalogue", "toy", "--as-of", "2025-01-01", "--json").output)
    assert [i["id"] for i in old["items"]] == ["i1", "old"]
    assert [i["id"] for i in new["items"]] == ["i1", "i2"]


def test_demo_without_demo_snapshots_says_so() -> None:
    result = invoke("demo")
    assert result.exit_code == 0
    assert "没有已安装的规范提供示例快照" in result.output

"""The API answers what the CLI prints: the same report, the same problems, for every region."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_support import DEMOS, demo_document

from sheyin.cli import check, cli  # noqa: F401 - registers the check command


def cli_check(snapshot: Path, *options: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*options, "check", str(snapshot), "--format", "json"])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("demo", DEMOS, ids=[p.parts[-4] for p in DEMOS])
@pytest.mark.parametrize(("option", "language"), [((), "zh-CN"), (("--lang", "en"), "en")])
def test_check_answers_the_report_the_cli_prints(
    client: httpx.Client,
    tmp_path: Path,
    demo: Path,
    option: tuple[str, ...],
    language: str,
) -> None:
    snapshot = tmp_path / "demo.json"
    snapshot.write_text(json.dumps(demo_document(demo), ensure_ascii=False), "utf-8")
    status, printed, _ = cli_check(snapshot, *option)
    answer = client.post(
        "/v1/check", content=snapshot.read_bytes(), headers={"Accept-Language": language}
    )
    assert status in (0, 1)
    assert answer.status_code == 200
    assert answer.json() == json.loads(printed)
    assert answer.text == printed.rstrip("\n")


@pytest.mark.parametrize("demo", DEMOS, ids=[p.parts[-4] for p in DEMOS])
def test_as_of_and_profile_parameters_match_the_cli_options(
    client: httpx.Client, tmp_path: Path, demo: Path
) -> None:
    snapshot = tmp_path / "demo.json"
    document = demo_document(demo)
    snapshot.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(
        cli,
        ["check", str(snapshot), "--profile", document["profile"], "--as-of", "2024-12-31"],
        catch_exceptions=False,
    )
    text_result = CliRunner().invoke(
        cli,
        [
            "check",
            str(snapshot),
            "--profile",
            document["profile"],
            "--as-of",
            "2024-12-31",
            "--format",
            "json",
        ],
    )
    answer = client.post(
        "/v1/check",
        params={"profile": document["profile"], "as_of": "2024-12-31"},
        content=snapshot.read_bytes(),
    )
    assert result.exit_code == text_result.exit_code
    assert answer.json() == json.loads(text_result.stdout)


@pytest.mark.parametrize(("option", "language"), [((), "zh"), (("--lang", "en"), "en")])
def test_malformed_snapshot_gives_the_problems_the_cli_prints(
    client: httpx.Client, tmp_path: Path, option: tuple[str, ...], language: str
) -> None:
    document = demo_document(DEMOS[0])
    document["outlets"][0]["zones"] = "受理区"
    document["outlets"][0]["staff"][0]["joined_on"] = "2025-02-30"
    document["banks"][0]["colour"] = "red"
    snapshot = tmp_path / "bad.json"
    snapshot.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    status, _, printed = cli_check(snapshot, *option)
    answer = client.post("/v1/check", json=document, headers={"Accept-Language": language})
    assert status == 2
    assert answer.status_code == 422
    cli_lines = printed.strip().splitlines()
    api_lines = answer.json()["detail"].splitlines()
    prefix = f"{snapshot}:"
    assert [line.removeprefix(prefix) for line in cli_lines] == [
        line.removeprefix("body:") for line in api_lines
    ]
    assert len(api_lines) >= 3

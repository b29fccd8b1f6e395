"""POST /v1/due answers the deadlines ``sheyin due SNAPSHOT`` lists, as JSON or iCalendar."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_support import DEMOS, demo_json

from sheyin.cli import cli, due  # noqa: F401 - registers the due command
from sheyin.schemas import SchemaStore, problems

IDS = [p.parts[-4] for p in DEMOS]


def cli_due(snapshot: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["due", str(snapshot), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def written(tmp_path: Path, demo: Path) -> Path:
    snapshot = tmp_path / "demo.json"
    snapshot.write_bytes(demo_json(demo))
    return snapshot


@pytest.mark.parametrize("demo", DEMOS, ids=IDS)
def test_due_answers_what_the_cli_lists(client: httpx.Client, tmp_path: Path, demo: Path) -> None:
    snapshot = written(tmp_path, demo)
    printed = cli_due(snapshot, "--format", "json")
    answer = client.post("/v1/due", content=snapshot.read_bytes())
    assert answer.status_code == 200
    assert answer.json() == json.loads(printed)
    assert answer.json()["deadlines"]  # every region's example has something due
    assert not problems(SchemaStore().validator("due"), answer.json(), "due")
    assert answer.headers["sheyin-profile"] == answer.json()["profile"]


def test_within_and_subject_match_the_cli_options(client: httpx.Client, tmp_path: Path) -> None:
    snapshot = written(tmp_path, DEMOS[0])
    full = client.post("/v1/due", content=snapshot.read_bytes()).json()
    subject = full["deadlines"][0]["subject"]
    options = ["--within", "30", "--subject", subject, "--as-of", "2025-12-01"]
    printed = cli_due(snapshot, "--format", "json", *options)
    answer = client.post(
        "/v1/due",
        params={"within": "30", "subject": subject, "as_of": "2025-12-01"},
        content=snapshot.read_bytes(),
    )
    assert answer.json() == json.loads(printed)
    assert answer.json()["within"] == 30


def test_calendar_when_the_client_accepts_it(client: httpx.Client, tmp_path: Path) -> None:
    snapshot = written(tmp_path, DEMOS[0])
    result = CliRunner().invoke(cli, ["--lang", "en", "due", str(snapshot), "--format", "ics"])
    answer = client.post(
        "/v1/due",
        content=snapshot.read_bytes(),
        headers={"Accept": "text/calendar", "Accept-Language": "en"},
    )
    assert result.exit_code == 0, result.output
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")

    def stable(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("DTSTAMP")]

    assert stable(answer.text) == stable(result.stdout)


@pytest.mark.parametrize("within", ["-1", "x", "1e3", "٣"])
def test_malformed_within_is_422(client: httpx.Client, within: str) -> None:
    answer = client.post("/v1/due", params={"within": within}, content=demo_json(DEMOS[0]))
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["path"] == "/within"


def test_due_with_unknown_profile_is_404(client: httpx.Client) -> None:
    answer = client.post("/v1/due", params={"profile": "atlantis"}, content=demo_json(DEMOS[0]))
    assert answer.status_code == 404

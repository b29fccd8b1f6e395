"""``sheyin serve`` itself: a real process on a free port, its notices, the missing extra."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_support import DEMOS, TOKENS

from sheyin.cli import cli, serve  # noqa: F401 - registers the serve command
from sheyin.server.settings import ServerSettings, start_notices
from sheyin.server.tokens import parse_tokens

READY = "Uvicorn running on http://127.0.0.1:"
YULIN = next(path for path in DEMOS if "yulin" in path.parts)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """``sheyin --lang en serve --port 0 --token-file F`` in its own process, in a workspace:
    (url, what it said, the workspace folder)."""
    folder = tmp_path_factory.mktemp("serve")
    token_file = folder / "tokens"
    token_file.write_text(TOKENS, "utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for name in ("SHEYIN_PROFILE", "SHEYIN_REGISTRY", "SHEYIN_ACTOR"):
        env.pop(name, None)
    # A workspace with a registry holding Yulin's example: serve answers from it.
    sheyin = [sys.executable, "-m", "sheyin"]
    subprocess.run([*sheyin, "init", "--profile", "yulin"], cwd=folder, env=env, check=True)
    subprocess.run(
        [*sheyin, "import", str(YULIN), "--actor", "导入员"], cwd=folder, env=env, check=True
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sheyin",
            "--lang",
            "en",
            "serve",
            "--port",
            "0",
            "--token-file",
            str(token_file),
        ],
        cwd=folder,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    said = []
    try:
        for line in process.stderr:  # blocks until uvicorn says where it listens
            said.append(line)
            if READY in line:
                port = line.split(READY)[1].split()[0]
                break
        else:
            pytest.fail("sheyin serve stopped before listening:\n" + "".join(said))
        yield f"http://127.0.0.1:{port}", "".join(said), folder
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def test_serve_answers_with_the_version_header(served: tuple[str, str, Path]) -> None:
    answer = httpx.get(f"{served[0]}/v1/profiles/yulin")
    assert answer.status_code == 200
    assert answer.headers["sheyin-version"]
    assert answer.headers["sheyin-profile"] == "yulin"


def test_serve_in_a_workspace_answers_from_its_registry(served: tuple[str, str, Path]) -> None:
    verdict = httpx.get(f"{served[0]}/v1/audit/verify")
    assert verdict.status_code == 200
    assert verdict.json()["intact"] is True
    assert verdict.json()["size"] > 0
    assert verdict.headers["sheyin-profile"] == "yulin"


def test_verify_answers_what_audit_verify_prints(served: tuple[str, str, Path]) -> None:
    answer = httpx.get(f"{served[0]}/v1/audit/verify", headers={"Accept-Language": "en"})
    printed = subprocess.run(
        [sys.executable, "-m", "sheyin", "--lang", "en", "audit", "verify", "--format", "json"],
        cwd=served[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.json() == json.loads(printed.stdout)


def test_registry_due_answers_what_sheyin_due_lists(served: tuple[str, str, Path]) -> None:
    answer = httpx.get(f"{served[0]}/v1/due", params={"as_of": "2025-11-20"})
    printed = subprocess.run(
        [sys.executable, "-m", "sheyin", "due", "--as-of", "2025-11-20", "--format", "json"],
        cwd=served[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.status_code == 200
    assert answer.json() == json.loads(printed.stdout)


def test_serve_records_with_the_actor_of_the_token(served: tuple[str, str, Path]) -> None:
    event = {"partnership": "p-glb", "event": {"on": "2025-11-01", "type": "drill"}}
    refused = httpx.post(f"{served[0]}/v1/events", json=event)
    answer = httpx.post(
        f"{served[0]}/v1/events",
        json={**event, "despite": "演练记录补登"},
        headers={"Authorization": "Bearer alice-token-0123456789"},
    )
    assert refused.status_code == 401
    assert answer.status_code == 201, answer.text


def test_serve_says_where_it_listens_and_how_many_tokens(served: tuple[str, str, Path]) -> None:
    assert "sheyin API: http://127.0.0.1:0/v1" in served[1]
    assert "2 token(s)" in served[1]


def test_serve_with_a_broken_token_file_exits_2(tmp_path: Path) -> None:
    token_file = tmp_path / "tokens"
    token_file.write_text("lonely-token\n", "utf-8")
    result = CliRunner().invoke(cli, ["serve", "--token-file", str(token_file)])
    assert result.exit_code == 2
    assert f"{token_file}:/1" in result.stderr


def test_serve_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert "sheyin[server]" in result.stderr
    assert "uvicorn" in result.stderr


def test_non_loopback_without_tokens_warns() -> None:
    notices = start_notices(ServerSettings(host="0.0.0.0"))
    warnings = [text for warning, text in notices if warning]
    assert len(warnings) == 1
    assert "0.0.0.0" in warnings[0].en
    assert "--token-file" in warnings[0].zh


@pytest.mark.parametrize(
    "settings",
    [
        ServerSettings(host="127.0.0.1"),
        ServerSettings(host="0.0.0.0", tokens=parse_tokens(TOKENS, "tokens")),
    ],
)
def test_loopback_or_tokens_do_not_warn(settings: ServerSettings) -> None:
    assert not [text for warning, text in start_notices(settings) if warning]

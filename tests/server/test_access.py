"""Tokens bound to actors, read access by address, and the server's settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_server import live_server
from server_support import TOKENS

from sheyin.errors import InputError
from sheyin.server.app import app_from_environment
from sheyin.server.language import preferred_lang
from sheyin.server.settings import SETTINGS_VARIABLE, ServerSettings, is_loopback
from sheyin.server.tokens import Tokens, parse_tokens, read_tokens

TOKEN_LIST = parse_tokens(TOKENS, "tokens")


def test_each_token_gives_its_actor() -> None:
    assert TOKEN_LIST.actor("Bearer alice-token-0123456789") == "李明"
    assert TOKEN_LIST.actor("bearer bob-token-9876543210") == "Bob Smith"


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", "Bearer ", "Basic alice-token-0123456789", "Bearer alice-token-012345678"],
)
def test_a_missing_or_wrong_token_gives_no_actor(header: str | None) -> None:
    assert TOKEN_LIST.actor(header) is None


def test_no_token_file_accepts_no_token() -> None:
    assert Tokens().actor("Bearer anything") is None


def test_comments_and_blank_lines_are_skipped() -> None:
    tokens = parse_tokens("# who may write\n\n  t0k3n   王 芳  \n", "f")
    assert tokens.actor("Bearer t0k3n") == "王 芳"


def test_a_line_without_an_actor_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as raised:
        parse_tokens("good-token alice\nlonely-token\n", "tokens.txt")
    assert raised.value.problems[0].file == "tokens.txt"
    assert raised.value.problems[0].pointer == "/2"


def test_a_repeated_token_is_refused() -> None:
    with pytest.raises(InputError, match="line 2 repeats"):
        parse_tokens("same alice\nsame bob\n", "tokens.txt")


def test_a_missing_token_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="token file not found"):
        read_tokens(tmp_path / "absent")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.3.2.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_reads_need_a_token_only_off_loopback_with_tokens() -> None:
    assert not ServerSettings(host="127.0.0.1", tokens=TOKEN_LIST).reads_need_token
    assert not ServerSettings(host="0.0.0.0").reads_need_token
    assert ServerSettings(host="0.0.0.0", tokens=TOKEN_LIST).reads_need_token


def test_settings_for_workers_carry_the_token_file_not_the_tokens(tmp_path: Path) -> None:
    token_file = tmp_path / "tokens"
    token_file.write_text(TOKENS, "utf-8")
    settings = ServerSettings(
        host="0.0.0.0", port=9, token_file=token_file, tokens=read_tokens(token_file), max_body=5
    )
    text = settings.to_json()
    assert "alice-token" not in text
    assert ServerSettings.from_json(text) == settings


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "zh"),
        ("", "zh"),
        ("*", "zh"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en;q=0.5,zh;q=0.8", "zh"),
        ("fr-FR,en;q=0.7", "en"),
        ("en;q=0", "zh"),
        ("en;q=abc", "zh"),
    ],
)
def test_accept_language(header: str | None, lang: str) -> None:
    assert preferred_lang(header) == lang


@pytest.fixture(scope="module")
def exposed_url() -> Iterator[str]:
    """A server that believes it listens on every address (its socket is still loopback)."""
    with live_server(ServerSettings(host="0.0.0.0", tokens=TOKEN_LIST)) as url:
        yield url


def test_off_loopback_reads_without_a_token_are_401(exposed_url: str) -> None:
    answer = httpx.get(f"{exposed_url}/v1/profiles")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.json()["problems"][0]["path"] == "/Authorization"


def test_off_loopback_reads_with_a_wrong_token_are_401(exposed_url: str) -> None:
    answer = httpx.get(
        f"{exposed_url}/v1/profiles", headers={"Authorization": "Bearer not-a-token"}
    )
    assert answer.status_code == 401


def test_off_loopback_reads_with_a_token_are_answered(exposed_url: str) -> None:
    answer = httpx.get(
        f"{exposed_url}/v1/profiles", headers={"Authorization": "Bearer bob-token-9876543210"}
    )
    assert answer.status_code == 200


def test_loopback_reads_need_no_token(client: httpx.Client) -> None:
    assert client.get("/v1/profiles").status_code == 200


def test_a_worker_process_reads_its_settings_and_tokens_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token_file = tmp_path / "tokens"
    token_file.write_text(TOKENS, "utf-8")
    settings = ServerSettings(host="0.0.0.0", token_file=token_file, tokens=Tokens())
    monkeypatch.setenv(SETTINGS_VARIABLE, settings.to_json())
    monkeypatch.chdir(tmp_path)
    with live_server(settings, app=app_from_environment()) as url:
        assert httpx.get(f"{url}/v1/profiles").status_code == 401
        answer = httpx.get(
            f"{url}/v1/profiles", headers={"Authorization": "Bearer alice-token-0123456789"}
        )
        assert answer.status_code == 200

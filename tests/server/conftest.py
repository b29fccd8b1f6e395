"""One live server for the whole session (real plugins, two tokens, a 256 KiB body limit)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import live_server
from server_support import MAX_BODY, TOKENS

from sheyin.server.settings import ServerSettings
from sheyin.server.tokens import parse_tokens


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A server as ``sheyin serve --token-file F --max-body 262144`` on loopback starts it."""
    settings = ServerSettings(tokens=parse_tokens(TOKENS, "tokens"), max_body=MAX_BODY)
    with live_server(settings) as url:
        yield url


@pytest.fixture(scope="session")
def client(server_url: str) -> Iterator[httpx.Client]:
    """An HTTP client of the live server."""
    with httpx.Client(base_url=server_url, timeout=60) as session_client:
        yield session_client

"""How one server runs: address, tokens, body limit. Built once by ``sheyin serve``."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Any

from attrs import field, frozen

from sheyin.i18n import Text
from sheyin.server.tokens import Tokens, read_tokens

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY = 16 * 1024 * 1024  # a 20,000-outlet snapshot is about 12 MiB of JSON
# Worker processes (--workers N) cannot receive Python objects: they read these settings
# from this environment variable, set by ``sheyin serve`` for its own children only.
SETTINGS_VARIABLE = "SHEYIN_SERVE_SETTINGS"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@frozen
class ServerSettings:
    """What a server needs besides the application object."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token_file: Path | None = None
    tokens: Tokens = field(factory=Tokens)
    max_body: int = DEFAULT_MAX_BODY
    # The workspace's registry, resolved by ``sheyin serve`` (None: no registry endpoints).
    registry_url: str | None = None
    registry_profile: str | None = None

    @property
    def reads_need_token(self) -> bool:
        """Reads are open on loopback; on any other address they need a token when tokens exist."""
        return bool(self.tokens.entries) and not is_loopback(self.host)

    def to_json(self) -> str:
        """The settings for worker processes (the token file's path, never the tokens)."""
        return json.dumps(
            {
                "host": self.host,
                "port": self.port,
                "token_file": str(self.token_file) if self.token_file else None,
                "max_body": self.max_body,
                "registry_url": self.registry_url,
                "registry_profile": self.registry_profile,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> ServerSettings:
        """Settings written by :meth:`to_json`; the token file is read again."""
        data: dict[str, Any] = json.loads(text)
        token_file = Path(data["token_file"]) if data.get("token_file") else None
        return cls(
            host=data["host"],
            port=data["port"],
            token_file=token_file,
            tokens=read_tokens(token_file) if token_file else Tokens(),
            max_body=data["max_body"],
            registry_url=data.get("registry_url"),
            registry_profile=data.get("registry_profile"),
        )


def start_notices(settings: ServerSettings) -> list[tuple[bool, Text]]:
    """What ``sheyin serve`` says as it starts: (is a warning, text)."""
    notices: list[tuple[bool, Text]] = []
    if not is_loopback(settings.host) and not settings.tokens.entries:
        notices.append(
            (
                True,
                Text(
                    f"警告：在非本机地址 {settings.host} 上监听且未提供 --token-file："
                    "网络上任何人都可读取，且无人能写入",
                    f"warning: listening on non-loopback address {settings.host} without "
                    "--token-file: anyone on the network can read, and nobody can write",
                ),
            )
        )
    base = f"http://{settings.host}:{settings.port}"
    count = len(settings.tokens.entries)
    notices.append(
        (
            False,
            Text(
                f"sheyin 接口：{base}/v1（说明 {base}/docs，OpenAPI {base}/openapi.json；令牌 {count} 个）",
                f"sheyin API: {base}/v1 (description {base}/docs, OpenAPI {base}/openapi.json; "
                f"{count} token(s))",
            ),
        )
    )
    return notices

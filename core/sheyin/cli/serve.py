"""``sheyin serve``: the HTTP API for integrators (needs the extra ``sheyin[server]``)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import option
from sheyin.cli.workspace import open_registry, registry_location
from sheyin.errors import InputError, problem


@cli.command(
    "serve", help_zh="提供 HTTP API 服务（OpenAPI 文档位于 /openapi.json，说明页位于 /docs）。"
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on.",
    help_zh="监听的地址。",
)
@option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="TCP port.",
    help_zh="TCP 端口。",
)
@option(
    "--token-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Bearer tokens, one 'token actor' per line; writes need one (401 otherwise).",
    help_zh="Bearer 令牌文件，每行一个“令牌 操作人”；写入须带令牌（否则返回 401）。",
)
@option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes.",
    help_zh="工作进程数。",
)
@option(
    "--max-body",
    type=click.IntRange(1),
    default=16 * 1024 * 1024,
    show_default=True,
    help="Largest request body in bytes (413 above it).",
    help_zh="请求体的最大字节数（超过时返回 413）。",
)
@click.pass_obj
def serve_command(
    session: Session,
    host: str,
    port: int,
    token_file: Path | None,
    workers: int,
    max_body: int,
) -> None:
    """Serve the HTTP API (OpenAPI document at /openapi.json, description at /docs)."""
    try:
        import uvicorn

        from sheyin.server.app import create_app
        from sheyin.server.settings import SETTINGS_VARIABLE, ServerSettings, start_notices
        from sheyin.server.tokens import Tokens, read_tokens
    except ImportError as exc:
        raise InputError(
            (
                problem(
                    "sheyin serve",
                    "",
                    f"HTTP 服务需要可选依赖 sheyin[server]（缺少 {exc.name}）：pip install 'sheyin[server]'",
                    f"the HTTP server needs the optional extra sheyin[server] (missing {exc.name}): "
                    "pip install 'sheyin[server]'",
                ),
            )
        ) from None
    tokens = read_tokens(token_file) if token_file else Tokens()
    registry = None
    registry_url = registry_profile = None
    if session.config.registry is not None:  # a workspace, or SHEYIN_REGISTRY
        registry_url, _ = registry_location(session)
        registry = open_registry(session)
        registry_profile = registry.profile.name
    settings = ServerSettings(
        host=host,
        port=port,
        token_file=token_file,
        tokens=tokens,
        max_body=max_body,
        registry_url=registry_url,
        registry_profile=registry_profile,
    )
    for _, text in start_notices(settings):
        click.echo(text.render(session.lang), err=True)
    if workers == 1:
        application = create_app(settings, session.app, config=session.config, registry=registry)
        uvicorn.run(application, host=host, port=port, log_level="info")
        return
    if registry is not None:
        registry.close()  # each worker opens its own connections
    # Worker processes build their own application from the settings (uvicorn needs a factory).
    os.environ[SETTINGS_VARIABLE] = settings.to_json()
    uvicorn.run(
        "sheyin.server.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )

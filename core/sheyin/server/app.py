"""The Starlette application: routes from the table, problems for every error, version headers."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version as distribution_version
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sheyin.app import Sheyin
from sheyin.config import Config
from sheyin.errors import InputError, PluginError, ProfileError, SheyinError, problem
from sheyin.registry import Registry
from sheyin.server import openapi, routes
from sheyin.server.docs import docs_page
from sheyin.server.endpoints import Api, lang_of
from sheyin.server.http import VERSION_HEADER, RequestRejected, problem_response
from sheyin.server.settings import SETTINGS_VARIABLE, ServerSettings

log = logging.getLogger("sheyin.server")


def sheyin_version() -> str:
    """The installed version of sheyin."""
    return distribution_version("sheyin")


class VersionHeader:
    """ASGI middleware: every answer names the sheyin version that gave it."""

    def __init__(self, app: ASGIApp, version: str) -> None:
        self.app = app
        self.header = (VERSION_HEADER.lower().encode("latin-1"), version.encode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name == self.header[0] for name, _ in headers):
                    headers.append(self.header)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_version)


def create_app(
    settings: ServerSettings,
    sheyin: Sheyin | None = None,
    *,
    config: Config | None = None,
    registry: Registry | None = None,
    extra_routes: Iterable[BaseRoute] = (),
) -> Starlette:
    """A Starlette application serving the API with ``settings``.

    ``sheyin`` is the application object to answer with (a new one when omitted; its
    plugins load here, at start-up, so a broken plugin shows in /v1/profiles rather than
    failing a later request). ``config`` is the workspace the server was started in
    (its default profile and disabled plugins). ``registry`` answers the registry
    endpoints (else the one ``settings`` names, else they answer 404). ``extra_routes`` are mounted beside the
    API (the benchmark adds its echo baseline this way).
    """
    config = config or Config()
    sheyin = sheyin or Sheyin(disabled_plugins=config.disabled_plugins)
    sheyin.index  # noqa: B018 - load plugins and read profiles now
    version = sheyin_version()

    @cache
    def document() -> dict[str, Any]:
        components = routes.shared_components(sheyin.index.names())
        components["schemas"] = openapi.schema_components(
            sheyin.schemas, openapi.shipped_schema_names()
        )
        return openapi.openapi_document(
            version=version, paths=routes.paths(), components=components
        )

    @cache
    def page() -> str:
        return docs_page(document())

    if registry is None and settings.registry_url and settings.registry_profile:
        registry = Registry.open(
            settings.registry_url, app=sheyin, profile=settings.registry_profile
        )
    api = Api(sheyin, settings, config=config, registry=registry, openapi=document, docs_page=page)
    application = Starlette(
        routes=[*routes.routes(api), *extra_routes],
        exception_handlers={
            RequestRejected: _rejected,
            InputError: _status(422),
            ProfileError: _status(404),
            PluginError: _status(500),
            HTTPException: _http,
            Exception: _internal,
        },
    )
    application.add_middleware(VersionHeader, version=version)
    return application


def _status(status: int) -> Any:
    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SheyinError)
        return problem_response(status, exc.problems, lang_of(request))

    return handler


async def _rejected(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestRejected)
    return problem_response(exc.status, exc.problems, lang_of(request), exc.headers)


async def _http(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 (no such route) and 405 (wrong method), as problem details."""
    assert isinstance(exc, HTTPException)
    texts = {
        404: ("没有这个地址；接口见 /openapi.json", "no such path; the API is in /openapi.json"),
        405: ("此地址不接受该方法", "this path does not accept that method"),
    }
    zh, en = texts.get(exc.status_code, (str(exc.detail), str(exc.detail)))
    found = (problem("path", request.url.path, zh, en),)
    return problem_response(exc.status_code, found, lang_of(request), exc.headers)


async def _internal(request: Request, exc: Exception) -> Response:
    """Never a traceback to the client: one line, the details in the server's log."""
    log.error("internal error answering %s %s", request.method, request.url.path, exc_info=exc)
    found = (
        problem(
            "server",
            "",
            f"sheyin 内部错误：{type(exc).__name__}（详情见服务日志，请报告此问题）",
            f"sheyin internal error: {type(exc).__name__} (details in the server log; please report it)",
        ),
    )
    return problem_response(500, found, lang_of(request), {VERSION_HEADER: sheyin_version()})


def app_from_environment() -> Starlette:
    """The application of one ``sheyin serve --workers N`` worker process (a uvicorn factory)."""
    import os
    from pathlib import Path

    from sheyin.config import load_config
    from sheyin.schemas import SchemaStore

    settings = ServerSettings.from_json(os.environ[SETTINGS_VARIABLE])
    return create_app(settings, config=load_config(Path.cwd(), SchemaStore()))

"""The endpoints: each reads the request, calls the function the CLI calls, and answers.

CPU-bound work (loading a profile, checking a snapshot) runs in Starlette's thread pool
so the event loop keeps accepting requests; the application object is thread-safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sheyin.app import Sheyin
from sheyin.config import Config
from sheyin.documents import Document, parse_bytes
from sheyin.engine.findings import Report
from sheyin.engine.ics import to_ics
from sheyin.errors import InputError, problem
from sheyin.formdata import find_form, validate_form_data
from sheyin.i18n import Lang
from sheyin.origin import Origin, Setting
from sheyin.profile.describe import (
    catalogue_document,
    profile_document,
    profiles_document,
    requirements_document,
)
from sheyin.profile.model import Profile
from sheyin.registry import Registry
from sheyin.registry.core import SubjectKind
from sheyin.schemas import problems
from sheyin.server.http import (
    BODY,
    JSON,
    RequestRejected,
    date_query,
    json_response,
    profile_headers,
    read_body,
)
from sheyin.server.language import preferred_lang
from sheyin.server.settings import ServerSettings

CALENDAR = "text/calendar"


def lang_of(request: Request) -> Lang:
    """The language of the answer, from ``Accept-Language``."""
    return preferred_lang(request.headers.get("accept-language"))


def _unauthorised(reason: tuple[str, str]) -> RequestRejected:
    zh, en = reason
    return RequestRejected(
        401,
        (problem("header", "/Authorization", zh, en),),
        headers={"WWW-Authenticate": 'Bearer realm="sheyin"'},
    )


class Api:
    """The endpoints of one server: its application object, settings and documents."""

    def __init__(
        self,
        sheyin: Sheyin,
        settings: ServerSettings,
        *,
        config: Config,
        registry: Registry | None = None,
        openapi: Callable[[], Mapping[str, Any]],
        docs_page: Callable[[], str],
    ) -> None:
        self.sheyin = sheyin
        self.settings = settings
        self.config = config
        self.registry = registry
        self._openapi = openapi
        self._docs_page = docs_page

    # --- access -------------------------------------------------------------------------------

    def actor(self, request: Request) -> str:
        """The actor bound to the request's bearer token; 401 without a valid one."""
        if not self.settings.tokens.entries:
            raise _unauthorised(
                (
                    "此服务未配置令牌（sheyin serve --token-file），不接受写入",
                    "this server has no tokens (sheyin serve --token-file), so it accepts no writes",
                )
            )
        actor = self.settings.tokens.actor(request.headers.get("authorization"))
        if actor is None:
            raise _unauthorised(
                (
                    "需要有效的令牌：Authorization: Bearer <令牌>",
                    "a valid token is needed: Authorization: Bearer <token>",
                )
            )
        return actor

    def allow_read(self, request: Request) -> None:
        """Reads are open on loopback; elsewhere, with tokens configured, they need one."""
        if self.settings.reads_need_token:
            self.actor(request)

    # --- documents ------------------------------------------------------------------------------

    async def openapi(self, request: Request) -> Response:
        """GET /openapi.json."""
        return json_response(self._openapi())

    async def docs(self, request: Request) -> Response:
        """GET /docs: the API described on one page, with no script or asset from elsewhere."""
        return HTMLResponse(self._docs_page())

    # --- profiles -------------------------------------------------------------------------------

    async def profiles(self, request: Request) -> Response:
        """GET /v1/profiles — ``sheyin profiles --json``."""
        self.allow_read(request)
        data = await run_in_threadpool(profiles_document, self.sheyin, lang_of(request))
        return json_response(data)

    async def profile(self, request: Request) -> Response:
        """GET /v1/profiles/{name} — ``sheyin profile show NAME --json``."""
        self.allow_read(request)
        profile = await self._load(request.path_params["name"], date_query(request, "as_of"))
        return json_response(
            profile_document(profile, lang_of(request), self.sheyin.kinds),
            headers=profile_headers(profile),
        )

    async def requirements(self, request: Request) -> Response:
        """GET /v1/profiles/{name}/requirements — the requirement catalogue in full."""
        self.allow_read(request)
        profile = await self._load(request.path_params["name"], date_query(request, "as_of"))
        return json_response(
            requirements_document(profile, lang_of(request)), headers=profile_headers(profile)
        )

    async def catalogue(self, request: Request) -> Response:
        """GET /v1/profiles/{name}/catalogue?as_of= — ``sheyin catalogue NAME --json``."""
        self.allow_read(request)
        day = date_query(request, "as_of") or date.today()
        profile = await self._load(request.path_params["name"], day)
        return json_response(catalogue_document(profile, day), headers=profile_headers(profile))

    async def _load(self, name: str, day: date | None, where: str = "/name") -> Profile:
        """The profile named in the request's path (problems point at that part of the path)."""
        setting = Setting(name, Origin.request("path", where))
        return await run_in_threadpool(self.sheyin.load_profile, setting, day)

    # --- checks and forms ---------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        """POST /v1/check?profile=&as_of= — ``sheyin check SNAPSHOT --format json``."""
        self.allow_read(request)
        as_of = date_query(request, "as_of")
        document = await self._document(request)

        def checked() -> tuple[Report, bytes]:
            report = self.sheyin.check(
                document,
                profile=_query_setting(request, "profile"),
                as_of=as_of,
                lang=lang_of(request),
                fallback_profiles=self._profile_fallbacks(),
            )
            # What check --format json prints, byte for byte; written off the event loop
            # too, since a large report takes as long to write as parts of the check.
            return report, report.to_json_bytes(printable=True)

        report, body = await run_in_threadpool(checked)
        profile = await run_in_threadpool(self.sheyin.load_profile, report.profile, report.as_of)
        return Response(body, media_type=JSON, headers=profile_headers(profile))

    async def due(self, request: Request) -> Response:
        """POST /v1/due?profile=&as_of=&within=&subject= — ``sheyin due SNAPSHOT --format json``
        (or ``--format ics`` when the client accepts ``text/calendar``)."""
        self.allow_read(request)
        as_of = date_query(request, "as_of")
        within = _count_query(request, "within")
        subject = request.query_params.get("subject") or None
        document = await self._document(request)
        agenda = await run_in_threadpool(
            lambda: self.sheyin.due(
                document,
                profile=_query_setting(request, "profile"),
                as_of=as_of,
                within=within,
                subject=subject,
                fallback_profiles=self._profile_fallbacks(),
            )
        )
        profile = await run_in_threadpool(self.sheyin.load_profile, agenda.profile, agenda.as_of)
        headers = profile_headers(profile)
        if _prefers_calendar(request.headers.get("accept", "")):
            calendar = await run_in_threadpool(to_ics, agenda, lang_of(request))
            return Response(calendar, media_type=CALENDAR, headers=headers)
        return Response(agenda.to_json(), media_type=JSON, headers=headers)

    def _profile_fallbacks(self) -> tuple[Setting[str] | None, ...]:
        """After the ``profile`` parameter and the snapshot's own: as ``sheyin check`` falls
        back, ``SHEYIN_PROFILE`` then sheyin.toml of the workspace the server runs in."""
        return (self.config.from_env("SHEYIN_PROFILE"), self.config.from_file("profile"))

    # --- the registry ---------------------------------------------------------------------

    def _registry(self) -> Registry:
        if self.registry is None:
            raise RequestRejected(
                404,
                (
                    problem(
                        "path",
                        "",
                        "此服务没有登记簿：请在工作区中启动 sheyin serve（sheyin init），或设置 SHEYIN_REGISTRY",
                        "this server has no registry: start sheyin serve in a workspace "
                        "(sheyin init), or set SHEYIN_REGISTRY",
                    ),
                ),
            )
        return self.registry

    async def record(self, request: Request) -> Response:
        """POST /v1/events — ``sheyin record``: judged by the profile, written with the token's actor.

        201 when written, 409 when the profile refuses the step (nothing written)."""
        actor = self.actor(request)
        registry = self._registry()
        document = await self._document(request)
        found = problems(self.sheyin.schemas.validator("event-record"), document.data, BODY)
        if found:
            raise InputError(found)
        data = document.data
        kind: SubjectKind = "outlets" if "outlet" in data else "partnerships"
        record_id = str(data.get("outlet") or data.get("partnership"))
        judgement = await run_in_threadpool(
            lambda: registry.record(
                kind,
                record_id,
                data["event"],
                actor,
                despite=data.get("despite"),
                lang=lang_of(request),
            )
        )
        return json_response(
            judgement.to_dict(),
            status=201 if judgement.recorded else 409,
            headers=profile_headers(registry.profile),
        )

    async def audit_verify(self, request: Request) -> Response:
        """GET /v1/audit/verify — ``sheyin audit verify --format json`` (200 either way:
        ``intact`` says whether the log holds)."""
        self.allow_read(request)
        registry = self._registry()
        verdict = await run_in_threadpool(registry.verify)
        return json_response(
            verdict.to_dict(lang_of(request)), headers=profile_headers(registry.profile)
        )

    async def registry_due(self, request: Request) -> Response:
        """GET /v1/due?as_of=&within=&subject= — what falls due in the registry's state."""
        self.allow_read(request)
        registry = self._registry()
        day = date_query(request, "as_of") or date.today()
        within = _count_query(request, "within")
        subject = request.query_params.get("subject") or None
        agenda = await run_in_threadpool(lambda: registry.due(day, within=within, subject=subject))
        headers = profile_headers(registry.profile)
        if _prefers_calendar(request.headers.get("accept", "")):
            calendar = await run_in_threadpool(to_ics, agenda, lang_of(request))
            return Response(calendar, media_type=CALENDAR, headers=headers)
        return Response(agenda.to_json(), media_type=JSON, headers=headers)

    async def validate_form(self, request: Request) -> Response:
        """POST /v1/forms/{profile}/{form}/validate — ``sheyin form validate PROFILE FORM DATA``."""
        self.allow_read(request)
        profile = await self._load(request.path_params["profile"], None, "/profile")
        form = find_form(profile, request.path_params["form"])
        document = await self._document(request)
        await run_in_threadpool(validate_form_data, profile, form, document.data, document.file)
        return json_response(
            {"profile": profile.name, "form": form.id, "valid": True},
            headers=profile_headers(profile),
        )

    async def _document(self, request: Request) -> Document:
        """The request body as a JSON (or, with ``Content-Type: application/toml``, TOML)
        object, read by the reader every command uses (duplicate keys, depth, huge numbers)."""
        body = await read_body(request, self.settings.max_body)
        kind = request.headers.get("content-type", JSON).split(";")[0].strip().lower()
        suffix = ".toml" if kind in ("application/toml", "text/toml") else ".json"
        data = await run_in_threadpool(parse_bytes, body, BODY, suffix)
        return Document(data, BODY)


def _query_setting(request: Request, name: str) -> Setting[str] | None:
    """A query parameter as a setting that problems trace back to (``query:/name``)."""
    value = request.query_params.get(name)
    return None if value is None else Setting(value, Origin.request("query", f"/{name}"))


def _count_query(request: Request, name: str) -> int | None:
    """A non-negative whole number from the query, or None when absent."""
    value = request.query_params.get(name)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        raise RequestRejected(
            422,
            (
                problem(
                    "query",
                    f"/{name}",
                    f"“{value[:40]}”不是天数（应为 0 至 999999 的整数）",
                    f"'{value[:40]}' is not a number of days (expected a whole number 0-999999)",
                ),
            ),
        )
    return int(value)


def _prefers_calendar(accept: str) -> bool:
    """True when ``Accept`` names text/calendar (the JSON agenda is the default)."""
    return any(part.split(";")[0].strip().lower() == CALENDAR for part in accept.split(","))

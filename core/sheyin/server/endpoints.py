"""The endpoints: each reads the request, calls the function the CLI calls, and answers.

CPU-bound work (loading a profile, checking a snapshot) runs in Starlette's thread pool
so the event loop keeps accepting requests; the application object is thread-safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sheyin.app import Sheyin
from sheyin.engine.ics import to_ics
from sheyin.errors import Problem, SheyinError, problem
from sheyin.formdata import find_form, validate_form_data
from sheyin.i18n import Lang
from sheyin.profile.describe import (
    catalogue_document,
    profile_document,
    profiles_document,
    requirements_document,
)
from sheyin.profile.model import Profile
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
from sheyin.snapshot.parse import parse_bytes

T = TypeVar("T")

# Where the CLI's messages name an option, the API names the part of the request instead.
CALENDAR = "text/calendar"
CLI_PROFILE_SOURCE = "--profile"
API_SNAPSHOT_SOURCE = "<snapshot>"


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
        default_profile: str | None,
        openapi: Callable[[], Mapping[str, Any]],
        docs_page: Callable[[], str],
    ) -> None:
        self.sheyin = sheyin
        self.settings = settings
        self.default_profile = default_profile
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

    async def _load(self, name: str, day: date | None) -> Profile:
        return await _call(
            self.sheyin.load_profile, name, day, sources={CLI_PROFILE_SOURCE: ("path", "/name")}
        )

    # --- checks and forms ---------------------------------------------------------------------

    async def check(self, request: Request) -> Response:
        """POST /v1/check?profile=&as_of= — ``sheyin check SNAPSHOT --format json``."""
        self.allow_read(request)
        lang = lang_of(request)
        as_of = date_query(request, "as_of")
        document = await self._document(request)
        given, sources = self._profile_choice(request, document)
        report = await _call(
            self.sheyin.check, document, profile=given, as_of=as_of, lang=lang, sources=sources
        )
        profile = await run_in_threadpool(self.sheyin.load_profile, report.profile, report.as_of)
        return Response(report.to_json(), media_type=JSON, headers=profile_headers(profile))

    async def due(self, request: Request) -> Response:
        """POST /v1/due?profile=&as_of=&within=&subject= — ``sheyin due SNAPSHOT --format json``
        (or ``--format ics`` when the client accepts ``text/calendar``)."""
        self.allow_read(request)
        as_of = date_query(request, "as_of")
        within = _count_query(request, "within")
        subject = request.query_params.get("subject") or None
        document = await self._document(request)
        given, sources = self._profile_choice(request, document)
        agenda = await _call(
            self.sheyin.due,
            document,
            profile=given,
            as_of=as_of,
            within=within,
            subject=subject,
            sources=sources,
        )
        profile = await run_in_threadpool(self.sheyin.load_profile, agenda.profile, agenda.as_of)
        headers = profile_headers(profile)
        if _prefers_calendar(request.headers.get("accept", "")):
            calendar = await run_in_threadpool(to_ics, agenda, lang_of(request))
            return Response(calendar, media_type=CALENDAR, headers=headers)
        return Response(agenda.to_json(), media_type=JSON, headers=headers)

    def _profile_choice(
        self, request: Request, document: Mapping[str, Any]
    ) -> tuple[str | None, dict[str, tuple[str, str | None]]]:
        """The ``profile`` parameter, else the snapshot's, else the workspace's; and where the
        problems the core functions raise came from in this request."""
        given = request.query_params.get("profile")
        if given == "":
            raise RequestRejected(
                422,
                (problem("query", "/profile", "不能为空字符串", "must not be an empty string"),),
            )
        if given:
            origin: tuple[str, str | None] = ("query", "/profile")
        elif document.get("profile") is not None:
            origin = (BODY, "/profile")
        else:
            given, origin = self.default_profile, ("sheyin.toml", "/profile")
        return given, {CLI_PROFILE_SOURCE: origin, API_SNAPSHOT_SOURCE: (BODY, None)}

    async def validate_form(self, request: Request) -> Response:
        """POST /v1/forms/{profile}/{form}/validate — ``sheyin form validate PROFILE FORM DATA``."""
        self.allow_read(request)
        name = request.path_params["profile"]
        profile = await _call(
            self.sheyin.load_profile, name, None, sources={CLI_PROFILE_SOURCE: ("path", "/profile")}
        )
        form = find_form(profile, request.path_params["form"])
        data = await self._document(request)
        await run_in_threadpool(validate_form_data, profile, form, data, BODY)
        return json_response(
            {"profile": profile.name, "form": form.id, "valid": True},
            headers=profile_headers(profile),
        )

    async def _document(self, request: Request) -> dict[str, Any]:
        """The request body as a JSON (or, with ``Content-Type: application/toml``, TOML) object."""
        body = await read_body(request, self.settings.max_body)
        kind = request.headers.get("content-type", JSON).split(";")[0].strip().lower()
        suffix = ".toml" if kind in ("application/toml", "text/toml") else ".json"
        document: dict[str, Any] = await run_in_threadpool(parse_bytes, body, BODY, suffix)
        return document


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


async def _call(
    function: Callable[..., T],
    *args: Any,
    sources: Mapping[str, tuple[str, str | None]],
    **kwargs: Any,
) -> T:
    """Run ``function`` in the thread pool; problems that name a CLI source are re-homed.

    ``sources`` maps a source the core functions name (``--profile``, ``<snapshot>``) to
    the part of the request it came from (``query``/``path``/``body``) and, when the
    pointer should change too, the pointer there.
    """
    try:
        return await run_in_threadpool(function, *args, **kwargs)
    except SheyinError as exc:
        exc.problems = tuple(_rehome(p, sources) for p in exc.problems)
        raise


def _rehome(found: Problem, sources: Mapping[str, tuple[str, str | None]]) -> Problem:
    if found.file not in sources:
        return found
    source, where = sources[found.file]
    return attrs.evolve(found, file=source, pointer=found.pointer if where is None else where)

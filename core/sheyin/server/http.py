"""Answers and their headers, problems as RFC 9457 details, bodies read within a limit."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sheyin.dates import DateError, date_problem, parse_date
from sheyin.errors import Problem, problem
from sheyin.i18n import Lang
from sheyin.origin import Origin
from sheyin.profile.model import Profile

VERSION_HEADER = "Sheyin-Version"
PROFILE_HEADER = "Sheyin-Profile"
PROFILE_VERSION_HEADER = "Sheyin-Profile-Version"
JSON = "application/json"
PROBLEM_JSON = "application/problem+json"
BODY = "body"  # the source named in problems about the request body


class RequestRejected(Exception):
    """A request the API refuses, with the HTTP status and the problems to report."""

    def __init__(
        self,
        status: int,
        problems: Sequence[Problem],
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, problems)
        self.status = status
        self.problems = tuple(problems)
        self.headers = dict(headers or {})


def profile_headers(profile: Profile) -> dict[str, str]:
    """Which rules answered: the profile's name and the version of the package it came from."""
    return {PROFILE_HEADER: profile.name, PROFILE_VERSION_HEADER: profile.version or "unknown"}


def json_response(
    data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """JSON with Chinese kept readable, as the CLI prints it with ``--json``."""
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, status_code=status, media_type=JSON, headers=dict(headers or {}))


def problem_response(
    status: int,
    problems: Sequence[Problem],
    lang: Lang,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """RFC 9457 problem details; ``detail`` holds the lines the CLI would print."""
    document = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": "\n".join(p.render(lang) for p in problems),
        "problems": [
            {"source": p.file, "path": p.pointer, "message": p.text.render(lang)} for p in problems
        ],
    }
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers or {}))


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> RequestRejected:
    return RequestRejected(
        413,
        (
            problem(
                BODY,
                "",
                f"请求体超过上限 {limit} 字节（见 sheyin serve --max-body）",
                f"the request body exceeds the limit of {limit} bytes (see sheyin serve --max-body)",
            ),
        ),
    )


def date_query(request: Request, name: str) -> date | None:
    """A ``YYYY-MM-DD`` query parameter, or None when absent; 422 naming it when malformed."""
    value = request.query_params.get(name)
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        origin = Origin.request("query", f"/{name}")
        raise RequestRejected(422, (origin.problem(date_problem(value, exc)),)) from None

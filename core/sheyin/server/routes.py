"""The route table, in one place: each endpoint's method, path, handler and OpenAPI operation.

Starlette's routes and the document's ``paths`` are both built from this table, so a
route cannot exist without being documented, nor be documented without existing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from attrs import frozen
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sheyin.server.endpoints import Api

REF = "#/components/"


@frozen
class Endpoint:
    """One operation of the API."""

    method: str
    path: str
    handler: str  # name of the :class:`Api` method that answers it
    operation: dict[str, Any]
    documented: bool = True


def _schema(name: str) -> dict[str, str]:
    return {"$ref": f"{REF}schemas/{name}"}


def _json(
    name: str, description: str, *, profile: bool = False, calendar: bool = False
) -> dict[str, Any]:
    headers: dict[str, Any] = {"Sheyin-Version": {"$ref": f"{REF}headers/Sheyin-Version"}}
    if profile:
        headers["Sheyin-Profile"] = {"$ref": f"{REF}headers/Sheyin-Profile"}
        headers["Sheyin-Profile-Version"] = {"$ref": f"{REF}headers/Sheyin-Profile-Version"}
    return {
        "description": description,
        "headers": headers,
        "content": {
            "application/json": {"schema": _schema(name)},
            **({"text/calendar": {"schema": {"type": "string"}}} if calendar else {}),
        },
    }


def _problems(*statuses: int) -> dict[str, Any]:
    return {str(status): {"$ref": f"{REF}responses/{status}"} for status in statuses}


def _param(name: str) -> dict[str, str]:
    return {"$ref": f"{REF}parameters/{name}"}


def _operation(
    operation_id: str,
    summary: str,
    description: str,
    *,
    parameters: Sequence[str] = (),
    body: dict[str, Any] | None = None,
    ok: dict[str, Any],
    ok_status: str = "200",
    also: dict[str, Any] | None = None,
    errors: Iterable[int] = (),
    tag: str,
    write: bool = False,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "description": description,
        "parameters": [_param("Accept-Language"), *map(_param, parameters)],
        "responses": {ok_status: ok, **(also or {}), **_problems(*errors, 500)},
    }
    if body is not None:
        operation["requestBody"] = body
    # Reads are open on loopback; writes always need a token (401 without one).
    operation["security"] = [{"bearer": []}] if write else [{}, {"bearer": []}]
    return operation


def _body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "required": True,
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "GET",
        "/v1/profiles",
        "profiles",
        _operation(
            "listProfiles",
            "Installed profiles",
            "Every installed profile, the package it came from, and any that failed to load "
            "(`sheyin profiles --json`).",
            ok=_json("profiles", "The installed profiles."),
            errors=(401,),
            tag="profiles",
        ),
    ),
    Endpoint(
        "GET",
        "/v1/profiles/{name}",
        "profile",
        _operation(
            "getProfile",
            "One profile",
            "Documents, outlet kinds, parameters, lifecycles, requirements and forms of the "
            "profile version in force on `as_of` (today when omitted; `sheyin profile show --json`).",
            parameters=("name", "as_of"),
            ok=_json("profile-show", "The profile.", profile=True),
            errors=(401, 404, 422),
            tag="profiles",
        ),
    ),
    Endpoint(
        "GET",
        "/v1/profiles/{name}/requirements",
        "requirements",
        _operation(
            "listRequirements",
            "A profile's requirement catalogue",
            "Every provision: citation in the document's own numbering, original text, modal "
            "verb, severity, and the check kind that enforces it or why it is manual.",
            parameters=("name", "as_of"),
            ok=_json("requirement-list", "The requirements.", profile=True),
            errors=(401, 404, 422),
            tag="profiles",
        ),
    ),
    Endpoint(
        "GET",
        "/v1/profiles/{name}/catalogue",
        "catalogue",
        _operation(
            "getCatalogue",
            "The service guidance catalogue in force",
            "The catalogue in force on `as_of` (today when omitted; `sheyin catalogue NAME --json`). "
            "404 when the profile has none in force that day.",
            parameters=("name", "as_of"),
            ok=_json("catalogue", "The catalogue.", profile=True),
            errors=(401, 404, 422),
            tag="profiles",
        ),
    ),
    Endpoint(
        "POST",
        "/v1/check",
        "check",
        _operation(
            "checkSnapshot",
            "Check a snapshot",
            "The report `sheyin check SNAPSHOT --format json` prints for the same snapshot, "
            "profile and date. The profile is the `profile` parameter, else the snapshot's own "
            "`profile`; the date is `as_of`, else the snapshot's, else today. A profile may add "
            "fields to records and event types (see its `sheyin profile show`); the schema below "
            "is the core contract every profile accepts. Malformed input is 422 with each problem's "
            "JSON pointer; `Content-Type: application/toml` sends the snapshot as TOML.",
            parameters=("profile", "as_of"),
            body=_body(_schema("snapshot"), "A snapshot (schemas/snapshot.schema.json)."),
            ok=_json(
                "report", "The report (findings are not errors of the request).", profile=True
            ),
            errors=(401, 404, 413, 422),
            tag="checks",
        ),
    ),
    Endpoint(
        "POST",
        "/v1/due",
        "due",
        _operation(
            "dueInSnapshot",
            "What falls due in a snapshot",
            "The deadlines `sheyin due SNAPSHOT --format json` lists for the same snapshot, "
            "profile, date, `within` and `subject`: overdue first, then by date. With "
            "`Accept: text/calendar`, the same entries as an iCalendar file (`--format ics`). "
            "Profile and date are chosen as for /v1/check.",
            parameters=("profile", "as_of", "within", "subject"),
            body=_body(_schema("snapshot"), "A snapshot (schemas/snapshot.schema.json)."),
            ok=_json("due", "The deadlines.", profile=True, calendar=True),
            errors=(401, 404, 413, 422),
            tag="checks",
        ),
    ),
    Endpoint(
        "POST",
        "/v1/forms/{profile}/{form}/validate",
        "validate_form",
        _operation(
            "validateForm",
            "Validate a form's data filled elsewhere",
            "Checks the body against the form's data schema (`sheyin form schema PROFILE FORM`), "
            "as `sheyin form validate` does: 200 when it fits, 422 listing every misfit.",
            parameters=("profile_path", "form"),
            body=_body({"type": "object"}, "The form's data as JSON."),
            ok=_json("form-validation", "The data fits the form.", profile=True),
            errors=(401, 404, 413, 422),
            tag="forms",
        ),
    ),
    Endpoint(
        "GET",
        "/v1/due",
        "registry_due",
        _operation(
            "dueInRegistry",
            "What falls due in the registry",
            "`sheyin due` with no SNAPSHOT: the deadlines of the registry's state on `as_of` "
            "(today when omitted), judged by the workspace's profile; `within` and `subject` as for POST /v1/due, "
            "`Accept: text/calendar` for the iCalendar file an office subscribes to. 404 when "
            "the server runs without a registry.",
            parameters=("as_of", "within", "subject"),
            ok=_json("due", "The deadlines.", profile=True, calendar=True),
            errors=(401, 404, 422),
            tag="registry",
        ),
    ),
    Endpoint(
        "POST",
        "/v1/events",
        "record",
        _operation(
            "recordEvent",
            "Record one event in the registry",
            "`sheyin record`: the profile judges the event against the record's current state "
            "first. 201 when it was written to the audit log, with the token's actor; 409 when "
            "the profile refuses the step (nothing written; `despite` records it anyway, the "
            "reason going into the log). Needs a bearer token.",
            body=_body(_schema("event-record"), "The record and the event."),
            ok=_json("record-result", "Recorded.", profile=True),
            ok_status="201",
            also={
                "409": _json(
                    "record-result", "Refused by the profile; nothing written.", profile=True
                )
            },
            errors=(401, 404, 413, 422),
            tag="registry",
            write=True,
        ),
    ),
    Endpoint(
        "GET",
        "/v1/audit/verify",
        "audit_verify",
        _operation(
            "verifyAuditLog",
            "Verify the audit log",
            "`sheyin audit verify`: every hash, link and the RFC 9162 Merkle root recomputed. "
            "200 either way: `intact` says whether the log holds, `failure` names the first "
            "entry that fails. 404 when the server runs without a registry.",
            ok=_json("audit-verdict", "The verdict.", profile=True),
            errors=(401, 404),
            tag="registry",
        ),
    ),
    Endpoint("GET", "/openapi.json", "openapi", {}, documented=False),
    Endpoint("GET", "/docs", "docs", {}, documented=False),
)


def routes(api: Api, endpoints: Iterable[Endpoint] = ENDPOINTS) -> list[Route]:
    """Starlette routes answering each endpoint with the :class:`Api` method it names."""
    handlers: dict[str, list[tuple[str, Callable[..., Any]]]] = {}
    for endpoint in endpoints:
        handlers.setdefault(endpoint.path, []).append(
            (endpoint.method, getattr(api, endpoint.handler))
        )
    result = []
    for path, pairs in handlers.items():
        by_method = dict(pairs)
        result.append(Route(path, _dispatch(by_method), methods=list(by_method)))
    return result


def _dispatch(by_method: dict[str, Callable[..., Any]]) -> Callable[..., Any]:
    """One endpoint answering each method with its own handler (GET and POST /v1/due)."""
    if len(by_method) == 1:
        [handler] = by_method.values()
        return handler

    async def endpoint(request: Request) -> Response:
        handler = by_method.get(request.method) or by_method["GET"]  # HEAD is a GET
        response: Response = await handler(request)
        return response

    return endpoint


def paths(endpoints: Iterable[Endpoint] = ENDPOINTS) -> dict[str, Any]:
    """The ``paths`` of the OpenAPI document."""
    result: dict[str, Any] = {}
    for endpoint in endpoints:
        if endpoint.documented:
            result.setdefault(endpoint.path, {})[endpoint.method.lower()] = endpoint.operation
    return result


def _problem_response(description: str, *, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"Sheyin-Version": {"$ref": f"{REF}headers/Sheyin-Version"}, **(headers or {})},
        "content": {"application/problem+json": {"schema": _schema("problems")}},
    }


def shared_components(profile_names: Sequence[str]) -> dict[str, Any]:
    """Parameters, responses, headers and the security scheme the operations refer to."""
    name_schema: dict[str, Any] = {
        "type": "string",
        "minLength": 1,
        "examples": list(profile_names) or ["yulin"],
    }
    date_schema = {"type": "string", "format": "date", "examples": ["2025-11-20"]}
    return {
        "parameters": {
            "Accept-Language": {
                "name": "Accept-Language",
                "in": "header",
                "description": "Language of messages: Chinese (default) or English (`en`).",
                "schema": {"type": "string", "examples": ["zh-CN", "en"]},
            },
            "name": {
                "name": "name",
                "in": "path",
                "required": True,
                "description": "Profile name (GET /v1/profiles lists them).",
                "schema": name_schema,
            },
            "profile_path": {
                "name": "profile",
                "in": "path",
                "required": True,
                "description": "Profile name.",
                "schema": name_schema,
            },
            "profile": {
                "name": "profile",
                "in": "query",
                "description": "Profile to check against (wins over the snapshot's `profile`).",
                "schema": name_schema,
            },
            "form": {
                "name": "form",
                "in": "path",
                "required": True,
                "description": "Form id or alias, e.g. `B.2` or `附件4`.",
                "schema": {"type": "string", "examples": ["B.2"]},
            },
            "within": {
                "name": "within",
                "in": "query",
                "description": "Only what falls due in the next N days (overdue entries stay).",
                "schema": {"type": "integer", "minimum": 0, "maximum": 999999},
            },
            "subject": {
                "name": "subject",
                "in": "query",
                "description": "Only one record and those under it: `outlets/o1`, or an id.",
                "schema": {"type": "string", "examples": ["outlets/o1"]},
            },
            "as_of": {
                "name": "as_of",
                "in": "query",
                "description": "Date (YYYY-MM-DD, 1900-01-01 to 2199-12-31).",
                "schema": date_schema,
            },
        },
        "headers": {
            "Sheyin-Version": {
                "description": "Version of sheyin that answered.",
                "required": True,
                "schema": {"type": "string"},
            },
            "Sheyin-Profile": {
                "description": "Profile whose rules answered.",
                "schema": {"type": "string"},
            },
            "Sheyin-Profile-Version": {
                "description": "Version of the package the profile came from.",
                "schema": {"type": "string"},
            },
        },
        "responses": {
            "401": _problem_response(
                "No valid bearer token.",
                headers={"WWW-Authenticate": {"schema": {"type": "string"}}},
            ),
            "404": _problem_response("Unknown profile, form, or no catalogue in force."),
            "413": _problem_response("The body is larger than the server's limit."),
            "422": _problem_response("Malformed input: each problem with its JSON pointer."),
            "500": _problem_response("An internal error (reported in the server's log)."),
        },
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from the server's token file, bound to the real name "
                "of the person who acts (written into the audit log).",
            }
        },
    }

"""The registry over HTTP: POST /v1/events (record), GET /v1/audit/verify, GET /v1/due."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from live_server import live_server
from server_support import DEMOS, TOKENS, demo_document

from sheyin import Sheyin
from sheyin.registry import Registry
from sheyin.schemas import SchemaStore, problems
from sheyin.server.app import create_app
from sheyin.server.settings import ServerSettings
from sheyin.server.tokens import parse_tokens

YULIN = next(path for path in DEMOS if "yulin" in path.parts)
# New outlets with no events yet, one per test that records on one, so no test depends on another.
NEW_OUTLETS = [
    {"id": name, "partnership": "p-glb", "name": "新网点", "kind": "bank_branch"}
    for name in ("o-new", "o-refused", "o-despite")
]
ALICE = {"Authorization": "Bearer alice-token-0123456789"}
STORE = SchemaStore()


def conforms(schema: str, data: Any) -> None:
    found = problems(STORE.validator(schema), data, schema)
    assert not found, [p.render("en") for p in found]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """Yulin's example and one new outlet in a fresh SQLite registry."""
    database = tmp_path_factory.mktemp("registry") / "sheyin.db"
    document = demo_document(YULIN)
    document["outlets"].extend(NEW_OUTLETS)
    with Registry.open(f"sqlite:///{database}", app=Sheyin(), profile="yulin") as opened:
        opened.import_(document, "导入员")
        yield opened


@pytest.fixture(scope="module")
def served(registry: Registry) -> Iterator[str]:
    """A live server answering with that registry (the session's server has none)."""
    settings = ServerSettings(tokens=parse_tokens(TOKENS, "tokens"))
    with live_server(settings, app=create_app(settings, registry.app, registry=registry)) as base:
        yield base


def post_event(base: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(f"{base}/v1/events", json=body, headers=headers or {}, timeout=60)


def test_a_write_without_a_token_is_401_and_writes_nothing(served: str, registry: Registry) -> None:
    before = len(registry.entries())
    event = {"outlet": "o-new", "event": {"on": "2025-10-01", "type": "filing"}}
    answer = post_event(served, event)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert len(registry.entries()) == before


def test_a_write_with_a_wrong_token_is_401(served: str, registry: Registry) -> None:
    before = len(registry.entries())
    event = {"outlet": "o-new", "event": {"on": "2025-10-01", "type": "filing"}}
    answer = post_event(served, event, {"Authorization": "Bearer alice-token-012345678X"})
    assert answer.status_code == 401
    assert len(registry.entries()) == before


def test_a_step_out_of_order_is_409_with_its_clause_and_nothing_written(
    served: str, registry: Registry
) -> None:
    before = len(registry.entries())
    answer = post_event(
        served, {"outlet": "o-refused", "event": {"on": "2025-10-01", "type": "plaque"}}, ALICE
    )
    assert answer.status_code == 409
    conforms("record-result", answer.json())
    assert answer.json()["recorded"] is False
    assert [(r["rule"], r["clause"]) for r in answer.json()["refusals"]] == [
        ("yulin.lifecycle.filing", "4.4")
    ]
    assert len(registry.entries()) == before


def test_an_allowed_step_is_201_and_logged_with_the_tokens_actor(
    served: str, registry: Registry
) -> None:
    answer = post_event(
        served,
        {
            "outlet": "o-new",
            "event": {"on": "2025-10-02", "type": "filing", "result": "conform"},
        },
        ALICE,
    )
    assert answer.status_code == 201, answer.text
    conforms("record-result", answer.json())
    entry = registry.entries()[-1]
    assert entry["seq"] == answer.json()["seq"]
    assert entry["actor"] == "李明"
    assert entry["data"]["event"]["type"] == "filing"
    assert answer.headers["sheyin-profile"] == "yulin"


def test_despite_records_a_refused_step_with_the_reason(served: str, registry: Registry) -> None:
    answer = post_event(
        served,
        {
            "outlet": "o-despite",
            "event": {"on": "2025-10-03", "type": "plaque"},
            "despite": "牌匾已由银行挂出，补记",
        },
        {"Authorization": "Bearer bob-token-9876543210"},
    )
    assert answer.status_code == 201, answer.text
    assert [r["rule"] for r in answer.json()["refusals"]] == ["yulin.lifecycle.filing"]
    entry = registry.entries()[-1]
    assert entry["data"]["despite"] == "牌匾已由银行挂出，补记"
    assert entry["actor"] == "Bob Smith"


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"event": {"on": "2025-10-01", "type": "filing"}}, ""),
        (
            {"outlet": "o-new", "partnership": "p-glb", "event": {"on": "2025-10-01", "type": "x"}},
            "",
        ),
        ({"outlet": "o-new"}, ""),
        ({"outlet": "o-new", "event": {"on": "2025-13-01", "type": "filing"}}, "/event/on"),
        ({"outlet": "o-new", "event": {"on": "2025-10-01", "type": "filing"}, "by": "x"}, "/by"),
    ],
)
def test_a_malformed_request_is_422_pointing_into_the_body(
    served: str, registry: Registry, body: dict[str, Any], pointer: str
) -> None:
    before = len(registry.entries())
    answer = post_event(served, body, ALICE)
    assert answer.status_code == 422, answer.text
    assert pointer in [p["path"] for p in answer.json()["problems"]]
    assert {p["source"] for p in answer.json()["problems"]} == {"body"}
    assert len(registry.entries()) == before


def test_an_unknown_outlet_is_422(served: str) -> None:
    answer = post_event(
        served, {"outlet": "nowhere", "event": {"on": "2025-10-01", "type": "filing"}}, ALICE
    )
    assert answer.status_code == 422
    assert "nowhere" in answer.json()["detail"]


def test_verify_says_the_log_is_intact(served: str, registry: Registry) -> None:
    answer = httpx.get(f"{served}/v1/audit/verify")
    assert answer.status_code == 200
    conforms("audit-verdict", answer.json())
    verdict = registry.verify()
    assert answer.json()["intact"] is True
    assert (answer.json()["size"], answer.json()["root"]) == (verdict.size, verdict.root.hex())


def test_due_lists_the_registrys_deadlines(served: str, registry: Registry) -> None:
    answer = httpx.get(f"{served}/v1/due", params={"as_of": "2025-11-20"})
    assert answer.status_code == 200, answer.text
    conforms("due", answer.json())
    expected = registry.due(date(2025, 11, 20))  # what sheyin due lists with no SNAPSHOT
    assert answer.json() == expected.to_dict()
    assert answer.json()["deadlines"]


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/due"), ("GET", "/v1/audit/verify"), ("POST", "/v1/events")],
)
def test_without_a_registry_the_registry_endpoints_are_404(
    client: httpx.Client, method: str, path: str
) -> None:
    body = {"outlet": "o1", "event": {"on": "2025-10-01", "type": "filing"}}
    answer = client.request(method, path, json=body if method == "POST" else None, headers=ALICE)
    assert answer.status_code == 404
    assert (
        "registry"
        in client.request(
            method,
            path,
            json=body if method == "POST" else None,
            headers={**ALICE, "Accept-Language": "en"},
        ).json()["detail"]
    )

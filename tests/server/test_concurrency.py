"""Requests from several threads at once get the answers they get one at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from server_support import DEMOS, demo_json

LANGUAGES = ("zh-CN", "en")


def ask(server_url: str, request: tuple[int, str]) -> tuple[int, Any]:
    index, language = request
    with httpx.Client(base_url=server_url, timeout=120) as client:
        answer = client.post(
            "/v1/check",
            content=demo_json(DEMOS[index]),
            headers={"Accept-Language": language},
        )
        return answer.status_code, answer.json()


def test_concurrent_checks_equal_sequential_ones(server_url: str) -> None:
    requests = [(i, lang) for i in range(len(DEMOS)) for lang in LANGUAGES] * 3
    sequential = [ask(server_url, request) for request in requests[: len(requests) // 3]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda r: ask(server_url, r), requests))
    assert concurrent == sequential * 3
    assert {status for status, _ in concurrent} == {200}

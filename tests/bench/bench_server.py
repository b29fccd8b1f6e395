"""Requests per second of POST /v1/check against an endpoint that only echoes the body.

Both run on the same live server in the same run (loopback, one keep-alive client, then
several threads), so the ratio says how much of a request's time is sheyin's check and
how much is HTTP, reading the body and the server: it compares across machines. A third
figure checks the same bytes in process (no HTTP), so the API's own cost shows as a ratio.
Run by ``nox -s bench``; ``--quick`` for a smoke run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: the live server and the examples

from live_server import live_server
from server_support import DEMOS

from sheyin import Sheyin
from sheyin.documents import Document, parse_bytes
from sheyin.server.http import JSON, read_body
from sheyin.server.settings import DEFAULT_MAX_BODY, ServerSettings

ECHO = "/bench/echo"


async def echo(request: Request) -> Response:
    """Read the body as /v1/check does (same limit) and send it back unchanged."""
    return Response(await read_body(request, DEFAULT_MAX_BODY), media_type=JSON)


def rate(send: Callable[[], httpx.Response], requests: int, threads: int) -> float:
    """Requests per second for ``requests`` calls of ``send`` spread over ``threads``."""

    def one(_: int) -> None:
        answer = send()
        if answer.status_code != 200:
            raise SystemExit(f"unexpected {answer.status_code}: {answer.text[:200]}")

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run with few requests")
    parser.add_argument("--region", default="guangdong", help="whose example to send")
    args = parser.parse_args()
    [demo] = [path for path in DEMOS if args.region in path.parts]
    body = demo.read_bytes()
    headers = {"Content-Type": "application/toml"}
    requests = 20 if args.quick else 200
    routes = [Route(ECHO, echo, methods=["POST"])]
    with (
        live_server(ServerSettings(), extra_routes=routes) as url,
        httpx.Client(base_url=url, timeout=120) as client,
    ):

        def check() -> httpx.Response:
            return client.post("/v1/check", content=body, headers=headers)

        def baseline() -> httpx.Response:
            return client.post(ECHO, content=body, headers=headers)

        check()  # the profile loads on the first check; measure the steady state
        print(f"POST /v1/check with {demo.parts[-4]}'s example ({len(body)} bytes)")
        app = Sheyin()
        app.check(Document(parse_bytes(body, "body", ".toml"), "body"))
        start = time.perf_counter()
        for _ in range(requests):
            app.check(Document(parse_bytes(body, "body", ".toml"), "body"))
        direct = requests / (time.perf_counter() - start)
        for threads in (1, 4):
            echoed = rate(baseline, requests, threads)
            checked = rate(check, requests, threads)
            print(
                f"  {threads} client thread(s): check {checked:.0f} req/s, echo {echoed:.0f} "
                f"req/s; check takes {echoed / checked:.1f}x the echo's time per request"
            )
        print(
            f"  in process, no HTTP: {direct:.0f} checks/s; over HTTP a check takes "
            f"{direct / rate(check, requests, 1):.2f}x its in-process time"
        )


if __name__ == "__main__":
    main()

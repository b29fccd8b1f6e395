"""A live sheyin HTTP server on a free loopback port, in a thread of this process.

Used by the server tests, ``nox -s fuzz`` and ``nox -s bench``. The socket is bound and
listening before the thread starts, so clients can connect at once: the kernel queues
their connections until uvicorn accepts them (no waiting, no sleeps).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import uvicorn
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from sheyin import Sheyin
from sheyin.server.app import create_app
from sheyin.server.settings import ServerSettings


@contextmanager
def live_server(
    settings: ServerSettings,
    sheyin: Sheyin | None = None,
    extra_routes: Iterable[BaseRoute] = (),
    app: ASGIApp | None = None,
) -> Iterator[str]:
    """Serve ``settings`` (or ``app`` as it is) on 127.0.0.1 and a free port; yields the
    base URL, then stops."""
    app = app or create_app(settings, sheyin, extra_routes=extra_routes)
    # proto=IPPROTO_TCP so asyncio sets TCP_NODELAY on accepted connections (it checks the
    # protocol number): without it, Nagle's algorithm adds ~40 ms to every answer.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", ws="none", http="h11", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()

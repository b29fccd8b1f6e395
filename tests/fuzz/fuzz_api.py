"""Property-based run of schemathesis over the live server's own OpenAPI document.

Starts a server on a free loopback port (in this process), with a throw-away SQLite
registry holding Yulin's example and a token for the writes, and runs ``st run`` against
``/openapi.json`` in a separate process, with a bounded number of examples per operation.
Every answer must be documented: its status, content type, headers and body schema;
no input may produce a server error, and input the schema forbids must be refused.
Run by ``nox -s fuzz``; ``--max-examples N`` to change the bound.
"""

from __future__ import annotations

import argparse
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: the live server

from live_server import live_server
from server_support import DEMOS, demo_document

from sheyin import Sheyin
from sheyin.registry import Registry
from sheyin.server.app import create_app
from sheyin.server.settings import ServerSettings
from sheyin.server.tokens import parse_tokens

YULIN = next(path for path in DEMOS if "yulin" in path.parts)
TOKEN = secrets.token_urlsafe(24)  # a fresh token per run, for this run's server only
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "unsupported_method",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        registry = Registry.open(f"sqlite:///{folder}/sheyin.db", app=Sheyin(), profile="yulin")
        registry.import_(demo_document(YULIN), "fuzz")
        settings = ServerSettings(tokens=parse_tokens(f"{TOKEN} fuzz", "fuzz"))
        app = create_app(settings, registry.app, registry=registry)
        try:
            with live_server(settings, app=app) as url:
                return run(url, args.max_examples)
        finally:
            registry.close()


def run(url: str, max_examples: int) -> int:
    """``st run`` against the server at ``url``, writes authorised with the fuzz token."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{url}/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(max_examples),
        "--header",
        f"Authorization: Bearer {TOKEN}",
        "--phases",
        "examples,coverage,fuzzing",
        "--workers",
        "1",  # hypothesis's lambda-source cache is not thread-safe (schemathesis 4.3x)
        "--seed",
        "15",
        "--suppress-health-check",
        "too_slow,data_too_large",
    ]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())

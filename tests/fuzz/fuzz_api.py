"""Property-based run of schemathesis over the live server's own OpenAPI document.

Starts a server on a free loopback port (in this process) and runs ``st run`` against
``/openapi.json`` in a separate process, with a bounded number of examples per operation.
Every answer must be documented: its status, content type, headers and body schema;
no input may produce a server error, and input the schema forbids must be refused.
Run by ``nox -s fuzz``; ``--max-examples N`` to change the bound.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: the live server

from live_server import live_server

from sheyin.server.settings import ServerSettings

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
    with live_server(ServerSettings()) as url:
        command = [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{url}/openapi.json",
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            str(args.max_examples),
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

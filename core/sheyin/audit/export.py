"""The audit log as a file: JSON Lines, one canonical entry per line, then the checkpoint.

The last line is ``{"checkpoint": "<text of the checkpoint>"}``, so an export can be
verified with no registry at all; keep a copy of the checkpoint elsewhere to catch an
export cut short together with its last line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sheyin.audit.canonical import canonical_json
from sheyin.audit.checkpoint import Checkpoint, parse_checkpoint
from sheyin.errors import InputError, problem


def export_lines(entries: Iterable[Mapping[str, Any]], checkpoint: Checkpoint) -> Iterable[str]:
    """The lines of an export file (without newlines)."""
    for entry in entries:
        yield canonical_json(dict(entry)).decode("utf-8")
    yield canonical_json({"checkpoint": checkpoint.render()}).decode("utf-8")


def read_export(text: str, source: str) -> tuple[list[dict[str, Any]], Checkpoint | None]:
    """The entries and the embedded checkpoint of an export file."""
    entries: list[dict[str, Any]] = []
    checkpoint: Checkpoint | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise InputError(
                (
                    problem(
                        f"{source}:{number}",
                        "",
                        f"不是 JSON：{exc}",
                        f"not JSON: {exc}",
                    ),
                )
            ) from None
        if not isinstance(value, dict):
            raise InputError(
                (
                    problem(
                        f"{source}:{number}",
                        "",
                        "每行应为一个 JSON 对象",
                        "each line must be a JSON object",
                    ),
                )
            )
        if "checkpoint" in value and len(value) == 1:
            checkpoint = parse_checkpoint(str(value["checkpoint"]), f"{source}:{number}")
        else:
            entries.append(value)
    return entries, checkpoint

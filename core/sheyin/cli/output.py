"""Printing for people (rich tables that align Chinese text) and for programs (JSON)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from sheyin.cli.plain import WIDTH as PIPE_WIDTH
from sheyin.echo import clean_json
from sheyin.errors import InputError, os_reason, problem

if TYPE_CHECKING:  # rich loads when something is drawn with it (sheyin.cli.plain draws without)
    from rich.console import Console
    from rich.table import Table

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


PIPE_RULE_WIDTH = 200
"""The width of a console printing to a file or a pipe: what a rule spans and where text
and most tables wrap."""


def console(*, wide: bool = False) -> Console:
    """A console on standard output. Printing to a file or a pipe, it is 200 cells wide;
    ``wide`` makes it as wide as any row instead, for a table of findings, whose rows must
    never be cut or wrapped (one line each), and which holds no rule spanning the width."""
    from rich.console import Console

    out = Console(soft_wrap=False, highlight=False)
    if not out.is_terminal:
        width = PIPE_WIDTH if wide else PIPE_RULE_WIDTH
        out = Console(width=width, soft_wrap=False, highlight=False, color_system=None)
    return out


def table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A table whose columns fit East Asian wide characters."""
    from rich.table import Table

    result = Table(title=title, show_lines=False, title_justify="left")
    for header in headers:
        result.add_column(header, overflow="fold")
    for row in rows:
        result.add_row(*("" if cell is None else str(cell) for cell in row))
    return result


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """A Markdown table, one line per row, with pipes in cells escaped."""

    def cell(value: Any) -> str:
        return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
    return lines


def echo_json(value: Any) -> None:
    """Print ``value`` as indented JSON with Chinese kept readable."""
    click.echo(json_text(value))


def json_text(value: Any) -> str:
    """``value`` as :func:`echo_json` prints it, without the final line break."""
    return clean_json(json.dumps(value, ensure_ascii=False, indent=2))


def write_file(path: Path, content: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``content`` to ``path`` whole or not at all, else an :class:`InputError` naming ``path``.

    The text goes to a temporary file beside ``path`` that replaces it only once
    complete, so a full disk or a killed process never leaves half a file. An
    existing file is refused unless ``overwrite``; a directory of that name, a
    missing or read-only folder are refused with the reason.
    """
    file = str(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_dir():
        raise InputError(
            (
                problem(
                    file, "", "这是目录，无法写成文件", "is a directory; cannot write a file there"
                ),
            )
        )
    if path.exists() and not overwrite:
        raise InputError(
            (
                problem(
                    file,
                    "",
                    "文件已存在；如需覆盖请加 --force",
                    "already exists; use --force to overwrite",
                ),
            )
        )
    import tempfile  # only commands that write a file need it

    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), 0o666 & ~_umask())  # as open() would create it
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError(
            (problem(file, "", f"无法写入：{reason.zh}", f"cannot be written: {reason.en}"),)
        ) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

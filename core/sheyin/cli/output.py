"""Printing for people (rich tables that align Chinese text) and for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def console() -> Console:
    """A console on standard output; wide when piped so rows are not cut."""
    out = Console(soft_wrap=False, highlight=False)
    if not out.is_terminal:
        out = Console(width=200, soft_wrap=False, highlight=False, color_system=None)
    return out


def table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A table whose columns fit East Asian wide characters."""
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
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))

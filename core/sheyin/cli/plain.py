"""Tables drawn as rich draws them for a file or a pipe, without importing rich's console.

When standard output is not a terminal, :func:`sheyin.cli.output.console` prints with
no colour at a width of 200 cells, and a table comes out as plain box-drawn text.
Importing rich's console and laying a table out costs about twice what starting Python
costs, more than the rest of a one-outlet ``sheyin check`` prints; this module draws the
same characters for the common case: every line fits in those 200 cells and every piece
of text is one line of printable characters, one or two cells wide each, with nothing
rich would read as markup or an emoji code. Anything else is None, and rich draws it
(tests compare both on generated tables and on the commands' real output).
"""

from __future__ import annotations

import builtins
import os
import re
from collections.abc import Mapping, Sequence
from typing import TextIO

WIDTH = 200  # sheyin.cli.output.console: the width rich is given when not on a terminal

# What rich would not print literally: a markup tag (even escaped, keep it simple) or an
# emoji code such as :thumbs_up:.
_SPECIAL = re.compile(r"[\[\]\\]|:\S*?:")

# Environment variables with which rich may decide that a pipe is a terminal.
_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def plain_output(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """True when rich would print to ``stream`` as to a file: no terminal (nor a variable
    that makes rich assume one, nor a notebook) and an encoding with box characters."""
    try:
        if stream.isatty():
            return False
    except (ValueError, AttributeError):
        return False
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    return (
        encoding.startswith("utf")
        and not any(name in environ for name in _TERMINAL_VARIABLES)
        and not hasattr(builtins, "get_ipython")
    )


def _width(text: str) -> int | None:
    """Cells ``text`` takes, or None when rich might not print it literally on one line."""
    from rich.cells import cell_len, get_character_cell_size  # rich's own measure, 3 ms

    if not text.isprintable() or _SPECIAL.search(text) or text != text.strip(" "):
        return None
    if "  " in text:  # rich keeps runs of spaces, but wraps at them: not worth the risk
        return None
    widths = [get_character_cell_size(c) for c in text]
    if any(w not in (1, 2) for w in widths):
        return None
    total = sum(widths)
    return total if cell_len(text) == total else None


def plain_line(text: str) -> str | None:
    """``text`` and a line break, as rich prints a string that fits on one line; else None."""
    if text == "":
        return "\n"
    width = _width(text)
    return None if width is None or width > WIDTH else f"{text}\n"


def plain_table(
    title: str | None, headers: Sequence[str], rows: Sequence[Sequence[str]]
) -> str | None:
    """The table :func:`sheyin.cli.output.table` makes, as rich prints it to a file, or
    None when rich must draw it (a line would not fit, or some text is not plain)."""
    cells = [list(headers), *(list(row) for row in rows)]
    if any(len(row) != len(headers) for row in cells) or not headers:
        return None
    measured: list[list[int]] = []
    for row in cells:
        widths = []
        for text in row:
            width = 0 if text == "" else _width(text)
            if width is None:
                return None
            widths.append(width)
        measured.append(widths)
    columns = [max(row[i] for row in measured) + 2 for i in range(len(headers))]
    total = sum(columns) + len(columns) + 1
    if total > WIDTH:
        return None
    lines = []
    if title:
        width = _width(title)
        if width is None or width > total:
            return None
        lines.append(title + " " * (total - width))

    def rule(left: str, line: str, middle: str, right: str) -> str:
        return left + middle.join(line * c for c in columns) + right

    def row_line(row: list[str], widths: list[int], edge: str) -> str:
        parts = (
            f" {text}{' ' * (c - 1 - w)}" for text, w, c in zip(row, widths, columns, strict=True)
        )
        return edge + edge.join(parts) + edge

    lines.append(rule("┏", "━", "┳", "┓"))
    lines.append(row_line(cells[0], measured[0], "┃"))
    lines.append(rule("┡", "━", "╇", "┩"))
    lines.extend(
        row_line(row, widths, "│") for row, widths in zip(cells[1:], measured[1:], strict=True)
    )
    lines.append(rule("└", "─", "┴", "┘"))
    return "".join(f"{line}\n" for line in lines)

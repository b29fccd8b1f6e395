"""Tables drawn as rich draws them for a file or a pipe, without importing rich's console.

When standard output is not a terminal, the console a check's report is printed with
(:func:`sheyin.cli.output.console` with ``wide``) has no colour and a width no table
reaches (:data:`WIDTH`), so a table comes out as plain box-drawn text with each row on
one line. Importing rich's console and laying a table
out costs about twice what starting Python costs, more than the rest of a one-outlet
``sheyin check`` prints, and rich lays out about a thousand rows a second: a report of
a whole province would take minutes. This module draws the same characters for the
common case: every piece of text is one line of printable characters, one or two cells
wide each, with nothing rich would read as markup or an emoji code. Anything else is
None, and rich draws it (tests compare both on generated tables and on the commands'
real output).
"""

from __future__ import annotations

import builtins
import os
import re
from collections.abc import Mapping, Sequence
from typing import TextIO

WIDTH = 10_000
"""The width a check's report is printed at when not on a terminal
(:func:`sheyin.cli.output.console` with ``wide``): a file or a pipe gets whole rows, one
line each, however long a finding's clause or message."""

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
    if text.isascii():  # printable ASCII: one cell a character, as rich counts it too
        return len(text)
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
    if not headers:
        return None
    # Drawn column by column: a large report repeats its severities, clauses, rules and
    # messages on many rows, so each distinct text of a column is measured and padded
    # once, and the rows are joined from the padded texts without a loop per cell.
    try:
        columns = list(zip(headers, *rows, strict=True))
    except ValueError:  # a row with more or fewer cells than headers
        return None
    padded: list[dict[str, str]] = []
    widths: list[int] = []
    for column in columns:
        measured: dict[str, int] = {}
        for text in set(column):
            width = 0 if text == "" else _width(text)
            if width is None:
                return None
            measured[text] = width
        width = max(measured.values()) + 2  # a space either side
        padded.append({t: f" {t}{' ' * (width - 1 - w)}" for t, w in measured.items()})
        widths.append(width)
    total = sum(widths) + len(widths) + 1
    if total > WIDTH:
        return None
    lines = []
    if title:
        title_width = _width(title)
        if title_width is None or title_width > total:
            return None
        lines.append(title + " " * (total - title_width) + "\n")

    def rule(left: str, line: str, middle: str, right: str) -> str:
        return left + middle.join(line * w for w in widths) + right + "\n"

    cells = [
        list(map(pads.__getitem__, column)) for pads, column in zip(padded, columns, strict=True)
    ]
    head, *body = zip(*cells, strict=True)
    lines.append(rule("┏", "━", "┳", "┓"))
    lines.append("┃" + "┃".join(head) + "┃\n")
    lines.append(rule("┡", "━", "╇", "┩"))
    lines.extend(map("│{}│\n".format, map("│".join, body)))
    lines.append(rule("└", "─", "┴", "┘"))
    return "".join(lines)

"""A filled form laid out for print: blocks of printed values, driven by the form's declaration.

Every writer (HTML, Word) reads the same :class:`Page`, so the paper and the Word file hold
the same text in the same order. Values print as the paper expects them: dates in Chinese
(2025年3月1日), choices as the paper's options with the chosen ones ticked (☑/●), empty
fields as blanks to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from attrs import frozen

from sheyin.profile.model import Form, FormBlock, FormColumn, FormField

MARKS: Mapping[str, tuple[str, str]] = {"box": ("☑", "□"), "circle": ("●", "○")}
# A date left for hand filling prints as the paper's blank: "    年  月  日".
BLANK_DATE = "\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"


def chinese_date(value: date) -> str:
    """``2025-03-01`` as the paper writes it: 2025年3月1日."""
    return f"{value.year}年{value.month}月{value.day}日"


def chinese_month(value: date) -> str:
    """``2025-03-01`` as a plaque writes its year and month: 2025年3月."""
    return f"{value.year}年{value.month}月"


@frozen
class Option:
    """One printed option of a choice: its text and whether it is ticked."""

    text: str
    chosen: bool
    mark: str

    @property
    def symbol(self) -> str:
        """☑ or □ (● or ○ for circles)."""
        ticked, empty = MARKS[self.mark]
        return ticked if self.chosen else empty

    def __str__(self) -> str:
        return f"{self.symbol}{self.text}"


@frozen
class Printed:
    """A field's value as printed: text, or the options of a choice."""

    text: str = ""
    options: tuple[Option, ...] = ()
    blank: str = ""  # what an empty value prints as (a date's 年 月 日)
    figure: bool = False  # a number or a date: centred in its cell

    @property
    def empty(self) -> bool:
        """Nothing recorded: the paper leaves a blank to fill by hand."""
        return not self.text and not self.options

    def plain(self, separator: str = " ") -> str:
        """One line of text (options joined by ``separator``)."""
        if self.options:
            return separator.join(map(str, self.options))
        return self.text or self.blank


@frozen
class Entry:
    """A label and its value, as a line, a grid or a cell prints them (label "" for none)."""

    label: str
    value: Printed


Cell = tuple[Entry, ...]


@frozen
class Line:
    """Label-value pairs on one line (the seal line, the 填报人 line)."""

    entries: tuple[Entry, ...]
    kind: Literal["line"] = "line"


@frozen
class Grid:
    """A bordered block of label-value pairs, with an optional heading cell on the left."""

    title: str | None
    lines: tuple[tuple[Entry, ...], ...]
    columns: int
    kind: Literal["grid"] = "grid"


@frozen
class Table:
    """A bordered table: spanning group headings, column headings, rows, a totals row."""

    groups: tuple[tuple[str, int], ...]
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    number: bool = False  # the first column is 序号, spanning both heading rows
    kind: Literal["table"] = "table"


@frozen
class Text:
    """A paragraph; parts are literal text or printed field values."""

    parts: tuple[str | Printed, ...]
    align: str
    bold: bool
    kind: Literal["text"] = "text"

    def plain(self) -> str:
        """The paragraph as one string."""
        return "".join(p if isinstance(p, str) else p.plain() for p in self.parts)


@frozen
class Signatures:
    """Signature columns side by side (甲方 / 乙方)."""

    parties: tuple[tuple[Entry, ...], ...]
    kind: Literal["signatures"] = "signatures"


@frozen
class Box:
    """One bordered cell holding several lines (合作方意见, 签名, 单位盖章, 日期)."""

    title: str | None
    entries: tuple[Entry, ...]
    kind: Literal["box"] = "box"


@frozen
class Spec:
    """The fixed specification of a sign or plaque, as a two-column table."""

    rows: tuple[tuple[str, str], ...]
    kind: Literal["spec"] = "spec"


@frozen
class Drawing:
    """The form's SVG drawing, shown scaled on the page."""

    svg: str
    kind: Literal["drawing"] = "drawing"


Block = Line | Grid | Table | Text | Signatures | Box | Spec | Drawing


@frozen
class Page:
    """A form ready to print."""

    form: Form
    title: str
    caption: str | None
    orientation: str
    blocks: tuple[Block, ...]
    subject: str | None


def printed(field: FormField, value: Any) -> Printed:
    """How ``value`` (from the form's JSON data) prints in ``field``."""
    if field.type in ("choice", "multi_choice"):
        chosen = set(value) if isinstance(value, list) else {value}
        options = tuple(Option(c, c in chosen, field.mark) for c in field.choices)
        extra = (
            [] if value is None or isinstance(value, list) or value in field.choices else [value]
        )
        return Printed(options=(*options, *(Option(str(v), True, field.mark) for v in extra)))
    if field.type == "date":
        if value is None:
            return Printed(blank=BLANK_DATE, figure=True)
        return Printed(chinese_date(date.fromisoformat(str(value))), figure=True)
    if field.type == "boolean":
        if value is None:
            return Printed()
        return Printed(
            options=(
                Option("是", value is True, field.mark),
                Option("否", value is False, field.mark),
            )
        )
    return Printed("" if value is None else str(value), figure=field.type == "integer")


def label_of(field: FormField) -> str:
    """The label the paper prints before the value."""
    return field.label if field.printed is None else field.printed


def lay_out(form: Form, data: Mapping[str, Any], drawing: str | None = None) -> Page:
    """Lay ``data`` (the form's filled JSON data) out by the form's declared blocks.

    ``drawing`` is the form's SVG, placed where a ``drawing`` block stands.
    """
    blocks = form.blocks or default_blocks(form, drawing is not None)
    builder = _Builder(form, data, drawing)
    return Page(
        form=form,
        title=str(data.get("title") or form.title),
        caption=form.caption,
        orientation=form.orientation,
        blocks=tuple(b for block in blocks if (b := builder.block(block)) is not None),
        subject=data.get("subject"),
    )


def default_blocks(form: Form, has_drawing: bool = False) -> tuple[FormBlock, ...]:
    """The layout of a form that declares none: its drawing, header fields, rows, spec."""
    blocks: list[FormBlock] = []
    if has_drawing:
        blocks.append(FormBlock(kind="drawing"))
    if form.fields:
        blocks.append(FormBlock(kind="grid", fields=tuple(f.id for f in form.fields)))
    if form.rows is not None:
        blocks.append(FormBlock(kind="table"))
    if form.spec:
        blocks.append(FormBlock(kind="spec"))
    return tuple(blocks)


class _Builder:
    def __init__(self, form: Form, data: Mapping[str, Any], drawing: str | None) -> None:
        self.form = form
        self.data = data
        self.drawing = drawing

    def field(self, field_id: str) -> FormField:
        found = self.form.find_field(field_id)
        if found is None:  # the profile loader refuses such a layout
            raise KeyError(field_id)
        return found

    def entry(self, field_id: str, values: Mapping[str, Any], *, labelled: bool = True) -> Entry:
        f = self.field(field_id)
        return Entry(label_of(f) if labelled else "", printed(f, values.get(field_id)))

    def header(self, field_id: str, *, labelled: bool = True) -> Entry:
        return self.entry(field_id, self.data.get("fields", {}), labelled=labelled)

    def cell(self, column: FormColumn, values: Mapping[str, Any]) -> Cell:
        # The column heading names the first field; the others print their own labels.
        return tuple(
            self.entry(f, values, labelled=index > 0) for index, f in enumerate(column.fields)
        )

    def heading(self, column: FormColumn) -> str:
        return column.label if column.label is not None else label_of(self.field(column.fields[0]))

    def block(self, block: FormBlock) -> Block | None:
        kind = block.kind
        if kind == "line":
            return Line(tuple(self.header(f) for f in block.fields))
        if kind == "grid":
            entries = [self.header(f) for f in block.fields]
            per = block.grid_columns
            lines = tuple(tuple(entries[i : i + per]) for i in range(0, len(entries), per))
            return Grid(block.title, lines, per)
        if kind == "record":
            columns = block.columns or tuple(FormColumn((f,)) for f in block.fields)
            values = self.data.get("fields", {})
            return Table(
                groups=tuple((g.label, g.span) for g in block.groups),
                headings=tuple(self.heading(c) for c in columns),
                rows=(tuple(self.cell(c, values) for c in columns),),
                number=block.number,
            )
        if kind == "table":
            return self.table(block)
        if kind == "text":
            parts = tuple(
                self.header(piece, labelled=False).value if is_field else piece
                for piece, is_field in block.text_parts()
            )
            return Text(parts, block.align, block.bold)
        if kind == "signatures":
            return Signatures(
                tuple(tuple(self.header(f) for f in party) for party in block.parties)
            )
        if kind == "box":
            return Box(block.title, tuple(self.header(f) for f in block.fields))
        if kind == "spec":
            spec = self.data.get("spec", {})
            return Spec(
                tuple(
                    (e["label"], f"{e['value']}{' ' + e['unit'] if e.get('unit') else ''}")
                    for e in spec.values()
                )
            )
        if kind == "drawing":
            return Drawing(self.drawing) if self.drawing is not None else None
        raise ValueError(kind)  # the schema of forms.toml allows no other kind

    def table(self, block: FormBlock) -> Table:
        rows_decl = self.form.rows
        fields: Sequence[FormField] = rows_decl.fields if rows_decl else ()
        columns = block.columns or tuple(FormColumn((f.id,)) for f in fields)
        rows = [tuple(self.cell(c, row) for c in columns) for row in self.data.get("rows", [])]
        empty = {f.id: None for f in fields}
        while len(rows) < block.blank_rows:
            rows.append(tuple(self.cell(c, empty) for c in columns))
        totals = self.data.get("totals")
        return Table(
            groups=tuple((g.label, g.span) for g in block.groups),
            headings=tuple(self.heading(c) for c in columns),
            rows=tuple(rows),
            totals=tuple(self.cell(c, totals) for c in columns) if totals else None,
        )

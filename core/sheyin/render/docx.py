"""Word (.docx): the same laid-out page as real Word tables, for offices that edit before printing."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sheyin.render.layout import (
    Box,
    Cell,
    Entry,
    Grid,
    Line,
    Page,
    Printed,
    Signatures,
    Spec,
    Table,
    Text,
)

# Word picks the face of Chinese characters from w:eastAsia, not from the font name.
EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(10.5)  # 五号
TITLE_SIZE = Pt(16)  # 三号
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def write_docx(page: Page) -> bytes:
    """The page as a Word document: A4, tables with repeated headings, page numbers."""
    document = Document()
    _page_setup(document, page.orientation)
    _fonts(document)
    if page.caption:
        _run(document.add_paragraph(), page.caption, size=Pt(12))
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, page.title, bold=True, size=TITLE_SIZE)
    for block in page.blocks:
        if isinstance(block, Line):
            _line(document, block)
        elif isinstance(block, Grid):
            _grid(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Text):
            _text(document, block)
        elif isinstance(block, Signatures):
            _signatures(document, block)
        elif isinstance(block, Box):
            _box(document, block)
        elif isinstance(block, Spec):
            _spec(document, block)
        # A drawing block has no Word form: drawings are rendered as SVG.
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document: Any, orientation: str) -> None:
    section = document.sections[0]
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin = section.right_margin = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "第 ", size=Pt(9))
    _field(footer, "PAGE")
    _run(footer, " 页 共 ", size=Pt(9))
    _field(footer, "NUMPAGES")
    _run(footer, " 页", size=Pt(9))


def _fonts(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _run(
    paragraph: Any, text: str, *, bold: bool = False, size: Any = None, underline: bool = False
) -> Any:
    run = paragraph.add_run(text)
    # The Latin face comes from the Normal style; Word takes the Chinese face from w:eastAsia.
    # rFonts is the first child of w:rPr: inserted directly, it costs a fifth of python-docx's
    # property setters, which matters for a table of a few hundred cells.
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    run._element.get_or_add_rPr().insert(0, fonts)
    run.bold = bold or None
    run.underline = underline or None
    if size is not None:
        run.font.size = size
    return run


def _field(paragraph: Any, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    paragraph._p.append(simple)
    run = _run(paragraph, "1", size=Pt(9))
    simple.append(run._element)


def _value(paragraph: Any, value: Printed, *, stacked: bool = False) -> None:
    if value.options:
        for index, option in enumerate(value.options):
            if index:
                _run(paragraph, "\n" if stacked else "  ")
            _run(paragraph, str(option))
    elif value.text:
        _run(paragraph, value.text)
    else:
        _run(paragraph, value.blank or "\u3000" * 8, underline=not stacked and not value.blank)


def _entry(paragraph: Any, entry: Entry, *, stacked: bool = False) -> None:
    if entry.label:
        _run(paragraph, f"{entry.label}：")
    _value(paragraph, entry.value, stacked=stacked)


def _cell(cell: Any, content: Cell | str, *, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if isinstance(content, str):
        _run(paragraph, content)
        return
    for index, entry in enumerate(content):
        if index:
            paragraph = cell.add_paragraph()
        _entry(paragraph, entry, stacked=True)


def _repeat_heading(row: Any) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _new_table(document: Any, rows: int, columns: int) -> Any:
    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return table


def _line(document: Any, block: Line) -> None:
    paragraph = document.add_paragraph()
    for index, entry in enumerate(block.entries):
        if index:
            _run(paragraph, "\u3000\u3000")
        _entry(paragraph, entry)


def _grid(document: Any, block: Grid) -> None:
    lead = 1 if block.title else 0
    table = _new_table(document, len(block.lines), lead + 2 * block.columns)
    for r, line in enumerate(block.lines):
        cells = table.rows[r].cells
        for i, entry in enumerate(line):
            _cell(cells[lead + 2 * i], entry.label, center=True)
            _cell(cells[lead + 2 * i + 1], (Entry("", entry.value),))
        if len(line) < block.columns:
            cells[lead + 2 * len(line) - 1].merge(cells[-1])
    if block.title:
        first = table.cell(0, 0)
        if len(block.lines) > 1:
            first = first.merge(table.cell(len(block.lines) - 1, 0))
        _cell(first, block.title, center=True)


def _table(document: Any, block: Table) -> None:
    lead = 1 if block.number else 0
    heading_rows = 2 if block.groups else 1
    width = lead + len(block.headings)
    body = [*block.rows, *([block.totals] if block.totals else [])]
    table = _new_table(document, heading_rows + len(body), width)
    for r in range(heading_rows):
        _repeat_heading(table.rows[r])
    if block.groups:
        column = lead
        for label, span in block.groups:
            merged = table.cell(0, column)
            if span > 1:
                merged = merged.merge(table.cell(0, column + span - 1))
            _cell(merged, label, center=True)
            column += span
    for i, heading in enumerate(block.headings):
        _cell(table.cell(heading_rows - 1, lead + i), heading, center=True)
    if block.number:
        number = table.cell(0, 0)
        if heading_rows > 1:
            number = number.merge(table.cell(1, 0))
        _cell(number, "序号", center=True)
    for r, row in enumerate(body):
        cells = table.rows[heading_rows + r].cells
        if block.number and r < len(block.rows):
            _cell(cells[0], str(r + 1), center=True)
        for i, content in enumerate(row):
            _cell(cells[lead + i], content)


def _text(document: Any, block: Text) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = ALIGN[block.align]
    if block.align == "justify" and not block.bold:
        paragraph.paragraph_format.first_line_indent = Pt(21)
    for part in block.parts:
        if isinstance(part, str):
            _run(paragraph, part, bold=block.bold)
        else:
            _value(paragraph, part)


def _signatures(document: Any, block: Signatures) -> None:
    table = document.add_table(rows=1, cols=len(block.parties))
    for cell, party in zip(table.rows[0].cells, block.parties, strict=False):
        _cell(cell, party)


def _box(document: Any, block: Box) -> None:
    table = _new_table(document, 1, 1)
    cell = table.cell(0, 0)
    entries: Cell = (*((Entry("", Printed(block.title)),) if block.title else ()), *block.entries)
    _cell(cell, entries)


def _spec(document: Any, block: Spec) -> None:
    table = _new_table(document, len(block.rows), 2)
    for r, (label, text) in enumerate(block.rows):
        _cell(table.cell(r, 0), label)
        _cell(table.cell(r, 1), text)

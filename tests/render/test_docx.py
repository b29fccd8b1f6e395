"""Word: reopened with python-docx, the same declaration gives real tables and East Asian fonts."""

from __future__ import annotations

from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


def open_docx(rendered: Any, profile: str, form: str) -> Any:
    return docx.Document(str(rendered(profile, form, "docx")))


def test_the_staff_table_is_a_word_table_of_every_staff_member(rendered: Any, filled: Any) -> None:
    document = open_docx(rendered, "yulin", "B.2")
    _, _, data = filled("yulin", "B.2")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "合作网点",
        "人员姓名",
        "身份证号码",
        "联系电话",
    ]
    names = [row.cells[2].text for row in table.rows[1:]]
    assert [r["name"] for r in data["rows"]] == names[: len(data["rows"])]


def test_the_heading_row_repeats_on_each_page(rendered: Any) -> None:
    row = open_docx(rendered, "yulin", "B.2").tables[0].rows[0]
    assert row._tr.trPr.find(qn("w:tblHeader")) is not None


def test_runs_carry_the_east_asian_font(rendered: Any) -> None:
    document = open_docx(rendered, "yulin", "B.2")
    runs = [r for p in document.paragraphs for r in p.runs]
    assert runs
    assert all(r._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" for r in runs)


def test_the_page_is_a4(rendered: Any) -> None:
    section = open_docx(rendered, "yulin", "B.2").sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_a_landscape_form_turns_the_page(rendered: Any) -> None:
    section = open_docx(rendered, "yulin", "B.1").sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_the_footer_numbers_the_pages(rendered: Any) -> None:
    footer = open_docx(rendered, "yulin", "B.2").sections[0].footer._element
    instructions = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_annex4_has_its_computed_totals_row(rendered: Any, filled: Any) -> None:
    _, _, data = filled("guangdong", "附件4")
    last = open_docx(rendered, "guangdong", "附件4").tables[0].rows[-1]
    assert [c.text for c in last.cells[:3]] == [
        "合计",
        str(data["totals"]["volumes"]),
        str(data["totals"]["pages"]),
    ]


def test_the_agreement_text_is_in_the_word_file(rendered: Any) -> None:
    text = "\n".join(p.text for p in open_docx(rendered, "yulin", "A.1").paragraphs)
    assert "第七条 本协议自双方签字并加盖公章之日起生效。" in text
    assert "甲方：玉林市人力资源和社会保障局" in text

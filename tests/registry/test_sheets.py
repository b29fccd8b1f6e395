"""Spreadsheet import: the template, Chinese sheets and headers, errors naming the cell."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from sheyin import Sheyin
from sheyin.errors import InputError
from sheyin.registry import Registry
from sheyin.registry.sheets import SHEETS, Workbook, write_template

ACTOR = "张三"
ROWS: dict[str, list[list[Any]]] = {
    "部门": [["编号", "名称"], ["yl-hrss", "玉林市人力资源和社会保障局"]],
    "银行": [["编号", "名称"], ["glb", "桂林银行玉林分行"]],
    "合作关系": [["编号", "部门", "银行"], ["p1", "yl-hrss", "glb"]],
    "网点": [
        ["编号", "合作关系", "名称", "网点类型", "功能区"],
        ["o1", "p1", "城中支行", "bank_branch", "受理区、等候区"],
        ["o2", "p1", "城西支行", "bank_branch", "受理区"],
    ],
    "工作人员": [
        ["网点", "编号", "姓名", "身份证号码", "岗位", "上岗日期"],
        ["o1", "s1", "李晓燕", "450902198803120420", "管理岗", "2024-04-01"],
    ],
    "事件": [["网点", "日期", "事件类型", "结果"], ["o1", "2024-04-10", "filing", "conform"]],
}


def write_book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.close()
    return path


# OpenDocument's namespaces, for writing a spreadsheet the way LibreOffice Calc saves one.
ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"


def write_ods(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An OpenDocument spreadsheet (.ods); text that is an ISO date becomes a date cell."""

    def tag(prefix: str, name: str) -> str:
        return f"{{{ODF[prefix]}}}{name}"

    for prefix, uri in ODF.items():
        ElementTree.register_namespace(prefix, uri)
    content = ElementTree.Element(
        tag("office", "document-content"), {tag("office", "version"): "1.2"}
    )
    spreadsheet = ElementTree.SubElement(
        ElementTree.SubElement(content, tag("office", "body")), tag("office", "spreadsheet")
    )
    for name, rows in sheets.items():
        table = ElementTree.SubElement(
            spreadsheet, tag("table", "table"), {tag("table", "name"): name}
        )
        for row in rows:
            line = ElementTree.SubElement(table, tag("table", "table-row"))
            for value in row:
                try:
                    kind = {tag("office", "date-value"): date.fromisoformat(value).isoformat()}
                    kind[tag("office", "value-type")] = "date"
                except ValueError:
                    kind = {tag("office", "value-type"): "string"}
                cell = ElementTree.SubElement(line, tag("table", "table-cell"), kind)
                ElementTree.SubElement(cell, tag("text", "p")).text = value
    manifest = ElementTree.Element(tag("manifest", "manifest"), {tag("manifest", "version"): "1.2"})
    for full_path, media_type in (("/", ODS_TYPE), ("content.xml", "text/xml")):
        ElementTree.SubElement(
            manifest,
            tag("manifest", "file-entry"),
            {tag("manifest", "full-path"): full_path, tag("manifest", "media-type"): media_type},
        )
    with zipfile.ZipFile(path, "w") as archive:
        # The media type first and uncompressed, as ODF asks.
        archive.writestr("mimetype", ODS_TYPE, compress_type=zipfile.ZIP_STORED)
        for member, root in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            archive.writestr(
                member,
                ElementTree.tostring(root, encoding="utf-8", xml_declaration=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return path


# data.xls: the same ROWS as a legacy Excel workbook (made by tests/data/sheets/make_xls.py).
LEGACY_XLS = Path(__file__).parents[1] / "data" / "sheets" / "data.xls"


@pytest.fixture
def registry(tmp_path: Path, yulin_app: Sheyin) -> Iterator[Registry]:
    with Registry.open(f"sqlite:///{tmp_path / 'r.db'}", app=yulin_app, profile="yulin") as opened:
        yield opened


def test_the_template_has_one_sheet_per_record_type_with_chinese_headers(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == [s.zh for s in SHEETS]
    headers: Sequence[Any] = book.get_sheet_by_name("网点").to_python()[0]
    assert headers[:3] == ["编号", "合作关系", "名称"]


def test_a_filled_in_workbook_imports_every_record(tmp_path: Path, registry: Registry) -> None:
    path = write_book(tmp_path / "data.xlsx", ROWS)
    result = registry.import_(Workbook(path).document, ACTOR, str(path))
    state = registry.state()
    assert [o.id for o in state.outlets] == ["o1", "o2"]
    assert state.outlets[0].zones == ("acceptance", "waiting")
    assert state.outlets[0].staff[0].posts == ("manager",)
    assert state.outlets[0].events[0].result == "conform"
    assert registry.import_(Workbook(path).document, ACTOR, str(path)).entries == 0
    assert result.events == 1


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_an_ods_or_xls_workbook_reads_as_the_same_xlsx_does(tmp_path: Path, suffix: str) -> None:
    # Their dates are date cells, not text: each must still read as the ISO date.
    path = write_ods(tmp_path / "data.ods", ROWS) if suffix == ".ods" else LEGACY_XLS
    xlsx = Workbook(write_book(tmp_path / "data.xlsx", ROWS))
    assert Workbook(path).document == xlsx.document
    assert xlsx.document["outlets"][0]["staff"][0]["joined_on"] == "2024-04-01"


def test_an_ods_workbook_imports_every_record(tmp_path: Path, registry: Registry) -> None:
    path = write_ods(tmp_path / "data.ods", ROWS)
    registry.import_(Workbook(path).document, ACTOR, str(path))
    state = registry.state()
    assert [o.id for o in state.outlets] == ["o1", "o2"]
    assert state.outlets[0].staff[0].joined_on == date(2024, 4, 1)


def test_a_bad_cell_is_named_by_file_sheet_row_and_column(
    tmp_path: Path, registry: Registry
) -> None:
    rows = {**ROWS, "网点": [*ROWS["网点"][:2], ["o2", "p1", "城西支行", "bank_branch", "柜台区"]]}
    path = write_book(tmp_path / "data.xlsx", rows)
    workbook = Workbook(path)
    with pytest.raises(InputError) as caught:
        registry.import_(workbook.document, ACTOR, str(path))
    [located] = workbook.problems(caught.value).problems
    assert located.file == f"{path}:网点!E3 (功能区)"
    assert "柜台区" in located.text.zh
    assert registry.entries() == []  # all or nothing


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    path = write_book(tmp_path / "data.xlsx", {"网点": [["编号", "颜色"], ["o1", "红"]]})
    with pytest.raises(InputError) as caught:
        Workbook(path)
    assert caught.value.problems[0].file == f"{path}:网点!B1"


def test_a_csv_named_after_a_sheet_adds_to_the_records_held(
    tmp_path: Path, registry: Registry
) -> None:
    registry.import_(Workbook(write_book(tmp_path / "data.xlsx", ROWS)).document, ACTOR)
    csv = tmp_path / "网点.csv"
    csv.write_text("编号,合作关系,名称\no3,p1,城东支行\n", encoding="utf-8")
    registry.import_(Workbook(csv).document, ACTOR, str(csv))
    assert [o.id for o in registry.state().outlets] == ["o1", "o2", "o3"]

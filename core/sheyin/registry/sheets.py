"""Spreadsheets in and out: records from .xlsx/.xls/.ods (python-calamine) or .csv, and
the import template (XlsxWriter). Sheets and headers may be Chinese or ids.

A workbook becomes a snapshot document; each record remembers the sheet, row and the
column of each field, so that an error names the cell (``网点!C5``) instead of a pointer.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from attrs import frozen

from sheyin.errors import InputError, Problem, problem

SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")


@frozen
class Column:
    """One column of a sheet: the field it fills, its Chinese header, whether it lists values."""

    field: str
    zh: str
    many: bool = False
    kind: str = "text"  # text | date | bool


@frozen
class Sheet:
    """One sheet of the template: which records it holds and its columns."""

    id: str
    zh: str
    columns: tuple[Column, ...]


_CONTACT = (
    Column("address", "地址"),
    Column("contact", "联系人"),
    Column("phone", "联系电话"),
)
SHEETS: tuple[Sheet, ...] = (
    Sheet("departments", "部门", (Column("id", "编号"), Column("name", "名称"), *_CONTACT)),
    Sheet(
        "banks",
        "银行",
        (
            Column("id", "编号"),
            Column("name", "名称"),
            Column("credit_code", "统一社会信用代码"),
            *_CONTACT,
        ),
    ),
    Sheet(
        "partnerships",
        "合作关系",
        (Column("id", "编号"), Column("department", "部门"), Column("bank", "银行")),
    ),
    Sheet(
        "outlets",
        "网点",
        (
            Column("id", "编号"),
            Column("partnership", "合作关系"),
            Column("name", "名称"),
            Column("kind", "网点类型"),
            Column("code", "网点编码"),
            *_CONTACT,
            Column("zones", "功能区", many=True),
            Column("equipment", "设备", many=True),
            Column("facilities", "设施", many=True),
            Column("items", "服务事项", many=True),
        ),
    ),
    Sheet(
        "staff",
        "工作人员",
        (
            Column("outlet", "网点"),
            Column("id", "编号"),
            Column("name", "姓名"),
            Column("id_number", "身份证号码"),
            Column("phone", "联系电话"),
            Column("posts", "岗位", many=True),
            Column("permissions", "权限", many=True),
            Column("employment", "用工形式"),
            Column("trained_on", "培训考核日期", kind="date"),
            Column("joined_on", "上岗日期", kind="date"),
            Column("left_on", "离岗日期", kind="date"),
            Column("last_login", "最近登录日期", kind="date"),
            Column("pledged_on", "保密承诺日期", kind="date"),
        ),
    ),
    Sheet(
        "events",
        "事件",
        (
            Column("outlet", "网点"),
            Column("partnership", "合作关系"),
            Column("on", "日期", kind="date"),
            Column("type", "事件类型"),
            Column("by", "办理方"),
            Column("result", "结果"),
            Column("effective_on", "生效日期", kind="date"),
            Column("staff", "工作人员"),
            Column("permissions", "权限", many=True),
            Column("note", "备注"),
        ),
    ),
)
_BY_NAME = {name: sheet for sheet in SHEETS for name in (sheet.id, sheet.zh)}
_SPLIT = re.compile(r"[,，、;；\n]")


@frozen
class Cell:
    """Where a value came from: file, sheet, 1-based row, column letter and header."""

    sheet: str
    row: int
    column: str
    header: str


class Workbook:
    """A spreadsheet read into a snapshot document, with the cell of every value."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: dict[str, Any] = {}
        self._cells: dict[str, dict[str, Cell]] = {}  # pointer of a record → field → cell
        self._rows: dict[str, Cell] = {}  # pointer of a record → its row (column "")
        for name, rows in _read(path):
            sheet = _BY_NAME.get(name.strip())
            if sheet is None:
                raise InputError(
                    (
                        problem(
                            f"{path}:{name}",
                            "",
                            "未知的工作表；应为：" + "、".join(s.zh for s in SHEETS),
                            "unknown sheet; expected one of: " + ", ".join(s.id for s in SHEETS),
                        ),
                    )
                )
            self._sheet(sheet, name, rows)

    def problems(self, error: InputError) -> InputError:
        """``error`` (about the document) with each pointer turned into the cell it came from."""
        return InputError(tuple(self._locate(p) for p in error.problems))

    def _locate(self, found: Problem) -> Problem:
        pointer = found.pointer
        for prefix in sorted(self._rows, key=len, reverse=True):
            if pointer == prefix or pointer.startswith(prefix + "/"):
                rest = pointer[len(prefix) :].strip("/").split("/")
                cell = self._cells[prefix].get(rest[0]) if rest and rest[0] else None
                where = cell or self._rows[prefix]
                column = f"{where.column}{where.row} ({where.header})" if cell else f"{where.row}"
                return Problem(f"{self.path}:{where.sheet}!{column}", "", found.text)
        return Problem(str(self.path), pointer, found.text)

    def _sheet(self, sheet: Sheet, name: str, rows: list[list[Any]]) -> None:
        if not rows:
            return
        columns: list[Column | None] = []
        by_header = {n: c for c in sheet.columns for n in (c.field, c.zh)}
        for index, header in enumerate(rows[0]):
            text = _text(header)
            if not text:
                columns.append(None)
                continue
            column = by_header.get(text)
            if column is None:
                raise InputError(
                    (
                        problem(
                            f"{self.path}:{name}!{_letter(index)}1",
                            "",
                            f"未知的列“{text}”；应为：" + "、".join(c.zh for c in sheet.columns),
                            f"unknown column '{text}'; expected one of: "
                            + ", ".join(c.field for c in sheet.columns),
                        ),
                    )
                )
            columns.append(column)
        for number, row in enumerate(rows[1:], start=2):
            values: dict[str, Any] = {}
            cells: dict[str, Cell] = {}
            for index, column in enumerate(columns):
                raw = row[index] if index < len(row) else None
                if column is None or raw is None or _text(raw) == "":
                    continue
                cells[column.field] = Cell(name, number, _letter(index), _text(rows[0][index]))
                values[column.field] = _value(column, raw)
            if values:
                self._add(sheet, values, Cell(name, number, "", ""), cells)

    def _add(self, sheet: Sheet, values: dict[str, Any], row: Cell, cells: dict[str, Cell]) -> None:
        if sheet.id in ("departments", "banks", "partnerships", "outlets"):
            records = self.document.setdefault(sheet.id, [])
            self._remember(f"/{sheet.id}/{len(records)}", row, cells)
            records.append(values)
            return
        owner_kind = "outlets" if values.get("outlet") or sheet.id == "staff" else "partnerships"
        owner_id = values.pop("outlet" if owner_kind == "outlets" else "partnership", None)
        values.pop("partnership", None) if owner_kind == "outlets" else None
        records = self.document.setdefault(owner_kind, [])
        index = next((i for i, r in enumerate(records) if r.get("id") == owner_id), None)
        if index is None:  # a partial import: the record is held by the registry already
            index = len(records)
            records.append({"id": owner_id})
            self._remember(f"/{owner_kind}/{index}", row, cells)
        key = "staff" if sheet.id == "staff" else "events"
        items = records[index].setdefault(key, [])
        self._remember(f"/{owner_kind}/{index}/{key}/{len(items)}", row, cells)
        items.append(values)

    def _remember(self, pointer: str, row: Cell, cells: dict[str, Cell]) -> None:
        self._rows.setdefault(pointer, row)
        self._cells.setdefault(pointer, {}).update(cells)


def _read(path: Path) -> list[tuple[str, list[list[Any]]]]:
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [(path.stem, [list(r) for r in csv.reader(handle)])]
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        return [
            (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except FileNotFoundError:
        raise InputError((problem(str(path), "", "文件不存在", "file not found"),)) from None
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise InputError(
            (
                problem(
                    str(path), "", f"无法读取电子表格：{exc}", f"cannot read the spreadsheet: {exc}"
                ),
            )
        ) from None
    except Exception as exc:  # calamine's own errors (a corrupt or mislabelled file)
        raise InputError(
            (
                problem(
                    str(path), "", f"无法读取电子表格：{exc}", f"cannot read the spreadsheet: {exc}"
                ),
            )
        ) from None


def _value(column: Column, raw: Any) -> Any:
    if column.many:
        return [part.strip() for part in _SPLIT.split(_text(raw)) if part.strip()]
    if column.kind == "date" or isinstance(raw, (date, datetime)):
        if isinstance(raw, datetime):
            return raw.date().isoformat()
        if isinstance(raw, date):
            return raw.isoformat()
    return _text(raw)


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip() if raw is not None else ""


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def write_template(path: Path, sheets: Sequence[Sheet] = SHEETS) -> None:
    """An empty workbook with one sheet per record type and Chinese headers."""
    import xlsxwriter  # type: ignore[import-untyped]  # ships no type information

    workbook = xlsxwriter.Workbook(str(path))
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.zh)
        for index, column in enumerate(sheet.columns):
            worksheet.write(0, index, column.zh, header)
            worksheet.write_comment(
                0, index, column.field + ("（多个值用“、”分隔）" if column.many else "")
            )
            worksheet.set_column(index, index, max(12, 2 * len(column.zh) + 4))
        worksheet.freeze_panes(1, 0)
    workbook.close()


def is_spreadsheet(path: Path) -> bool:
    """True for a file ``import`` reads as a spreadsheet."""
    return path.suffix.lower() in SPREADSHEET_SUFFIXES


def sheet_names() -> Mapping[str, str]:
    """Sheet ids and their Chinese names."""
    return {sheet.id: sheet.zh for sheet in SHEETS}

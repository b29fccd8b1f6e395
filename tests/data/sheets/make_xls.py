"""Write ``data.xls``, the legacy Excel (BIFF8) workbook tests/registry/test_sheets.py imports.

No maintained library writes .xls any more, so the file is kept in the repository; run
this (it needs ``pip install xlwt``) after changing ``ROWS`` in that test. Text cells hold
text; every cell whose text is an ISO date is written as a real Excel date, as offices'
sheets have them.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import xlwt  # type: ignore[import-not-found]

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))  # tests/
from registry.test_sheets import ROWS  # noqa: E402


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, rows in ROWS.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                try:
                    sheet.write(r, c, date.fromisoformat(value), dated)
                except ValueError:
                    sheet.write(r, c, value)
    book.save(str(HERE / "data.xls"))


if __name__ == "__main__":
    main()

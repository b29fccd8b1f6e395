"""Render time per page (run by `nox -s bench`): a 45-row Yulin B.2 staff table.

Figures are ratios to WeasyPrint typesetting a one-line HTML document in the same run
(the fixed cost of any PDF), so they compare across machines.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import tempfile
import time
from collections.abc import Callable
from typing import Any

from sheyin import Sheyin
from sheyin.forms import FormFiller, resolve_scope
from sheyin.render import render

ONE_LINE = "<html><body style=\"font-family: 'Noto Serif CJK SC', serif\">合作网点</body></html>"


def timed(action: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` wall-clock timings, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def staff_table(rows: int) -> tuple[Any, Any, dict[str, Any]]:
    """Yulin B.2 filled for one outlet with ``rows`` staff members."""
    app = Sheyin()
    profile = app.load_profile("yulin")
    staff = [
        {
            "id": f"s{i}",
            "name": f"员工{i:02d}号",
            "id_number": "11010519491231002X",
            "phone": f"139{i:08d}",
        }
        for i in range(1, rows + 1)
    ]
    snapshot = app.parse_snapshot(
        {
            "as_of": "2025-03-01",
            "departments": [{"id": "d", "name": "玉林市人力资源和社会保障局"}],
            "banks": [{"id": "b", "name": "桂林银行玉林分行"}],
            "partnerships": [{"id": "p", "department": "d", "bank": "b"}],
            "outlets": [{"id": "o", "partnership": "p", "name": "城中支行", "staff": staff}],
        },
        profile,
    )
    form = profile.form("B.2")
    assert form is not None
    scope = resolve_scope(snapshot, form, outlet="o")
    assert snapshot.as_of is not None
    return profile, form, FormFiller(profile, snapshot, scope, snapshot.as_of).fill(form)


def page_count(pdf: bytes) -> int:
    """Pages of a PDF, by pdfinfo."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as out:
        out.write(pdf)
        out.flush()
        info = subprocess.run(["pdfinfo", out.name], capture_output=True, text=True, check=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def line(label: str, value: float, unit: str, goal: str) -> None:
    """Print one figure with its goal."""
    print(f"  {label:<58} {value:7.2f}{unit}   (goal {goal})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=45)
    parser.add_argument("--repeat", type=int, default=3)
    args, _ = parser.parse_known_args()  # nox passes the same arguments to every bench script

    from sheyin.render.pdf import subsetting_notes, weasyprint

    module = weasyprint()

    for note in subsetting_notes():
        print("  warning:", note.render("en"))
    profile, form, data = staff_table(args.rows)
    pdf = render(profile, form, data, "pdf").content
    pages = page_count(pdf)
    baseline = timed(lambda: module.HTML(string=ONE_LINE).write_pdf(), args.repeat)
    print(f"\n[render] Yulin B.2, {args.rows} staff rows, {pages} pages")
    print(f"  baseline: WeasyPrint, a one-line HTML document: {baseline * 1000:.0f} ms")
    for fmt, goal in (("html", "≤ 0.05×"), ("pdf", "≤ 3×"), ("docx", "≤ 1×")):
        seconds = timed(lambda f=fmt: render(profile, form, data, f), args.repeat)  # type: ignore[misc]
        line(f"{fmt}: time per page ÷ one-line PDF", seconds / pages / baseline, "×", goal)


if __name__ == "__main__":
    main()

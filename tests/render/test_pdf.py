"""PDF, looked at with poppler: A4 pages, embedded CJK fonts, every name, and page 1 as a picture."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.forms import FormFiller, resolve_scope
from sheyin.render import formats_for, render
from sheyin.render.pdf import subsetting_notes
from support import builtin_forms, needs_pdf, run, tool

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)

GOLDEN = Path(__file__).parent / "golden"
A4 = "595.276 x 841.89 pts (A4)"
A4_LANDSCAPE = "841.89 x 595.276 pts (A4)"
ALL_FORMS = builtin_forms()


def info(path: Path) -> str:
    return run(tool("pdfinfo"), str(path))


def text(path: Path) -> str:
    return run(tool("pdftotext"), "-layout", str(path), "-")


@pytest.mark.parametrize(("profile", "form"), ALL_FORMS)
def test_every_form_is_an_a4_pdf(rendered: Any, filled: Any, profile: str, form: str) -> None:
    declared = filled(profile, form)[1]
    size = A4_LANDSCAPE if declared.orientation == "landscape" else A4
    assert f"Page size:       {size}" in info(rendered(profile, form, "pdf"))


@pytest.mark.parametrize(("profile", "form"), [("yulin", "B.2"), ("guangdong", "附件4")])
def test_a_cjk_font_is_embedded(rendered: Any, profile: str, form: str) -> None:
    fonts = run(tool("pdffonts"), str(rendered(profile, form, "pdf"))).splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk
    assert all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column


@pytest.mark.parametrize(
    ("profile", "form"), [("yulin", "B.2"), ("yulin", "F.1"), ("guangdong", "附件3")]
)
def test_the_pdf_shows_the_title_and_every_staff_name(
    rendered: Any, filled: Any, profile: str, form: str
) -> None:
    _, declared, data = filled(profile, form)
    shown = text(rendered(profile, form, "pdf"))
    assert declared.title in shown
    assert data["rows"]
    for row in data["rows"]:
        assert row["name"] in shown


def test_identity_numbers_are_masked_in_the_pdf(rendered: Any, filled: Any) -> None:
    _, _, data = filled("yulin", "B.2")
    shown = text(rendered("yulin", "B.2", "pdf"))
    assert all("********" in row["id_number"] and row["id_number"] in shown for row in data["rows"])


def test_annex4_prints_its_totals_row(rendered: Any, filled: Any) -> None:
    _, _, data = filled("guangdong", "附件4")
    shown = text(rendered("guangdong", "附件4", "pdf")).splitlines()
    line = next(row for row in shown if "合计" in row)
    assert line.split()[1:3] == [str(data["totals"]["volumes"]), str(data["totals"]["pages"])]


def test_dates_print_in_chinese(rendered: Any, filled: Any) -> None:
    _, _, data = filled("yulin", "B.2")
    year, month, day = (int(p) for p in data["fields"]["filed_on"].split("-"))
    assert f"{year}年{month}月{day}日" in text(rendered("yulin", "B.2", "pdf"))


@pytest.fixture(scope="module")
def long_staff_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """B.2 of an outlet with 45 staff: the table runs over several pages."""
    needs_pdf()
    app = Sheyin()
    profile = app.load_profile("yulin")
    staff = [
        {
            "id": f"s{i}",
            "name": f"员工{i:02d}号",
            "id_number": "11010519491231002X",
            "phone": f"139{i:08d}",
        }
        for i in range(1, 46)
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
    data = FormFiller(
        profile, snapshot, resolve_scope(snapshot, form, outlet="o"), snapshot.as_of
    ).fill(form)  # type: ignore[arg-type]
    path = tmp_path_factory.mktemp("long") / "b2.pdf"
    path.write_bytes(render(profile, form, data, "pdf").content)
    return path


def pages(path: Path) -> list[str]:
    return text(path).split("\f")[:-1]


def test_a_long_table_continues_with_its_heading_repeated(long_staff_pdf: Path) -> None:
    every = pages(long_staff_pdf)
    assert len(every) >= 2
    assert all("身份证号码" in page for page in every)
    assert all(f"员工{i:02d}号" in "".join(every) for i in range(1, 46))


def test_pages_are_numbered_n_of_m(long_staff_pdf: Path) -> None:
    every = pages(long_staff_pdf)
    for number, page in enumerate(every, start=1):
        assert re.search(rf"第\s*{number}\s*页\s*共\s*{len(every)}\s*页", page)


def test_harfbuzz_subsetting_is_available_here() -> None:
    needs_pdf()
    assert subsetting_notes() == ()


def test_a_missing_harfbuzz_subsetter_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    needs_pdf()
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    [note] = subsetting_notes()
    assert "libharfbuzz-subset0" in note.render("zh")


def test_drawings_and_paper_forms_offer_the_formats_that_fit(filled: Any) -> None:
    assert formats_for(filled("yulin", "C.1")[1]) == ("svg", "html", "pdf")
    assert formats_for(filled("yulin", "B.2")[1]) == ("html", "pdf", "docx")


# --- one picture per region: page 1 at low resolution against a committed golden image ----

GOLDEN_FORMS = {"yulin": "B.2", "guangdong": "附件4"}
TOLERANCE = 0.02  # mean absolute difference of grey levels, as a share of full scale


def picture(pdf: Path, out: Path) -> Any:
    from PIL import Image

    run(
        tool("pdftoppm"),
        "-r",
        "30",
        "-gray",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdf),
        str(out),
    )
    return Image.open(out.with_suffix(".png")).convert("L")


@pytest.mark.parametrize("profile", sorted(GOLDEN_FORMS))
def test_page_one_looks_like_the_golden_image(rendered: Any, tmp_path: Path, profile: str) -> None:
    pytest.importorskip("PIL", reason="Pillow (installed with sheyin[pdf]) compares the pictures")
    from PIL import ImageChops, ImageStat

    page = picture(rendered(profile, GOLDEN_FORMS[profile], "pdf"), tmp_path / "page")
    golden = GOLDEN / f"{profile}-{GOLDEN_FORMS[profile]}.png"
    if os.environ.get("SHEYIN_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        page.save(golden, optimize=True)
    from PIL import Image

    expected = Image.open(golden).convert("L")
    assert page.size == expected.size
    difference = ImageStat.Stat(ImageChops.difference(page, expected)).mean[0] / 255
    assert difference < TOLERANCE, f"page 1 differs from {golden.name} by {difference:.1%}"

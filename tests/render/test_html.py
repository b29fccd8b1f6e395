"""HTML: print layout in CSS, values escaped, a profile's own template found in its data folder."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheyin import ProfileError, Sheyin
from sheyin.forms import FormFiller, resolve_scope
from sheyin.render import formats_for, render
from support import TOY, FakeEntryPoint, ProfilesPlugin, builtin_forms

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


def html_of(rendered: Any, profile: str, form: str) -> str:
    return rendered(profile, form, "html").read_text("utf-8")  # type: ignore[no-any-return]


def test_html_pages_are_a4_with_margins_and_numbered(rendered: Any) -> None:
    html = html_of(rendered, "yulin", "B.2")
    assert "size: A4 portrait" in html
    assert "margin: 25mm 20mm 22mm 20mm" in html
    assert 'content: "第 " counter(page) " 页 共 " counter(pages) " 页"' in html


def test_html_uses_the_cjk_serif_font_stack(rendered: Any) -> None:
    assert 'font-family: "Noto Serif CJK SC", SimSun, "宋体", serif' in html_of(
        rendered, "yulin", "B.2"
    )


def test_table_headings_are_a_thead_that_repeats_on_each_page(rendered: Any) -> None:
    html = html_of(rendered, "yulin", "B.2")
    assert "thead { display: table-header-group; }" in html
    assert "<thead>" in html
    assert ">身份证号码</th>" in html


def test_landscape_forms_use_the_landscape_page(rendered: Any) -> None:
    assert '<body class="landscape">' in html_of(rendered, "yulin", "B.1")


def test_a_text_form_prints_the_appendix_text_with_parties_filled(rendered: Any) -> None:
    html = html_of(rendered, "yulin", "D.1")
    assert "甲方玉林市人力资源和社会保障局与乙方桂林银行玉林分行于2024年3月15日签署的" in html
    assert "一致同意该协议于" in html


def toy_html(toy_app: Sheyin, snapshot: dict[str, Any], form_id: str) -> str:
    profile = toy_app.load_profile("toy", date(2025, 6, 1))
    form = profile.form(form_id)
    assert form is not None
    parsed = toy_app.parse_snapshot(snapshot, profile)
    data = FormFiller(
        profile, parsed, resolve_scope(parsed, form, outlet="o1"), date(2025, 6, 1)
    ).fill(form)
    return render(profile, form, data, "html").content.decode("utf-8")


def test_values_are_escaped(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["outlets"][0]["staff"][0]["name"] = "<b>张三</b>&"
    html = toy_html(toy_app, snapshot, "T.1")
    assert "&lt;b&gt;张三&lt;/b&gt;&amp;" in html
    assert "<b>张三" not in html


def test_a_profile_template_from_its_data_folder_lays_out_its_form(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    html = toy_html(toy_app, snapshot, "T.1")
    assert '<div class="toy-header">测试专用表头</div>' in html
    assert "<h1>人员表</h1>" in html  # the rest is core's generic template


def test_forms_without_a_template_use_the_generic_one(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    html = toy_html(toy_app, snapshot, "T.2")
    assert "toy-header" not in html
    assert '<tr class="totals">' in html


def broken_toy(tmp_path: Path, old: str, new: str) -> Sheyin:
    folder = tmp_path / "data"
    shutil.copytree(TOY / "data", folder)
    forms = folder / "forms.toml"
    text = forms.read_text("utf-8")
    assert old in text
    forms.write_text(text.replace(old, new, 1), "utf-8")
    plugin = ProfilesPlugin(("toy", "data"), root=tmp_path)
    return Sheyin(entry_points=lambda: [FakeEntryPoint("toy", plugin)])


def test_a_missing_profile_template_fails_at_load(tmp_path: Path) -> None:
    app = broken_toy(tmp_path, 'template = "T.1.html.j2"', 'template = "T.9.html.j2"')
    with pytest.raises(ProfileError) as caught:
        app.load_profile("toy")
    assert "T.9.html.j2" in caught.value.render("zh")


def test_a_layout_naming_an_unknown_field_fails_at_load(tmp_path: Path) -> None:
    app = broken_toy(
        tmp_path, 'template = "T.1.html.j2"', 'blocks = [{ kind = "line", fields = ["stamp"] }]'
    )
    with pytest.raises(ProfileError) as caught:
        app.load_profile("toy")
    assert "stamp" in caught.value.render("en")


def test_a_text_naming_an_unknown_field_fails_at_load(tmp_path: Path) -> None:
    app = broken_toy(
        tmp_path, 'template = "T.1.html.j2"', 'blocks = [{ kind = "text", text = "甲方{party}" }]'
    )
    with pytest.raises(ProfileError) as caught:
        app.load_profile("toy")
    assert "party" in caught.value.render("en")


@pytest.mark.parametrize(("profile", "form"), builtin_forms())
def test_every_form_renders_in_every_format_that_fits_but_pdf(
    rendered: Any, filled: Any, profile: str, form: str
) -> None:
    # PDF is looked at in test_pdf.py; here each other format is opened by its own reader.
    import xml.etree.ElementTree as ET

    import docx

    declared = filled(profile, form)[1]
    for fmt in formats_for(declared):
        if fmt == "pdf":
            continue
        path = rendered(profile, form, fmt)
        if fmt == "html":
            assert f"<h1>{declared.title}</h1>" in path.read_text("utf-8")
        elif fmt == "docx":
            assert declared.title in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        else:
            assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_a_profile_extending_another_inherits_its_templates(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    profile = toy_app.load_profile("toy.city", date(2025, 6, 1))
    form = profile.form("T.1")
    assert form is not None
    parsed = toy_app.parse_snapshot(snapshot, profile)
    scope = resolve_scope(parsed, form, outlet="o1")
    data = FormFiller(profile, parsed, scope, date(2025, 6, 1)).fill(form)
    assert "测试专用表头" in render(profile, form, data, "html").content.decode("utf-8")

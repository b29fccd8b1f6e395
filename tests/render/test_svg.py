"""SVG drawings at their stated sizes: the Yulin plaque (附录C) and the Guangdong signs (附件1)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(rendered: Any, profile: str, form: str) -> ET.Element:
    return ET.parse(rendered(profile, form, "svg")).getroot()


def test_the_plaque_is_60_by_40_cm(rendered: Any) -> None:
    root = parse(rendered, "yulin", "C.1")
    assert (root.get("width"), root.get("height")) == ("600.0mm", "400.0mm")
    assert root.get("viewBox") == "0 0 600.0 400.0"


def test_the_plaque_logo_is_4_cm_from_the_left_and_top(rendered: Any, filled: Any) -> None:
    logo = parse(rendered, "yulin", "C.1").find("svg:g[@id='logo']", NS)
    assert logo is not None
    assert logo.get("transform") == "translate(40 40)"
    _, _, data = filled("yulin", "C.1")
    assert "".join(logo.itertext()).strip() == data["fields"]["bank"]


def test_the_plaque_type_sizes_are_185_and_100_points(rendered: Any) -> None:
    root = parse(rendered, "yulin", "C.1")
    title = root.find("svg:text[@id='title']", NS)
    hung = root.find("svg:text[@id='date']", NS)
    assert title is not None
    assert hung is not None
    assert float(title.get("font-size", "0")) == pytest.approx(185 * 25.4 / 72, abs=0.01)
    assert float(hung.get("font-size", "0")) == pytest.approx(100 * 25.4 / 72, abs=0.01)
    assert "".join(title.itertext()).replace("\n", "").replace(" ", "") == "“人社+金融”服务点"


def test_the_plaque_prints_the_year_and_month_it_was_hung(rendered: Any, filled: Any) -> None:
    _, _, data = filled("yulin", "C.1")
    year, month, _ = data["fields"]["hung_on"].split("-")
    hung = parse(rendered, "yulin", "C.1").find("svg:text[@id='date']", NS)
    assert hung is not None
    assert hung.text == f"{int(year)}年{int(month)}月"


def test_the_window_sign_is_1000_by_250_mm(rendered: Any) -> None:
    root = parse(rendered, "guangdong", "附件1")
    assert root.get("width") == "1000mm"
    window = root.find("svg:g[@id='window']/svg:rect", NS)
    assert window is not None
    assert (window.get("width"), window.get("height")) == ("1000.0", "250.0")


def test_every_sign_of_annex1_is_drawn_with_its_text(rendered: Any) -> None:
    root = parse(rendered, "guangdong", "附件1")
    texts = {g.get("id"): "".join(g.itertext()) for g in root.findall("svg:g", NS)}
    assert "社会保险业务窗口" in texts["window"]
    assert "社会保险业务导办区" in texts["guidance"]
    assert "社会保险业务网办区" in texts["online"]
    assert "社会保险业务自助服务区" in texts["self_service"]
    assert "社会保险业务服务点" in texts["plaque"]

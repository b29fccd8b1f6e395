"""How values print on paper: Chinese dates, ticked choices, blanks, multi-choice, totals."""

from __future__ import annotations

import copy
from datetime import date
from importlib import resources
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin._toml import loads
from sheyin.forms import FormFiller, resolve_scope, totals_row
from sheyin.profile.model import FormField, FormTotals
from sheyin.render.layout import BLANK_DATE, chinese_date, printed

YULIN_DEMO = resources.files("sheyin_yulin") / "data" / "demo.toml"


def test_dates_print_in_chinese() -> None:
    assert chinese_date(date(2025, 3, 1)) == "2025年3月1日"


def test_an_empty_date_prints_the_papers_blank() -> None:
    assert printed(FormField(id="d", label="日期", type="date"), None).plain() == BLANK_DATE


def test_a_choice_prints_every_option_with_the_chosen_one_ticked() -> None:
    kind = FormField(
        id="k", label="网点类型", type="choice", choices=("银行营业网点", "农村普惠金融综合服务点")
    )
    assert (
        printed(kind, "农村普惠金融综合服务点").plain() == "□银行营业网点 ☑农村普惠金融综合服务点"
    )


def test_a_circle_choice_ticks_with_a_filled_circle() -> None:
    opinion = FormField(
        id="o", label="确认意见", type="choice", choices=("符合", "不符合"), mark="circle"
    )
    assert printed(opinion, "符合").plain() == "●符合 ○不符合"


def test_a_multi_choice_ticks_each_chosen_option() -> None:
    defects = FormField(id="d", label="其中", type="multi_choice", choices=("设施", "设备", "人员"))
    assert printed(defects, ["设施", "人员"]).plain() == "☑设施 □设备 ☑人员"


@pytest.fixture(scope="module")
def yulin_demo() -> dict[str, Any]:
    return loads(YULIN_DEMO.read_text("utf-8"))


def fill_b1(document: dict[str, Any]) -> dict[str, Any]:
    app = Sheyin()
    profile = app.load_profile("yulin")
    snapshot = app.parse_snapshot(document, profile)
    form = profile.form("B.1")
    assert form is not None
    scope = resolve_scope(snapshot, form, outlet="o-cz")
    return FormFiller(profile, snapshot, scope, date(2025, 9, 30)).fill(form)


def filing(document: dict[str, Any]) -> dict[str, Any]:
    outlet = next(o for o in document["outlets"] if o["id"] == "o-cz")
    return next(e for e in outlet["events"] if e["type"] == "filing")


def test_b1_ticks_the_defects_the_filing_event_records(yulin_demo: dict[str, Any]) -> None:
    document = copy.deepcopy(yulin_demo)
    filing(document).update(result="nonconform", defects=["staff", "equipment"])
    fields = fill_b1(document)["fields"]
    assert fields["opinion"] == "不符合适配改造要求"
    assert fields["defects"] == ["未按标准配备设备", "未按要求配备人员"]


def test_b1_ticks_no_defect_for_a_conforming_filing(yulin_demo: dict[str, Any]) -> None:
    fields = fill_b1(copy.deepcopy(yulin_demo))["fields"]
    assert (fields["opinion"], fields["defects"]) == ("符合适配改造要求", [])


def test_totals_sum_the_figures_of_each_summed_column() -> None:
    fields = (
        FormField(id="item", label="事项"),
        FormField(id="volumes", label="卷数", type="integer"),
    )
    rows = [{"item": "参保登记", "volumes": 3}, {"item": "待遇申领", "volumes": 2}]
    totals = totals_row(fields, FormTotals(label="合计", at="item", sum=("volumes",)), rows)
    assert totals == {"item": "合计", "volumes": 5}


def test_a_column_without_figures_totals_to_blank_not_zero() -> None:
    fields = (
        FormField(id="item", label="事项"),
        FormField(id="pages", label="页数", type="integer"),
    )
    totals = totals_row(
        fields, FormTotals(label="合计", at="item", sum=("pages",)), [{"item": "x", "pages": None}]
    )
    assert totals["pages"] is None


def test_annex4_totals_its_counts(filled: Any) -> None:
    _, _, data = filled("guangdong", "附件4")
    assert data["totals"] == {
        "item": "合计",
        "volumes": sum(r["volumes"] for r in data["rows"]),
        "pages": sum(r["pages"] for r in data["rows"]),
        "note": None,
    }
    assert data["totals"]["volumes"] == 5

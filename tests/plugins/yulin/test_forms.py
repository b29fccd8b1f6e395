"""The yulin profile declares the forms of appendices A–F (data only; rendering is core's)."""

from __future__ import annotations

from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from sheyin.app import Sheyin
from sheyin.forms import FormFiller, form_schema, resolve_scope
from sheyin.profile.model import Profile

DEMO = resources.files("sheyin_yulin") / "data" / "demo.toml"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return Sheyin().load_profile("yulin")


@pytest.mark.parametrize("form_id", ["A.1", "B.1", "B.2", "C.1", "D.1", "D.1-notice", "E.1", "F.1"])
def test_every_appendix_form_is_declared(profile: Profile, form_id: str) -> None:
    assert profile.form(form_id) is not None


def test_termination_agreement_and_notice_are_distinct(profile: Profile) -> None:
    assert profile.form("图D.1") is profile.form("D.1")
    assert profile.form("表D.1") is profile.form("D.1-notice")


def test_plaque_specification_follows_c1(profile: Profile) -> None:
    spec = {k: (v.value, v.unit) for k, v in profile.form("C.1").spec.items()}
    assert spec["text"] == ("“人社+金融”服务点", None)
    assert spec["size"] == ("60 × 40", "cm")
    assert spec["material"][0] == "哑光不锈钢"
    assert (spec["title_font_size"][0], spec["date_font_size"][0]) == (185, 100)
    assert spec["font"][0] == "方正小标宋简体"
    assert spec["color"][0] == "黑色"
    assert spec["logo_left"] == spec["logo_top"] == (4, "cm")


def test_staff_table_rows_come_from_the_outlets_staff(profile: Profile) -> None:
    rows = profile.form("B.2").rows
    assert rows is not None
    assert rows.over == "outlet.staff"
    assert [f.id for f in rows.fields] == ["no", "outlet", "name", "id_number", "phone"]


def test_staff_change_rows_record_add_or_remove_and_date(profile: Profile) -> None:
    rows = profile.form("F.1").rows
    assert rows is not None
    assert rows.over == "events.staff_change"
    fields = {f.id: f for f in rows.fields}
    assert fields["change"].choices == ("增", "减")
    assert fields["changed_on"].source == "event.changed_on"


@pytest.mark.parametrize(
    ("form_id", "scope"),
    [
        ("A.1", {"partnership": "p-glb"}),
        ("B.1", {"outlet": "o-xs"}),
        ("B.2", {"outlet": "o-cz"}),
        ("C.1", {"outlet": "o-cz"}),
        ("D.1", {"partnership": "p-glb"}),
        ("D.1-notice", {"outlet": "o-xs"}),
        ("E.1", {}),
        ("F.1", {"outlet": "o-cz"}),
    ],
)
def test_form_filled_from_the_demo_follows_its_schema(
    profile: Profile, form_id: str, scope: dict[str, str]
) -> None:
    app = Sheyin()
    snapshot = app.parse_snapshot(str(DEMO), profile)
    form = profile.form(form_id)
    assert form is not None
    data = FormFiller(
        profile, snapshot, resolve_scope(snapshot, form, **scope), snapshot.as_of
    ).fill(form)
    errors = [e.message for e in Draft202012Validator(form_schema(profile, form)).iter_errors(data)]
    assert errors == []


def test_staff_table_lists_the_outlets_active_staff(profile: Profile) -> None:
    snapshot = Sheyin().parse_snapshot(str(DEMO), profile)
    form = profile.form("B.2")
    assert form is not None
    data = FormFiller(
        profile, snapshot, resolve_scope(snapshot, form, outlet="o-cz"), snapshot.as_of
    ).fill(form)
    assert [row["name"] for row in data["rows"]] == ["李晓燕", "莫志刚", "陈佳怡"]

"""Core's ``record_has`` and ``event_recorded`` kinds, on a small profile written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.engine.findings import Finding
from sheyin.kinds.records import EventRecorded, _counts
from sheyin.plugin import ProfileSource, hookimpl
from sheyin.snapshot.model import Event
from support import FakeEntryPoint

PROFILE = """\
name = "records"
title = "记录"
title_en = "Records"
[[documents]]
id = "doc"
title = "t"
[fields.outlet.systems]
type = "array"
items = { type = "string" }
title = "内部管理制度"
[fields.outlet.complaint_phone]
type = "string"
title = "投诉电话号码"
[vocabulary.event_types.emergency_plan]
zh = "应急预案"
en = "Emergency plan"
[fields.events.emergency_plan]
"""

REQUIREMENTS = """\
[[requirements]]
id = "records.items"
clause = "1"
title = "t"
text = "t"
modal = "应"
check = { kind = "record_has", fields = ["items"] }

[[requirements]]
id = "records.contacts"
clause = "2"
title = "t"
text = "t"
modal = "应"
check = { kind = "record_has", fields = ["complaint_phone", "code"] }

[[requirements]]
id = "records.systems"
clause = "3"
title = "t"
text = "t"
modal = "应"
check = { kind = "record_has", includes = { systems = ["岗位责任制度", "安全保密制度"] } }

[[requirements]]
id = "records.agreement"
clause = "4"
title = "t"
text = "t"
modal = "应"
check = { kind = "event_recorded", event = "agreement", subject = "partnership" }

[[requirements]]
id = "records.plan"
clause = "5"
title = "t"
text = "t"
modal = "应"
check = { kind = "event_recorded", event = "emergency_plan", when = { by = "bank" } }

[[requirements]]
id = "records.reviews"
clause = "6"
title = "t"
text = "t"
modal = "应"
check = { kind = "event_recorded", event = "evaluation", unless = { by = ["department", "bank"] } }
"""

CATALOGUE = """\
[[catalogues]]
id = "c"
title = "目录"
items = [{ id = "i1", category = "c", name = "事项一" }]
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Sheyin:
    folder = tmp_path_factory.mktemp("records")
    (folder / "profile.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "requirements.toml").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "catalogue.toml").write_text(CATALOGUE, encoding="utf-8")

    class Plugin:
        @hookimpl
        def sheyin_profiles(self) -> list[ProfileSource]:
            return [ProfileSource(name="records", data=Path(folder))]

    return Sheyin(entry_points=lambda: [FakeEntryPoint("records", Plugin(), dist="records")])


def snapshot(
    outlet: dict[str, Any] | None = None, partnership_events: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "as_of": "2025-06-01",
        "departments": [{"id": "d"}],
        "banks": [{"id": "b"}],
        "partnerships": [
            {"id": "p", "department": "d", "bank": "b", "events": partnership_events or []}
        ],
        "outlets": [{"id": "o", "partnership": "p", **(outlet or {})}],
    }


def run(app: Sheyin, document: dict[str, Any], rule: str) -> list[Finding]:
    return list(app.check(document, profile="records").by_rule(rule))


def test_missing_contract_list_is_a_finding(app: Sheyin) -> None:
    [found] = run(app, snapshot(), "records.items")
    assert (found.subject, found.path) == ("outlets/o", "/outlets/0/items")


def test_empty_contract_list_is_a_finding(app: Sheyin) -> None:
    assert run(app, snapshot({"items": []}), "records.items")


def test_filled_contract_list_satisfies(app: Sheyin) -> None:
    assert not run(app, snapshot({"items": ["事项一"]}), "records.items")


def test_missing_keys_are_named_by_their_titles_in_one_finding(app: Sheyin) -> None:
    [found] = run(app, snapshot(), "records.contacts")
    assert "投诉电话号码" in found.message
    assert "网点编码" in found.message
    assert found.path == "/outlets/0"


def test_profile_added_key_present_satisfies(app: Sheyin) -> None:
    outlet = {"complaint_phone": "12345", "code": "o-1"}
    assert not run(app, snapshot(outlet), "records.contacts")


def test_empty_string_is_not_recorded(app: Sheyin) -> None:
    outlet = {"complaint_phone": "", "code": "o-1"}
    [found] = run(app, snapshot(outlet), "records.contacts")
    assert found.path == "/outlets/0/complaint_phone"


def test_list_lacking_a_named_value_names_it(app: Sheyin) -> None:
    [found] = run(app, snapshot({"systems": ["岗位责任制度", "考勤制度"]}), "records.systems")
    assert "安全保密制度" in found.message
    assert "岗位责任制度" not in found.message
    assert found.path == "/outlets/0/systems"


def test_list_with_every_named_value_and_more_satisfies(app: Sheyin) -> None:
    outlet = {"systems": ["考勤制度", "安全保密制度", "岗位责任制度"]}
    assert not run(app, snapshot(outlet), "records.systems")


def test_absent_list_lacks_every_value(app: Sheyin) -> None:
    [found] = run(app, snapshot(), "records.systems")
    assert "岗位责任制度、安全保密制度" in found.message


def test_partnership_without_the_event_is_a_finding(app: Sheyin) -> None:
    [found] = run(app, snapshot(), "records.agreement")
    assert (found.subject, found.path) == ("partnerships/p", "/partnerships/0/events")


def test_event_after_the_as_of_date_does_not_count(app: Sheyin) -> None:
    events = [{"on": "2025-07-01", "type": "agreement"}]
    assert run(app, snapshot(partnership_events=events), "records.agreement")


def test_event_on_the_as_of_date_counts(app: Sheyin) -> None:
    events = [{"on": "2025-06-01", "type": "agreement"}]
    assert not run(app, snapshot(partnership_events=events), "records.agreement")


def test_event_not_matching_when_does_not_count(app: Sheyin) -> None:
    outlet = {"events": [{"on": "2025-01-01", "type": "emergency_plan", "by": "department"}]}
    assert run(app, snapshot(outlet), "records.plan")


def test_event_matching_when_counts(app: Sheyin) -> None:
    outlet = {"events": [{"on": "2025-01-01", "type": "emergency_plan", "by": "bank"}]}
    assert not run(app, snapshot(outlet), "records.plan")


def test_event_with_an_excluded_value_does_not_count(app: Sheyin) -> None:
    outlet = {"events": [{"on": "2025-01-01", "type": "evaluation", "by": "department"}]}
    assert run(app, snapshot(outlet), "records.reviews")


def test_event_without_the_excluded_values_counts(app: Sheyin) -> None:
    outlet = {"events": [{"on": "2025-01-01", "type": "evaluation", "note": "好差评汇总"}]}
    assert not run(app, snapshot(outlet), "records.reviews")


def test_excluded_values_are_part_of_the_description(app: Sheyin) -> None:
    from sheyin.compare.facts import facts

    profile = app.load_profile("records")
    day = date(2025, 1, 1)
    keys = {f.key for f in facts(profile, app.services, day, app.kinds)}
    assert "outlet/evaluation/by∉department/bank" in keys


def test_event_recorded_any_of_accepts_the_contract_field_or_a_refinement() -> None:
    params = EventRecorded(event="evaluation", any_of=({"by": "bank"}, {"source": "bank_self"}))
    by_bank = Event(on=date(2025, 1, 1), type="evaluation", by="bank")
    by_field = Event(on=date(2025, 1, 1), type="evaluation", extra={"source": "bank_self"})
    by_department = Event(on=date(2025, 1, 1), type="evaluation", by="department")
    assert _counts(by_bank, params)
    assert _counts(by_field, params)
    assert not _counts(by_department, params)

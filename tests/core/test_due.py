"""``sheyin due``: deadlines from the check kinds, in agreement with ``check``.

The toy profile's ``snapshot`` fixture (as of 2025-06-01) has a drill on 2025-03-01
(every 12 months), one account holder last logged in on 2025-05-20 (3 idle months
allowed) and an outlet serving since its plaque on 2025-02-10.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sheyin import Agenda, Sheyin
from sheyin.cli import cli, due  # noqa: F401 - registers the command
from sheyin.engine.due import concerns
from sheyin.engine.ics import to_ics
from sheyin.schemas import SchemaStore, build_validator
from support import BASE, toy_entry_points


def agenda(app: Sheyin, snapshot: dict[str, Any], **options: Any) -> Agenda:
    return app.due(snapshot, profile="toy", **options)


def terminate(snapshot: dict[str, Any], on: str) -> None:
    """Record the partnership's termination (the outlet's plaque still hangs)."""
    snapshot["partnerships"][0]["events"].append({"on": on, "type": "termination"})


# --- what each time-based kind says -----------------------------------------------------------


def test_periodic_event_falls_due_one_period_after_the_last_one(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    [drill] = agenda(toy_app, snapshot).by_rule("toy.drill")
    assert (drill.due_on, drill.subject, drill.path, drill.overdue) == (
        date(2026, 3, 1),
        "outlets/o1",
        "/outlets/0/events",
        False,
    )
    assert "2025-03-01" in drill.action.zh


def test_periodic_event_never_recorded_counts_from_the_start_of_service(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    outlet["events"] = [e for e in outlet["events"] if e["type"] != "drill"]
    [drill] = agenda(toy_app, snapshot).by_rule("toy.drill")
    assert drill.due_on == date(2026, 2, 10)


def test_windowed_follow_up_falls_due_at_the_end_of_the_window(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    terminate(snapshot, "2025-05-20")
    [announce] = agenda(toy_app, snapshot).by_rule("toy.announce")
    assert (announce.due_on, announce.subject, announce.path) == (
        date(2025, 6, 19),
        "partnerships/p1",
        "/partnerships/0/events/1",
    )


def test_follow_up_without_window_falls_due_on_the_trigger_day_for_each_outlet(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    terminate(snapshot, "2025-05-20")
    [plaque] = agenda(toy_app, snapshot).by_rule("toy.plaques")
    assert (plaque.due_on, plaque.subject, plaque.overdue) == (
        date(2025, 5, 20),
        "outlets/o1",
        True,
    )


def test_follow_up_done_is_no_longer_due(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    snapshot["partnerships"][0]["events"].append({"on": "2025-05-25", "type": "announcement"})
    assert agenda(toy_app, snapshot).by_rule("toy.announce") == ()


def test_idle_account_falls_due_when_the_idle_months_end(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    [idle] = agenda(toy_app, snapshot).by_rule("toy.idle")
    assert (idle.due_on, idle.subject, idle.path) == (
        date(2025, 8, 20),
        "outlets/o1/staff/s1",
        "/outlets/0/staff/0/last_login",
    )


def test_departure_with_permissions_falls_due_on_the_day_of_leaving(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    outlet["staff"][0]["left_on"] = "2025-07-01"
    [revoke] = agenda(toy_app, snapshot).by_rule("toy.departed")
    assert (revoke.due_on, revoke.path) == (date(2025, 7, 1), "/outlets/0/staff/0/permissions")


def test_notice_period_never_falls_due(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["partnerships"][0]["events"].append(
        {"on": "2025-05-01", "type": "notice", "by": "bank", "effective_on": "2025-06-15"}
    )
    assert agenda(toy_app, snapshot).by_rule("toy.notice") == ()


# --- the list ---------------------------------------------------------------------------------


def test_overdue_entries_come_first_then_by_date(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    entries = agenda(toy_app, snapshot).deadlines
    assert [(d.overdue, d.due_on) for d in entries] == sorted(
        ((d.overdue, d.due_on) for d in entries), key=lambda pair: (not pair[0], pair[1])
    )
    assert entries[0].overdue
    assert not entries[-1].overdue


def test_within_keeps_overdue_entries_and_those_due_soon(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    terminate(snapshot, "2025-05-20")
    rules = {d.rule for d in agenda(toy_app, snapshot, within=30).deadlines}
    assert rules == {"toy.plaques", "toy.announce"}  # the drill and the idle account are later


def test_subject_keeps_a_record_and_those_under_it(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    terminate(snapshot, "2025-05-20")
    subjects = {d.subject for d in agenda(toy_app, snapshot, subject="outlets/o1").deadlines}
    assert subjects == {"outlets/o1", "outlets/o1/staff/s1"}


@pytest.mark.parametrize(
    ("subject", "wanted", "expected"),
    [
        ("outlets/o1/staff/s1", "outlets/o1", True),
        ("outlets/o1/staff/s1", "s1", True),
        ("outlets/o1", "o1", True),
        ("outlets/o10", "outlets/o1", False),
        ("outlets/o1", "staff", False),
    ],
)
def test_subject_matching(subject: str, wanted: str, expected: bool) -> None:
    assert concerns(subject, wanted) is expected


def test_agenda_json_follows_its_schema(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    document = agenda(toy_app, snapshot, within=400).to_dict()
    build_validator(SchemaStore().schema("due")).validate(document)
    assert document["summary"] == {"overdue": 1, "upcoming": 3}


def test_a_kind_that_fails_is_a_plugin_error_naming_it(
    toy_app: Sheyin, snapshot: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import attrs

    from sheyin.errors import PluginError

    def broken(*_: Any) -> Any:
        raise ValueError("boom")

    kinds = dict(toy_app.kinds)
    kinds["periodic_event"] = attrs.evolve(kinds["periodic_event"], due=broken)
    monkeypatch.setattr(Sheyin, "kinds", property(lambda self: kinds))
    with pytest.raises(PluginError, match="periodic_event"):
        agenda(toy_app, snapshot)


# --- iCalendar --------------------------------------------------------------------------------


def events_of(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_all_day_event_per_deadline(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    listed = agenda(toy_app, snapshot)
    events = events_of(to_ics(listed))
    assert len(events) == len(listed.deadlines)
    first = events[0]
    assert first.decoded("dtstart") == listed.deadlines[0].due_on
    assert str(first["summary"]).startswith("【已逾期】")


def test_ics_uid_stays_when_a_periodic_duty_moves(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    before = agenda(toy_app, snapshot).by_rule("toy.drill")[0]
    outlet["events"].append({**outlet["events"][2], "on": "2025-05-30"})
    after = agenda(toy_app, snapshot).by_rule("toy.drill")[0]
    assert after.due_on != before.due_on
    assert after.uid == before.uid


def test_ics_uid_differs_between_duties(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    uids = [d.uid for d in agenda(toy_app, snapshot).deadlines]
    assert len(set(uids)) == len(uids)


# --- agreement with check (the property every time-based kind must hold) ------------------------

DAYS = st.integers(min_value=0, max_value=500)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drill=DAYS, login=DAYS, termination=st.none() | DAYS, leaves=st.none() | DAYS, look=DAYS)
@example(drill=0, login=0, termination=None, leaves=93, look=0)  # leaves the day after it was due
@example(drill=347, login=0, termination=None, leaves=None, look=0)  # drills the day after
def test_every_unmet_deadline_is_a_finding_the_day_after_and_not_the_day_before(
    toy_app: Sheyin,
    drill: int,
    login: int,
    termination: int | None,
    leaves: int | None,
    look: int,
) -> None:
    start = date(2025, 3, 1)
    snapshot = copy.deepcopy(BASE)
    outlet = snapshot["outlets"][0]
    outlet["events"][2]["on"] = str(start + timedelta(drill))
    outlet["staff"][0]["last_login"] = str(start + timedelta(login))
    if leaves is not None:
        outlet["staff"][0]["left_on"] = str(start + timedelta(login + leaves))
    if termination is not None:
        terminate(snapshot, str(start + timedelta(termination)))
    as_of = start + timedelta(look)
    left_on = outlet["staff"][0].get("left_on")
    happened = {e["on"] for record in (*snapshot["partnerships"], outlet) for e in record["events"]}
    for deadline in agenda(toy_app, snapshot, as_of=as_of).deadlines:
        day = deadline.due_on
        # "Still unmet" means nothing happened to the record: a staff member who leaves
        # the day after falls under the departure rule, no longer under the idle one, and
        # a duty done the day after (a day late) is met by the time that day is checked.
        next_day = str(day + timedelta(1))
        changed_after = left_on == next_day or next_day in happened
        if not changed_after and any(  # still unmet on its day
            (d.rule, d.subject, d.key, d.due_on)
            == (deadline.rule, deadline.subject, deadline.key, day)
            for d in agenda(toy_app, snapshot, as_of=day).deadlines
        ):
            after = toy_app.check(snapshot, profile="toy", as_of=day + timedelta(1))
            assert deadline.subject in {f.subject for f in after.by_rule(deadline.rule)}
        before = toy_app.check(snapshot, profile="toy", as_of=day - timedelta(1))
        assert (deadline.subject, deadline.path) not in {
            (f.subject, f.path) for f in before.by_rule(deadline.rule)
        }


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def toy_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds its own application object: make it see the toy plugin only."""
    original = Sheyin.__init__

    def toy_init(self: Sheyin, **kwargs: Any) -> None:
        original(
            self,
            disabled_plugins=kwargs.get("disabled_plugins", ()),
            entry_points=toy_entry_points(),
        )

    monkeypatch.setattr(Sheyin, "__init__", toy_init)
    monkeypatch.delenv("SHEYIN_PROFILE", raising=False)
    monkeypatch.delenv("SHEYIN_LANG", raising=False)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def write(tmp_path: Path, snapshot: dict[str, Any]) -> Path:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.usefixtures("toy_cli")
def test_due_command_marks_overdue_entries(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    result = invoke("due", str(write(tmp_path, snapshot)))
    assert result.exit_code == 0, result.output
    assert "已逾期 12 天" in result.output
    assert "已逾期 1 项，即将到期 3 项" in result.output


@pytest.mark.usefixtures("toy_cli")
def test_due_command_in_english(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    terminate(snapshot, "2025-05-20")
    result = invoke("--lang", "en", "due", str(write(tmp_path, snapshot)))
    assert "1 overdue, 3 upcoming" in result.output


@pytest.mark.usefixtures("toy_cli")
def test_due_command_json_honours_as_of_and_within(
    tmp_path: Path, snapshot: dict[str, Any]
) -> None:
    result = invoke(
        "due", str(write(tmp_path, snapshot)), "--as-of", "2025-08-01", "--within", "30", "--json"
    )
    document = json.loads(result.output)
    assert (document["as_of"], document["within"]) == ("2025-08-01", 30)
    assert [d["rule"] for d in document["deadlines"]] == ["toy.idle"]


@pytest.mark.usefixtures("toy_cli")
def test_due_command_writes_a_calendar_file(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    out = tmp_path / "due.ics"
    result = invoke("due", str(write(tmp_path, snapshot)), "--format", "ics", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(events_of(out.read_bytes())) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sheyin")] == []


@pytest.mark.usefixtures("toy_cli")
def test_due_command_without_a_snapshot_or_a_workspace_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("due")
    assert result.exit_code == 2
    assert "--profile" in result.output


@pytest.mark.usefixtures("toy_cli")
def test_due_command_refuses_negative_within(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    result = invoke("due", str(write(tmp_path, snapshot)), "--within", "-1")
    assert result.exit_code == 2

"""What checks see of lifecycles: states and activity on the as-of date."""

from __future__ import annotations

from datetime import date
from typing import Any

from sheyin import Sheyin
from sheyin.engine.context import CheckContext


def context(app: Sheyin, snapshot: dict[str, Any], as_of: date = date(2025, 6, 1)) -> CheckContext:
    profile = app.load_profile("toy", as_of)
    return CheckContext(app.parse_snapshot(snapshot, profile), profile, as_of)


def test_state_and_activity_follow_the_events(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    ctx = context(toy_app, snapshot)
    [outlet] = ctx.snapshot.outlets
    assert ctx.state_of("outlet", "o1") == "serving"
    assert ctx.state_of("partnership", "p1") == "agreed"
    assert ctx.is_active("outlet", outlet)
    assert ctx.in_service(outlet)


def test_an_ended_outlet_is_neither_active_nor_in_service(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    outlet["events"].append({"on": "2025-05-01", "type": "termination"})
    ctx = context(toy_app, snapshot)
    [record] = ctx.snapshot.outlets
    assert ctx.state_of("outlet", "o1") == "closed"
    assert not ctx.is_active("outlet", record)
    assert not ctx.in_service(record)


def test_state_on_an_earlier_day(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    ctx = context(toy_app, snapshot, date(2025, 2, 5))
    assert ctx.state_of("outlet", "o1") == "accepted"
    assert not ctx.is_active("outlet", ctx.snapshot.outlets[0])


def test_unknown_record_has_no_state(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    assert context(toy_app, snapshot).state_of("outlet", "nope") is None


def test_a_record_missing_a_step_reaches_the_state_its_events_put_it_in(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    del outlet["events"][0]  # plaqued without the inspection
    ctx = context(toy_app, snapshot)
    [record] = ctx.snapshot.outlets
    assert ctx.state_of("outlet", "o1") == "serving"
    assert ctx.is_active("outlet", record)
    [refusal] = ctx.traces()[("outlet", "o1")].refusals
    assert (refusal.skipped, refusal.requirement, refusal.state) == (
        "inspection",
        "toy.inspect",
        "new",
    )


def test_state_ignores_events_after_the_as_of_date(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    outlet["events"].append({"on": "2025-07-01", "type": "termination"})
    ctx = context(toy_app, snapshot)
    assert ctx.state_of("outlet", "o1") == "serving"
    assert ctx.traces()[("outlet", "o1")].refusals == ()

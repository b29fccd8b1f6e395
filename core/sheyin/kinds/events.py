"""Dated duties: what events must record, how often they recur, what must follow them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from attrs import field, frozen

from sheyin.echo import word
from sheyin.engine.context import CheckContext
from sheyin.engine.due import Due
from sheyin.engine.findings import Value, Violation
from sheyin.engine.lifecycle import event_matches, event_value
from sheyin.i18n import Text, join
from sheyin.kinds.duration import Duration
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import kinds_field
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Requirement
from sheyin.snapshot.model import Event, Outlet, Partnership

Subject = Literal["partnership", "outlet"]


def _records(
    ctx: CheckContext, subject: Subject, kinds: tuple[str, ...] = ()
) -> Iterator[Outlet | Partnership]:
    return ctx.outlets(kinds) if subject == "outlet" else iter(ctx.snapshot.partnerships)


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


@frozen
class EventHas:
    """Every ``event`` of each ``subject`` (matching ``when``) records ``fields`` and has the given ``values``."""

    event: str = field(metadata={"domain": "event_types"})
    subject: Subject = "outlet"
    fields: tuple[str, ...] = ()
    values: dict[str, Any] = field(factory=dict)
    when: dict[str, Any] = field(factory=dict)
    outlet_kinds: tuple[str, ...] = kinds_field()


EVENT_FIELD_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "by": Text("办理方", "by"),
        "note": Text("备注", "note"),
        "result": Text("确认结论", "result"),
        "defects": Text("不符合的类别", "defect categories"),
        "effective_on": Text("生效日期", "effective date"),
        "passed": Text("是否通过", "passed"),
        "sealed": Text("是否封签", "sealed"),
        "witness": Text("监控或二人在场", "witness"),
        "received_on": Text("网点收取资料日期", "taken in at the outlet on"),
        "handed_over_on": Text("人社部门收到日期", "received by the department on"),
        "counts": Text("移交数量", "counts"),
        "content": Text("演练内容", "content"),
        "participants": Text("参加人员", "participants"),
        "evaluation": Text("评估情况", "evaluation"),
        "staff": Text("工作人员", "staff"),
        "change": Text("变动情况", "change"),
        "permissions": Text("权限", "permissions"),
        "items": Text("服务事项", "items"),
    }
)


def _field_names(ctx: CheckContext, event_type: str, names: list[str]) -> Text:
    """Names of event fields: core's labels, else the ``title`` a profile gave the field."""
    added = ctx.profile.event_fields.get(event_type, {})
    texts = [
        EVENT_FIELD_NAMES.get(name) or Text(str(added.get(name, {}).get("title", name)), name)
        for name in names
    ]
    return Text(join((t.zh for t in texts), "zh"), join((t.en for t in texts), "en"))


def event_has(ctx: CheckContext, _: Requirement, params: EventHas) -> Iterator[Violation]:
    event_name = ctx.label("event_types", params.event)
    for record in _records(ctx, params.subject, params.outlet_kinds):
        for position, event in ctx.events(record, params.event):
            if event.on > ctx.as_of or not event_matches(event, params.when):
                continue
            missing = [f for f in params.fields if _empty(event_value(event, f))]
            wrong = [k for k, v in params.values.items() if event_value(event, k) != v]
            if missing:
                yield Violation(
                    ctx.subject(record),
                    ctx.path(record, "events", position),
                    Text(
                        "{event}（{on}）记录缺少：{missing}",
                        "{event} on {on} does not record: {missing}",
                    ),
                    {
                        "event": event_name,
                        "on": str(event.on),
                        "missing": _field_names(ctx, params.event, missing),
                    },
                )
            if wrong:
                yield Violation(
                    ctx.subject(record),
                    ctx.path(record, "events", position),
                    Text(
                        "{event}（{on}）不符合要求：{fields}为 {shown}，应为 {expected}",
                        "{event} on {on}: {fields} is {shown}, expected {expected}",
                    ),
                    {
                        "event": event_name,
                        "on": str(event.on),
                        "fields": _field_names(ctx, params.event, wrong),
                        "shown": word([event_value(event, k) for k in wrong]),
                        "expected": word([params.values[k] for k in wrong]),
                    },
                )


@frozen
class PeriodicEvent:
    """Subjects in an active lifecycle state record ``event`` at least once ``every`` period
    (``{months = 12}`` or ``{days = 90}``)."""

    event: str = field(metadata={"domain": "event_types"})
    every: Duration
    subject: Subject = "outlet"
    outlet_kinds: tuple[str, ...] = kinds_field()


def _periods(
    ctx: CheckContext, params: PeriodicEvent
) -> Iterator[tuple[Outlet | Partnership, date | None, date | None]]:
    """Each active record, the day of its last ``event`` so far, and the day its current
    period started.

    The period starts at the last such event, else the day the record became active;
    None when neither is known. ``run`` and ``due`` both read records through this.
    """
    lifecycle = ctx.profile.lifecycles.get(params.subject)
    as_of = ctx.as_of
    for record in _records(ctx, params.subject, params.outlet_kinds):
        if not ctx.is_active(params.subject, record):
            continue
        last = next(
            (e.on for _, e in reversed(ctx.events(record, params.event)) if e.on <= as_of), None
        )
        if last is not None:
            yield record, last, last
            continue
        since: date | None = None
        if lifecycle is not None and lifecycle.active:
            trace = ctx.traces()[(params.subject, record.id)]
            entered = [d for s in lifecycle.active if (d := trace.entered(s)) is not None]
            since = min(entered, default=None)
        yield record, None, since


_PERIODIC = Text(
    "最近一次{event}：{last}；应每 {period} 至少一次", "last {event}: {last}; due every {period}"
)
_NONE_RECORDED = Text("无记录", "none recorded")


def periodic_event(ctx: CheckContext, _: Requirement, params: PeriodicEvent) -> Iterator[Violation]:
    event = ctx.label("event_types", params.event)
    period = params.every.text()
    by_last: dict[date | None, dict[str, Value]] = {}  # records late since the same day share
    overdue: dict[date, bool] = {}  # by the day the period started
    for record, last, start in _periods(ctx, params):
        if start is not None:
            late = overdue.get(start)
            if late is None:
                late = overdue[start] = params.every.after(start) < ctx.as_of
            if not late:
                continue
        values = by_last.get(last)
        if values is None:
            values = by_last[last] = {
                "event": event,
                "last": str(last) if last is not None else _NONE_RECORDED,
                "period": period,
            }
        yield Violation(ctx.subject(record), ctx.path(record, "events"), _PERIODIC, values)


@frozen
class FollowUp:
    """After each ``trigger`` (matching ``when``), one of ``require`` follows on ``scope`` within the window.

    ``ended = true`` instead of a ``trigger``: the trigger is the day the record's service
    ended (its lifecycle first reached an ``ended`` state: exit approved, forced out,
    terminated), so every way of leaving starts the exit duties. ``scope``: ``same``
    record, each of the partnership's ``outlets`` (those that had not already left before
    the trigger), or the outlet's ``partnership``. ``within`` is the window
    (``{days = 30}`` or ``{months = 1}``); without one, the follow-up is due by the as-of date.
    """

    require: tuple[str, ...] = field(metadata={"domain": "event_types"})
    trigger: str = field(default="", metadata={"domain": "event_types"})
    ended: bool = False
    subject: Subject = "outlet"
    scope: Literal["same", "outlets", "partnership"] = "same"
    when: dict[str, Any] = field(factory=dict)
    within: Duration | None = None
    outlet_kinds: tuple[str, ...] = kinds_field()

    def __attrs_post_init__(self) -> None:
        if bool(self.trigger) == self.ended:
            raise ValueError("follow_up takes either a trigger or ended = true")


def _triggers(
    ctx: CheckContext, record: Outlet | Partnership, params: FollowUp
) -> Iterator[tuple[int | None, Event | None, date, Text]]:
    """(position, event, day, name) of each trigger on ``record`` up to the as-of date."""
    if params.ended:
        day = ctx.ended_on(params.subject, record)
        if day is None:
            return
        position = ctx.ending_event(params.subject, record)
        event = record.events[position] if position is not None else None
        name = (
            ctx.label("event_types", event.type)
            if event is not None
            else Text("退出合作", "leaving the cooperation")
        )
        yield position, event, day, name
        return
    for position, trigger in ctx.events(record, params.trigger):
        if trigger.on > ctx.as_of or not event_matches(trigger, params.when):
            continue
        yield position, trigger, trigger.on, ctx.label("event_types", params.trigger)


def _require_text(ctx: CheckContext, params: FollowUp) -> Text:
    return Text(
        join((ctx.label("event_types", r).zh for r in params.require), "zh"),
        " or ".join(ctx.label("event_types", r).en for r in params.require),
    )


def follow_up(ctx: CheckContext, _: Requirement, params: FollowUp) -> Iterator[Violation]:
    require = _require_text(ctx, params)
    for record in _records(ctx, params.subject, params.outlet_kinds):
        for position, _event, day, name in _triggers(ctx, record, params):
            deadline = params.within.after(day) if params.within else None
            if deadline is not None and ctx.as_of <= deadline:
                continue  # not yet due: the last day itself is still in time
            last_day = deadline or ctx.as_of
            for target in _scope(ctx, record, params.scope, day):
                if not _has_between(target.events, params.require, day, last_day):
                    yield Violation(
                        ctx.subject(target),
                        ctx.path(record, "events", *(() if position is None else (position,))),
                        Text(
                            "{trigger}（{on}）之后，至 {deadline} 未见{require}",
                            "after {trigger} on {on}, no {require} by {deadline}",
                        ),
                        {
                            "trigger": name,
                            "on": str(day),
                            "deadline": str(last_day),
                            "require": require,
                        },
                    )


def _scope(
    ctx: CheckContext, record: Outlet | Partnership, scope: str, day: date
) -> tuple[Outlet | Partnership, ...]:
    if scope == "outlets" and isinstance(record, Partnership):
        # An outlet that had left before the trigger owes nothing for it.
        return tuple(
            o
            for o in ctx.outlets_of(record)
            if (left := ctx.ended_on("outlet", o)) is None or left >= day
        )
    if scope == "partnership" and isinstance(record, Outlet):
        return (ctx.partnership_of(record),)
    return (record,)


def _has_between(
    events: tuple[Event, ...], types: tuple[str, ...], first: date, last: date
) -> bool:
    return any(e.type in types and first <= e.on <= last for e in events)


@frozen
class NoticePeriod:
    """Each ``effective`` event is preceded by a ``notice`` given at least ``min`` before it
    (``{days = 30}`` or ``{months = 1}``).

    A notice whose ``effective_on`` is sooner than ``min`` after it was given is a finding too.
    """

    min: Duration
    effective: tuple[str, ...] = field(default=("termination",), metadata={"domain": "event_types"})
    notice: str = field(default="notice", metadata={"domain": "event_types"})
    subject: Subject = "outlet"


def notice_period(ctx: CheckContext, _: Requirement, params: NoticePeriod) -> Iterator[Violation]:
    short = Text(
        "{notice}（{on}）至生效日 {effective} 仅 {days} 天，短于 {min}",
        "{notice} on {on} takes effect on {effective}, only {days} days later (minimum {min})",
    )
    for record in _records(ctx, params.subject):
        notices = [(i, n) for i, n in ctx.events(record, params.notice) if n.on <= ctx.as_of]
        for position, notice in notices:
            if notice.effective_on is not None and notice.effective_on < params.min.after(
                notice.on
            ):
                yield Violation(
                    ctx.subject(record),
                    ctx.path(record, "events", position, "effective_on"),
                    short,
                    {
                        "notice": ctx.label("event_types", params.notice),
                        "on": str(notice.on),
                        "effective": str(notice.effective_on),
                        "days": (notice.effective_on - notice.on).days,
                        "min": params.min.text(),
                    },
                )
        for kind in params.effective:
            for position, effective in ctx.events(record, kind):
                if effective.on > ctx.as_of:
                    continue  # not happened yet on the as-of date
                earlier = [n for _, n in notices if n.on <= effective.on]
                if not earlier:
                    yield Violation(
                        ctx.subject(record),
                        ctx.path(record, "events", position),
                        Text(
                            "{event}（{on}）之前未见提前书面告知",
                            "{event} on {on} had no prior written notice",
                        ),
                        {"event": ctx.label("event_types", kind), "on": str(effective.on)},
                    )
                elif effective.on < params.min.after(earlier[-1].on):
                    yield Violation(
                        ctx.subject(record),
                        ctx.path(record, "events", position),
                        short,
                        {
                            "notice": ctx.label("event_types", params.notice),
                            "on": str(earlier[-1].on),
                            "effective": str(effective.on),
                            "days": (effective.on - earlier[-1].on).days,
                            "min": params.min.text(),
                        },
                    )


# --- deadlines: the same readings as the checks above, dated ----------------------------------


def periodic_event_due(ctx: CheckContext, _: Requirement, params: PeriodicEvent) -> Iterator[Due]:
    """The day each active record's period since its last ``event`` (or since it became active) ends."""
    for record, last, start in _periods(ctx, params):
        end = params.every.after(start) if start else None
        if end is None:
            continue  # nothing to count from: check reports the missing record today
        yield Due(
            ctx.subject(record),
            ctx.path(record, "events"),
            end,
            Text(
                "记录{event}（每 {period}至少一次；最近一次：{last}）",
                "record {event} (due every {period}; last: {last})",
            ),
            {
                "event": ctx.label("event_types", params.event),
                "period": params.every.text(),
                "last": str(last) if last is not None else _NONE_RECORDED,
            },
            key=params.event,
        )


def follow_up_due(ctx: CheckContext, _: Requirement, params: FollowUp) -> Iterator[Due]:
    """For each trigger not yet followed up: the window's last day (the trigger's day without one)."""
    for record in _records(ctx, params.subject, params.outlet_kinds):
        for position, _event, day, name in _triggers(ctx, record, params):
            deadline = params.within.after(day) if params.within else None
            for target in _scope(ctx, record, params.scope, day):
                if _has_between(target.events, params.require, day, ctx.as_of):
                    continue  # done (late or not: check alone reports lateness)
                yield Due(
                    ctx.subject(target),
                    ctx.path(record, "events", *(() if position is None else (position,))),
                    deadline or day,
                    Text(
                        "{trigger}（{on}）之后：记录{require}",
                        "after {trigger} on {on}: record {require}",
                    ),
                    {"trigger": name, "on": str(day), "require": _require_text(ctx, params)},
                    key=f"{params.trigger or 'ended'}@{day}",
                )


SUBJECT_NAMES: Mapping[str, Text] = MappingProxyType(
    {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}
)


def _conditions(when: Mapping[str, Any]) -> str:
    return ",".join(f"{k}={when[k]}" for k in sorted(when))


def describe_event_has(ctx: DescribeContext, req: Requirement, params: EventHas) -> Iterator[Fact]:
    event = ctx.label("event_types", params.event)
    names = [EVENT_FIELD_NAMES.get(f, Text(f, f)) for f in params.fields]
    shown = [
        *((n.zh, n.en) for n in names),
        *((f"{k}={v}", f"{k}={v}") for k, v in params.values.items()),
    ]
    when = _conditions(params.when)
    yield Fact(
        "events",
        f"{params.subject}/{params.event}/content" + (f"/{when}" if when else ""),
        Text(
            f"{event.zh}记录内容（{SUBJECT_NAMES[params.subject].zh}{'，' + when if when else ''}）",
            f"{event.en} record ({SUBJECT_NAMES[params.subject].en}{', ' + when if when else ''})",
        ),
        Text(join((z for z, _ in shown), "zh"), join((e for _, e in shown), "en")),
        ";".join(sorted([*params.fields, *(f"{k}={v}" for k, v in params.values.items())])),
    )
    yield from ctx.regulates(req, params.event)


def describe_periodic_event(
    ctx: DescribeContext, req: Requirement, params: PeriodicEvent
) -> Iterator[Fact]:
    event = ctx.label("event_types", params.event)
    period = params.every.text()
    yield Fact(
        "thresholds",
        f"every/{params.subject}/{params.event}",
        Text(f"{event.zh}周期", f"{event.en} period"),
        Text(f"每 {period.zh}至少一次", f"at least every {period.en}"),
        params.every.key(),
    )
    yield from ctx.regulates(req, params.event)


def describe_follow_up(ctx: DescribeContext, req: Requirement, params: FollowUp) -> Iterator[Fact]:
    trigger = (
        ctx.label("event_types", params.trigger)
        if params.trigger
        else Text("退出合作", "leaving the cooperation")
    )
    required = ctx.labels("event_types", params.require)
    key = f"{params.trigger or 'ended'}/{'+'.join(params.require)}"
    if params.within is None:
        yield Fact(
            "events",
            f"after/{key}",
            Text(f"{trigger.zh}后须{required.zh}", f"{required.en} after {trigger.en}"),
            Text("须进行", "required"),
            "yes",
        )
    else:
        window = params.within.text()
        yield Fact(
            "thresholds",
            f"within/{key}",
            Text(f"{trigger.zh}后{required.zh}时限", f"{required.en} after {trigger.en}"),
            Text(f"{window.zh}内", f"within {window.en}"),
            params.within.key(),
        )
    yield from ctx.regulates(req, *((params.trigger,) if params.trigger else ()), *params.require)


def describe_notice_period(
    ctx: DescribeContext, req: Requirement, params: NoticePeriod
) -> Iterator[Fact]:
    notice = ctx.label("event_types", params.notice)
    subject = SUBJECT_NAMES[params.subject]
    for effective in params.effective:
        term = ctx.label("event_types", effective)
        yield Fact(
            "thresholds",
            f"notice/{params.subject}/{params.notice}/{effective}",
            Text(
                f"{notice.zh}至{term.zh}（{subject.zh}）",
                f"{notice.en} to {term.en} ({subject.en})",
            ),
            Text(f"至少间隔 {params.min.text().zh}", f"at least {params.min.text().en} apart"),
            params.min.key(),
        )
    yield from ctx.regulates(req, params.notice, *params.effective)


@frozen
class PrecededBy:
    """Each ``event`` (matching ``when``) of ``subject`` has an earlier (or same-day) ``required``
    event on the same record: a step that must come first, with no minimum interval
    (for one, see ``notice_period``)."""

    event: tuple[str, ...] = field(metadata={"domain": "event_types"})
    required: str = field(metadata={"domain": "event_types"})
    subject: Subject = "outlet"
    when: dict[str, Any] = field(factory=dict)
    outlet_kinds: tuple[str, ...] = kinds_field()


def preceded_by(ctx: CheckContext, _: Requirement, params: PrecededBy) -> Iterator[Violation]:
    for record in _records(ctx, params.subject, params.outlet_kinds):
        earlier = [e.on for _, e in ctx.events(record, params.required)]
        for kind in params.event:
            for position, event in ctx.events(record, kind):
                if event.on > ctx.as_of or not event_matches(event, params.when):
                    continue
                if not any(day <= event.on for day in earlier):
                    yield Violation(
                        ctx.subject(record),
                        ctx.path(record, "events", position),
                        Text(
                            "{event}（{on}）之前未见{required}",
                            "{event} on {on} had no {required} before it",
                        ),
                        {
                            "event": ctx.label("event_types", kind),
                            "on": str(event.on),
                            "required": ctx.label("event_types", params.required),
                        },
                    )


def describe_preceded_by(
    ctx: DescribeContext, req: Requirement, params: PrecededBy
) -> Iterator[Fact]:
    required = ctx.label("event_types", params.required)
    subject = SUBJECT_NAMES[params.subject]
    for kind in params.event:
        term = ctx.label("event_types", kind)
        yield Fact(
            "events",
            f"before/{params.subject}/{params.required}/{kind}",
            Text(
                f"{term.zh}之前须{required.zh}（{subject.zh}）",
                f"{required.en} before {term.en} ({subject.en})",
            ),
            Text("须在先", "required first"),
            "before",
        )
    yield from ctx.regulates(req, params.required, *params.event)


KINDS = (
    CheckKind(
        "event_has",
        EventHas,
        event_has,
        EventHas.__doc__ or "",
        describe=describe_event_has,
        scope="bank",
    ),
    CheckKind(
        "periodic_event",
        PeriodicEvent,
        periodic_event,
        PeriodicEvent.__doc__ or "",
        due=periodic_event_due,
        describe=describe_periodic_event,
        scope="bank",
    ),
    CheckKind(
        "follow_up",
        FollowUp,
        follow_up,
        FollowUp.__doc__ or "",
        due=follow_up_due,
        describe=describe_follow_up,
        scope="bank",
    ),
    CheckKind(
        "notice_period",
        NoticePeriod,
        notice_period,
        NoticePeriod.__doc__ or "",
        describe=describe_notice_period,
        scope="bank",
    ),
    CheckKind(
        "preceded_by",
        PrecededBy,
        preceded_by,
        PrecededBy.__doc__ or "",
        describe=describe_preceded_by,
        scope="bank",
    ),
)

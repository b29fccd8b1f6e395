"""Check kinds the Yulin standard needs and core's declarative kinds cannot express.

Each kind reads only the snapshot, the profile and the as-of date through the
:class:`~sheyin.engine.context.CheckContext`; parameters are frozen attrs classes.
Fields this profile adds to records (``profile.toml`` ``[fields]``) arrive in the
records' ``extra`` mapping as JSON values (dates as ISO strings).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, Literal

from attrs import field, frozen

from sheyin.plugin import (
    CheckContext,
    CheckKind,
    DescribeContext,
    Due,
    Event,
    Fact,
    Outlet,
    Partnership,
    Requirement,
    Text,
    Violation,
    add_days,
    add_months,
    event_values,
    join,
    kinds_field,
    pointer,
)

# 5: the bodies an outlet's item list is filed with, in the order the standard gives.
ITEM_LIST_BODIES: tuple[tuple[str, Text], ...] = (
    ("pboc_yulin", Text("中国人民银行玉林市分行", "the PBoC Yulin branch")),
    ("department", Text("人社部门", "the HRSS department")),
)
# 8.1: the evaluation methods the standard names.
EVALUATION_METHODS: Mapping[str, Text] = {
    "self": Text("自我评价", "self-evaluation"),
    "satisfaction": Text("服务对象满意度评价", "client satisfaction"),
    "third_party": Text("第三方评价", "third-party evaluation"),
    "department": Text("邀请人社部门评价", "evaluation by the department"),
}


def _state_name(ctx: CheckContext, subject: str, state_id: str) -> Text:
    state = ctx.profile.lifecycles[subject].state(state_id)
    return Text(state.zh, state.en) if state else Text(state_id, state_id)


# --- 4.2: outlet steps inside an agreed partnership -------------------------------------------


@frozen
class PartnershipInForce:
    """Outlet events of ``events`` happen only while the outlet's partnership is in one of
    ``states`` (the partnership's state on the event's day, replayed from its own events)."""

    events: tuple[str, ...] = field(metadata={"domain": "event_types"})
    states: tuple[str, ...]


def partnership_in_force(
    ctx: CheckContext, _: Requirement, params: PartnershipInForce
) -> Iterator[Violation]:
    if "partnership" not in ctx.profile.lifecycles:
        return
    all_traces = ctx.traces()
    for outlet in ctx.outlets():
        trace = all_traces[("partnership", outlet.partnership)]
        for position, event in enumerate(outlet.events):
            state = trace.state_on(event.on)
            if event.type in params.events and state not in params.states:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "events", position),
                    Text(
                        "{event}（{on}）时合作关系处于“{state}”，应在签订合作协议、合作关系存续期间进行",
                        "{event} on {on} while the partnership was '{state}': it needs a signed agreement in force",
                    ),
                    {
                        "event": ctx.label("event_types", event.type),
                        "on": str(event.on),
                        "state": _state_name(ctx, "partnership", state),
                    },
                )


# --- 4.3.1: stable staffing (宜) -------------------------------------------------------------


@frozen
class StaffTenure:
    """Staff who left in the last ``months`` months had served at least ``months`` months
    (``joined_on`` to ``left_on``); a shorter stay shows staffing was not kept stable."""

    months: int
    outlet_kinds: tuple[str, ...] = kinds_field()


def staff_tenure(ctx: CheckContext, _: Requirement, params: StaffTenure) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        for person in outlet.staff:
            left, joined = person.left_on, person.joined_on
            if left is None or joined is None or left > ctx.as_of:
                continue
            recent = add_months(left, params.months) > ctx.as_of
            if recent and add_months(joined, params.months) > left:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "left_on"),
                    Text(
                        "{name}于 {joined} 上岗、{left} 离岗，在岗不足 {months} 个月，人员未保持相对固定",
                        "{name} served only from {joined} to {left} (under {months} months): staffing not kept stable",
                    ),
                    {
                        "name": person.name or person.id,
                        "joined": str(joined),
                        "left": str(left),
                        "months": params.months,
                    },
                )


# --- 4.4: conditional event fields ------------------------------------------------------------


@frozen
class EventFieldsWhen:
    """Every ``event`` of each ``subject`` whose fields equal ``when`` records every field of ``fields``
    (e.g. a nonconforming filing names its defect categories)."""

    event: str = field(metadata={"domain": "event_types"})
    fields: tuple[str, ...]
    when: dict[str, Any] = field(factory=dict)
    subject: Literal["outlet", "partnership"] = "outlet"
    outlet_kinds: tuple[str, ...] = kinds_field()


def event_fields_when(
    ctx: CheckContext, _: Requirement, params: EventFieldsWhen
) -> Iterator[Violation]:
    records: tuple[Outlet | Partnership, ...] = (
        tuple(ctx.outlets(params.outlet_kinds))
        if params.subject == "outlet"
        else ctx.snapshot.partnerships
    )
    for record in records:
        for position, event in ctx.events(record, params.event):
            values = event_values(event)
            if any(values.get(k) != v for k, v in params.when.items()):
                continue
            missing = [f for f in params.fields if values.get(f) in (None, (), [], "")]
            if missing:
                yield Violation(
                    ctx.subject(record),
                    ctx.path(record, "events", position),
                    Text("{event}（{on}）记录缺少：{missing}", "{event} on {on} lacks: {missing}"),
                    {
                        "event": ctx.label("event_types", params.event),
                        "on": str(event.on),
                        "missing": ", ".join(missing),
                    },
                )


# --- 4.6.1 第4项: every outlet removes its plaque ---------------------------------------------


def _plaque_hanging(outlet: Outlet, day: date) -> bool:
    marks = sorted(
        (
            (e.on, i, e.type)
            for i, e in enumerate(outlet.events)
            if e.type in ("plaque", "plaque_removed") and e.on <= day
        )
    )
    return bool(marks) and marks[-1][2] == "plaque"


@frozen
class PlaquesRemoved:
    """After a partnership's termination, each of its outlets whose plaque still hung that day
    records ``plaque_removed`` on or after it, by the as-of date."""


def plaques_removed(ctx: CheckContext, _: Requirement, __: PlaquesRemoved) -> Iterator[Violation]:
    for partnership in ctx.snapshot.partnerships:
        for _position, termination in ctx.events(partnership, "termination"):
            if termination.on > ctx.as_of:
                continue
            for outlet in ctx.outlets_of(partnership):
                removed = any(
                    e.type == "plaque_removed" and termination.on <= e.on <= ctx.as_of
                    for e in outlet.events
                )
                if _plaque_hanging(outlet, termination.on) and not removed:
                    yield Violation(
                        ctx.subject(outlet),
                        ctx.path(outlet, "events"),
                        Text(
                            "合作关系已于 {on} 终止，至 {as_of} 未见取下“‘人社+金融’服务点”牌匾",
                            "the partnership ended on {on}; by {as_of} the plaque was not recorded as removed",
                        ),
                        {"on": str(termination.on), "as_of": str(ctx.as_of)},
                    )


# --- 5: item lists filed with the PBoC Yulin branch, then the department ----------------------


@frozen
class ItemsFiled:
    """Outlets offering items file the list with the PBoC Yulin branch and then the department
    (``event`` records whose ``filed_with`` names the body), after the list's last adjustment
    (``adjusted`` events), by the as-of date."""

    event: str = field(default="items_filing", metadata={"domain": "event_types"})
    adjusted: str = field(default="catalogue_change", metadata={"domain": "event_types"})
    outlet_kinds: tuple[str, ...] = kinds_field()


def items_filed(ctx: CheckContext, _: Requirement, params: ItemsFiled) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        if not outlet.items:
            continue
        adjustments = [e.on for _, e in ctx.events(outlet, params.adjusted) if e.on <= ctx.as_of]
        since = adjustments[-1] if adjustments else date.min
        filings = [e for _, e in ctx.events(outlet, params.event) if since <= e.on <= ctx.as_of]
        previous: tuple[date, Text] | None = None
        for body, name in ITEM_LIST_BODIES:
            dated = [e.on for e in filings if e.extra.get("filed_with") == body]
            in_turn = [d for d in dated if previous is None or d >= previous[0]]
            if in_turn:
                previous = (min(in_turn), name)
                continue
            if dated and previous is not None:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "events"),
                    Text(
                        "服务事项向{body}备案（{on}）早于向{first}报送（{first_on}），顺序不符",
                        "items were filed with {body} on {on}, before {first} ({first_on}): wrong order",
                    ),
                    {
                        "body": name,
                        "on": str(dated[0]),
                        "first": previous[1],
                        "first_on": str(previous[0]),
                    },
                )
            else:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "items"),
                    Text(
                        "服务事项清单{since}未见报送{body}备案",
                        "the item list{since} was not recorded as filed with {body}",
                    ),
                    {
                        "body": name,
                        "since": Text(f"（{since} 调整后）", f" (adjusted {since})")
                        if adjustments
                        else Text("", ""),
                    },
                )
            break


# --- 6: staff changes filed on form F.1 -------------------------------------------------------


@frozen
class StaffChangesFiled:
    """After an outlet's conforming filing (whose table B.2 listed its staff), everyone who joins
    or leaves by the as-of date is named by a ``staff_change`` event (``add`` / ``remove``)."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def staff_changes_filed(
    ctx: CheckContext, _: Requirement, params: StaffChangesFiled
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        conforming = [
            e.on
            for _, e in ctx.events(outlet, "filing")
            if e.result == "conform" and e.on <= ctx.as_of
        ]
        if not conforming:
            continue
        baseline = conforming[0]
        reported = {(e.staff, e.change) for _, e in ctx.events(outlet, "staff_change")}
        for person in outlet.staff:
            changes = (
                ("add", person.joined_on, Text("上岗", "joined")),
                ("remove", person.left_on, Text("离岗", "left")),
            )
            for change, day, what in changes:
                if (
                    day is None
                    or not baseline < day <= ctx.as_of
                    or (person.id, change) in reported
                ):
                    continue
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    Text(
                        "{name}于 {on} {what}，未见向人社部门报备工作人员变动备案表（表F.1）",
                        "{name} {what} on {on}; no staff-change form (F.1) was filed with the department",
                    ),
                    {"name": person.name or person.id, "on": str(day), "what": what},
                )


# --- 7 e): sealed materials handed over within the department's limit ------------------------


@frozen
class HandoverWithinLimit:
    """Materials sealed at an outlet (the event's ``on``) reach the department (``handed_over_on``)
    within the days the department set: its own record's ``limit_field`` when it carries one,
    else ``limit_days`` (the profile parameter a workspace sets in sheyin.toml). Where neither
    gives a figure, that is reported once, on the department, not on every hand-over."""

    limit_field: str = "handover_limit_days"
    limit_days: int | None = None


def _handover_limit(
    ctx: CheckContext, params: HandoverWithinLimit, department_id: str
) -> int | None:
    recorded = ctx.departments[department_id].extra.get(params.limit_field)
    return recorded if isinstance(recorded, int) else params.limit_days


def handover_within_limit(
    ctx: CheckContext, _: Requirement, params: HandoverWithinLimit
) -> Iterator[Violation]:
    unset: list[str] = []
    for outlet in ctx.outlets():
        department_id = ctx.partnership_of(outlet).department
        limit = _handover_limit(ctx, params, department_id)
        handovers = [
            (i, e) for i, e in ctx.events(outlet, "materials_handover") if e.on <= ctx.as_of
        ]
        if limit is None:
            if handovers and department_id not in unset:
                unset.append(department_id)
            continue
        for position, event in handovers:
            handed = (
                event.handed_over_on
                if event.handed_over_on and event.handed_over_on <= ctx.as_of
                else None
            )
            days = ((handed or ctx.as_of) - event.on).days
            if days > limit:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "events", position) + ("/handed_over_on" if handed else ""),
                    Text(
                        "{on} 封签的资料移交人社部门：{handed}，历时 {days} 天，超过规定时限 {limit} 天",
                        "materials sealed on {on} handed over: {handed}, after {days} days (limit {limit})",
                    ),
                    {
                        "on": str(event.on),
                        "limit": limit,
                        "days": days,
                        "handed": str(handed) if handed else Text("尚未移交", "not yet"),
                    },
                )
    for department_id in unset:
        index = next(i for i, d in enumerate(ctx.snapshot.departments) if d.id == department_id)
        yield Violation(
            f"departments/{department_id}",
            pointer("departments", index),
            Text(
                "人社部门规定的资料移交时限未登记：在部门记录中登记 {field}，或在 sheyin.toml 的 [parameters] 中设定 handover_limit_days",
                "the department's hand-over limit is not recorded: set {field} on the department, or handover_limit_days in sheyin.toml [parameters]",
            ),
            {"field": params.limit_field},
        )


# --- 7 f): a designated person for the problem log -------------------------------------------


@frozen
class PartnershipHas:
    """Partnerships in one of ``states`` (the lifecycle's active ones when empty) record every
    profile-added field of ``fields``."""

    fields: tuple[str, ...]
    states: tuple[str, ...] = ()


def partnership_has(
    ctx: CheckContext, _: Requirement, params: PartnershipHas
) -> Iterator[Violation]:
    machine = ctx.profile.lifecycles.get("partnership")
    states = params.states or (machine.active if machine else ())
    schemas = ctx.profile.fields.get("partnership", {})
    for partnership in ctx.snapshot.partnerships:
        in_state = ctx.state_of("partnership", partnership.id)
        if machine is not None and states and in_state not in states:
            continue
        missing = [f for f in params.fields if partnership.extra.get(f) in (None, "")]
        if missing:
            names = [str(schemas.get(f, {}).get("title", f)) for f in missing]
            yield Violation(
                ctx.subject(partnership),
                ctx.path(partnership),
                Text("合作关系记录缺少：{missing}", "the partnership record lacks: {missing}"),
                {"missing": Text(join(names, "zh"), join(names, "en"))},
            )


# --- 8.1: several evaluation methods (宜) -----------------------------------------------------


@frozen
class EvaluationMethods:
    """Outlets in an active lifecycle state have ``evaluation`` events using at least
    ``min_methods`` distinct ways. The contract field ``by`` says who evaluated (``bank`` or
    ``outlet``: a self-evaluation; ``department``: by the department; a person's id: that
    evaluator), so evaluations by different evaluators are different ways; the profile
    field ``method`` (self, satisfaction, third_party, department) refines it."""

    min_methods: int = 2
    outlet_kinds: tuple[str, ...] = kinds_field()


_BY_METHOD = {"bank": "self", "outlet": "self", "department": "department"}


def _evaluation_way(event: Event) -> str | None:
    method = event.extra.get("method")
    if isinstance(method, str):
        return method
    if event.by is None:
        return None
    return _BY_METHOD.get(event.by, f"by:{event.by}")


def _way_name(way: str) -> Text:
    if way.startswith("by:"):
        return Text(f"{way[3:]}的评价", f"evaluation by {way[3:]}")
    return EVALUATION_METHODS.get(way, Text(way, way))


def evaluation_methods(
    ctx: CheckContext, _: Requirement, params: EvaluationMethods
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        if not ctx.is_active("outlet", outlet):
            continue
        used = sorted(
            {
                way
                for _, e in ctx.events(outlet, "evaluation")
                if e.on <= ctx.as_of and (way := _evaluation_way(e)) is not None
            }
        )
        if len(used) < params.min_methods:
            names = [_way_name(m) for m in used]
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "events"),
                Text(
                    "服务评价采用的方式：{used}；宜采用至少 {min} 种方式",
                    "evaluation methods used: {used}; at least {min} are recommended",
                ),
                {
                    "used": Text(
                        join((n.zh for n in names), "zh") or "无",
                        join((n.en for n in names), "en") or "none",
                    ),
                    "min": params.min_methods,
                },
            )


# --- deadlines: the same readings as the checks above, dated ----------------------------------


def plaques_removed_due(ctx: CheckContext, _: Requirement, __: PlaquesRemoved) -> Iterator[Due]:
    """4.6.1 第4项 gives no time limit: the plaque is due down on the day the partnership ends."""
    for partnership in ctx.snapshot.partnerships:
        for _position, termination in ctx.events(partnership, "termination"):
            if termination.on > ctx.as_of:
                continue
            for outlet in ctx.outlets_of(partnership):
                removed = any(
                    e.type == "plaque_removed" and termination.on <= e.on <= ctx.as_of
                    for e in outlet.events
                )
                if _plaque_hanging(outlet, termination.on) and not removed:
                    yield Due(
                        ctx.subject(outlet),
                        ctx.path(outlet, "events"),
                        termination.on,
                        Text(
                            "合作关系已于 {on} 终止：取下“‘人社+金融’服务点”牌匾",
                            "the partnership ended on {on}: take the plaque down",
                        ),
                        {"on": str(termination.on)},
                        key=f"termination@{termination.on}",
                    )


def staff_changes_filed_due(
    ctx: CheckContext, _: Requirement, params: StaffChangesFiled
) -> Iterator[Due]:
    """Each join or departure after the conforming filing, not yet named by a ``staff_change``:
    due on the day it happens (6 gives no other limit)."""
    for outlet in ctx.outlets(params.outlet_kinds):
        conforming = [
            e.on
            for _, e in ctx.events(outlet, "filing")
            if e.result == "conform" and e.on <= ctx.as_of
        ]
        if not conforming:
            continue
        reported = {(e.staff, e.change) for _, e in ctx.events(outlet, "staff_change")}
        for person in outlet.staff:
            changes = (
                ("add", person.joined_on, Text("上岗", "joins")),
                ("remove", person.left_on, Text("离岗", "leaves")),
            )
            for change, day, what in changes:
                if day is None or day <= conforming[0] or (person.id, change) in reported:
                    continue
                yield Due(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    day,
                    Text(
                        "{name}于 {on} {what}：向人社部门报备工作人员变动备案表（表F.1）",
                        "{name} {what} on {on}: file the staff-change form (F.1) with the department",
                    ),
                    {"name": person.name or person.id, "on": str(day), "what": what},
                    key=f"{change}@{day}",
                )


def handover_within_limit_due(
    ctx: CheckContext, _: Requirement, params: HandoverWithinLimit
) -> Iterator[Due]:
    """Sealed materials not yet handed over: due the last day of the department's limit."""
    for outlet in ctx.outlets():
        limit = _handover_limit(ctx, params, ctx.partnership_of(outlet).department)
        if limit is None:
            continue  # no limit set: check reports that, there is no date to give
        for position, event in ctx.events(outlet, "materials_handover"):
            if event.handed_over_on is not None or event.on > ctx.as_of:
                continue
            yield Due(
                ctx.subject(outlet),
                ctx.path(outlet, "events", position),
                add_days(event.on, limit),
                Text(
                    "{on} 封签的资料：移交人社部门（时限 {limit} 天）",
                    "materials sealed on {on}: hand them over to the department (limit {limit} days)",
                ),
                {"on": str(event.on), "limit": limit},
                key=f"materials_handover@{event.on}",
            )


_SUBJECTS = {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}


def describe_partnership_in_force(
    ctx: DescribeContext, _: Requirement, params: PartnershipInForce
) -> Iterator[Fact]:
    for event in params.events:
        name = ctx.label("event_types", event)
        yield Fact(
            "lifecycle",
            f"partnership_in_force/{event}",
            Text(f"{name.zh}的前提", f"Before {name.en}"),
            Text("合作关系已生效", "the partnership is in force"),
            ";".join(sorted(params.states)),
        )


def describe_staff_tenure(
    ctx: DescribeContext, _: Requirement, params: StaffTenure
) -> Iterator[Fact]:
    yield Fact(
        "staffing",
        "tenure",
        Text("人员相对固定", "Stable staffing"),
        Text(
            f"离岗人员须已在岗至少 {params.months} 个月",
            f"leavers served at least {params.months} months",
        ),
        f"months={params.months}",
    )


def describe_event_fields_when(
    ctx: DescribeContext, req: Requirement, params: EventFieldsWhen
) -> Iterator[Fact]:
    event = ctx.label("event_types", params.event)
    when = ",".join(f"{k}={params.when[k]}" for k in sorted(params.when))
    subject = _SUBJECTS[params.subject]
    yield Fact(
        "events",
        f"{params.subject}/{params.event}/content" + (f"/{when}" if when else ""),
        Text(
            f"{event.zh}记录内容（{subject.zh}{'，' + when if when else ''}）",
            f"{event.en} record ({subject.en}{', ' + when if when else ''})",
        ),
        Text(join(params.fields, "zh"), join(params.fields, "en")),
        ";".join(sorted(params.fields)),
    )
    yield from ctx.regulates(req, params.event)


def describe_plaques_removed(
    ctx: DescribeContext, req: Requirement, __: PlaquesRemoved
) -> Iterator[Fact]:
    yield from ctx.regulates(req, "termination", "plaque_removed", any_dimension=True)


def describe_items_filed(ctx: DescribeContext, _: Requirement, __: ItemsFiled) -> Iterator[Fact]:
    yield Fact(
        "catalogue",
        "filed",
        Text("事项清单备案", "Filing of item lists"),
        Text(
            "调整后报人民银行与人社部门备案",
            "filed with the PBoC and the department after each change",
        ),
        "filed",
    )


def describe_staff_changes_filed(
    ctx: DescribeContext, _: Requirement, __: StaffChangesFiled
) -> Iterator[Fact]:
    yield Fact(
        "staffing",
        "changes_filed",
        Text("人员变动报备", "Staff changes reported"),
        Text("备案后的人员增减须报备", "every join and departure after filing is reported"),
        "yes",
    )


def describe_handover_within_limit(
    ctx: DescribeContext, req: Requirement, params: HandoverWithinLimit
) -> Iterator[Fact]:
    yield Fact(
        "thresholds",
        "handover/limit",
        Text("资料移交时限", "Materials hand-over limit"),
        Text(
            f"人社部门规定的天数内（{params.limit_field}）",
            f"within the days the department sets ({params.limit_field})",
        ),
        "department_limit",
    )
    yield from ctx.regulates(req, "materials_handover")


def describe_partnership_has(
    ctx: DescribeContext, req: Requirement, params: PartnershipHas
) -> Iterator[Fact]:
    for name in params.fields:
        yield Fact(
            "records",
            f"partnership/{name}",
            Text(f"{name}（合作关系）", f"{name} (partnership)"),
            Text("须记录", "recorded"),
            "recorded",
            qualifier=ctx.severity_word(req),
        )


def describe_evaluation_methods(
    ctx: DescribeContext, _: Requirement, params: EvaluationMethods
) -> Iterator[Fact]:
    yield Fact(
        "events",
        "evaluation/methods",
        Text("评价方式", "Evaluation methods"),
        Text(f"至少 {params.min_methods} 种", f"at least {params.min_methods}"),
        f"min={params.min_methods}",
    )


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split())


KINDS: tuple[CheckKind, ...] = (
    CheckKind(
        "yulin.partnership_in_force",
        PartnershipInForce,
        partnership_in_force,
        _doc(PartnershipInForce),
        describe=describe_partnership_in_force,
        scope="bank",
    ),
    CheckKind(
        "yulin.staff_tenure",
        StaffTenure,
        staff_tenure,
        _doc(StaffTenure),
        describe=describe_staff_tenure,
        scope="bank",
    ),
    CheckKind(
        "yulin.event_fields_when",
        EventFieldsWhen,
        event_fields_when,
        _doc(EventFieldsWhen),
        describe=describe_event_fields_when,
        scope="bank",
    ),
    CheckKind(
        "yulin.plaques_removed",
        PlaquesRemoved,
        plaques_removed,
        _doc(PlaquesRemoved),
        due=plaques_removed_due,
        describe=describe_plaques_removed,
        scope="bank",
    ),
    CheckKind(
        "yulin.items_filed",
        ItemsFiled,
        items_filed,
        _doc(ItemsFiled),
        describe=describe_items_filed,
        scope="bank",
    ),
    CheckKind(
        "yulin.staff_changes_filed",
        StaffChangesFiled,
        staff_changes_filed,
        _doc(StaffChangesFiled),
        due=staff_changes_filed_due,
        describe=describe_staff_changes_filed,
        scope="bank",
    ),
    CheckKind(
        "yulin.handover_within_limit",
        HandoverWithinLimit,
        handover_within_limit,
        _doc(HandoverWithinLimit),
        due=handover_within_limit_due,
        describe=describe_handover_within_limit,
        scope="bank",
    ),
    CheckKind(
        "yulin.partnership_has",
        PartnershipHas,
        partnership_has,
        _doc(PartnershipHas),
        describe=describe_partnership_has,
        scope="bank",
    ),
    CheckKind(
        "yulin.evaluation_methods",
        EvaluationMethods,
        evaluation_methods,
        _doc(EvaluationMethods),
        describe=describe_evaluation_methods,
        scope="bank",
    ),
)

"""Check kinds the Guangdong measures need and core's declarative kinds cannot express.

Each kind is named ``guangdong.<what>``; docs/checks.md ("Adding a kind in a plugin")
describes the contract. Kinds read the fields this profile adds to snapshots
(profile.toml ``[fields]``) from a record's ``extra`` mapping.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, Literal

import attrs
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
    event_matches,
    join,
    kinds_field,
    pointer,
    word,
)

Subject = Literal["partnership", "outlet"]


# --- shared helpers ---------------------------------------------------------------------------


def _past(ctx: CheckContext, record: Outlet | Partnership, event_type: str) -> list[Event]:
    return [e for _, e in ctx.events(record, event_type) if e.on <= ctx.as_of]


def _records(
    ctx: CheckContext, subject: Subject, kinds: tuple[str, ...]
) -> Iterator[Outlet | Partnership]:
    if subject == "outlet":
        yield from ctx.outlets(kinds)
    else:
        yield from ctx.snapshot.partnerships


def _closed(ctx: CheckContext, outlet: Outlet) -> bool:
    """True when the outlet's lifecycle has left service (exit approved, forced out, terminated)."""
    machine = ctx.profile.lifecycles.get("outlet")
    state = ctx.state_of("outlet", outlet.id)
    return (
        machine is not None
        and state is not None
        and state != machine.initial
        and state not in machine.active
    )


def _ended(ctx: CheckContext, record: Outlet | Partnership) -> bool:
    """True when a forced exit or a termination is recorded on the record by the as-of date."""
    return bool(_past(ctx, record, "forced_exit") or _past(ctx, record, "termination"))


# --- 第三十六条第（六）项: the bank-wide forced exit --------------------------------------------


@frozen
class ForcedExitRatio:
    """A bank whose forced-out outlets reach ``ratio`` of all its outlets is itself forced out.

    Finds each partnership of such a bank with neither a forced exit nor a termination
    recorded by the as-of date. The denominator is every outlet of the bank in the
    snapshot, the forced-out ones included.
    """

    ratio: float


def forced_exit_ratio(
    ctx: CheckContext, _: Requirement, params: ForcedExitRatio
) -> Iterator[Violation]:
    forced_by_bank: dict[str, int] = {}  # each bank's outlets are counted once, not per partnership
    for partnership in ctx.snapshot.partnerships:
        outlets = ctx.outlets_of_bank(partnership.bank)
        if not outlets or _ended(ctx, partnership):
            continue
        if partnership.bank not in forced_by_bank:
            forced_by_bank[partnership.bank] = sum(
                1 for o in outlets if _past(ctx, o, "forced_exit")
            )
        forced = forced_by_bank[partnership.bank]
        if forced / len(outlets) >= params.ratio:
            yield Violation(
                ctx.subject(partnership),
                ctx.path(partnership, "events"),
                Text(
                    "该行 {total} 个合作网点中已有 {forced} 个被强制退出（达到 {percent}%），合作银行应整体强制退出，但未见记录",
                    "{forced} of the bank's {total} outlets were forced out (at least {percent}%): "
                    "the whole bank must be forced out, but no forced exit is recorded",
                ),
                {
                    "forced": forced,
                    "total": len(outlets),
                    "percent": round(params.ratio * 100),
                },
            )


# --- 第三十六条第（二）项: failed rectifications after an interview ------------------------------


@frozen
class FailedRectifications:
    """After an interview (约谈), ``failures`` consecutive failed rectification checks are a forced-exit ground.

    Finds outlets and partnerships where the ground is met but no forced exit (or
    termination) is recorded on them, or on the outlet's partnership, on or after the day
    it was met. A passed check resets the count.
    """

    failures: int = 2


def _partnerships_and_outlets(ctx: CheckContext) -> tuple[Partnership | Outlet, ...]:
    """Every partnership, then every outlet: the records a forced-exit ground is met on."""
    return (*ctx.snapshot.partnerships, *ctx.snapshot.outlets)


def failed_rectifications(
    ctx: CheckContext, _: Requirement, params: FailedRectifications
) -> Iterator[Violation]:
    for record in _partnerships_and_outlets(ctx):
        met_on = _ground_met(record, params.failures, ctx.as_of)
        if met_on is None:
            continue
        owners: list[Outlet | Partnership] = [record]
        if isinstance(record, Outlet):
            owners.append(ctx.partnership_of(record))
        exited = any(
            e.type in ("forced_exit", "termination") and met_on <= e.on <= ctx.as_of
            for owner in owners
            for e in owner.events
        )
        if not exited:
            yield Violation(
                ctx.subject(record),
                ctx.path(record, "events"),
                Text(
                    "约谈后连续 {failures} 次整改复查未通过（最近一次 {on}），属应强制退出情形，但未见强制退出记录",
                    "after an interview, {failures} consecutive rectification checks failed (last on {on}): "
                    "a ground for forced exit, but none is recorded",
                ),
                {"failures": params.failures, "on": str(met_on)},
            )


def _ground_met(record: Outlet | Partnership, failures: int, as_of: date) -> date | None:
    interviewed = False
    streak = 0
    for event in sorted((e for e in record.events if e.on <= as_of), key=lambda e: e.on):
        if event.type == "interview":
            interviewed = True
        elif event.type == "rectification_check" and interviewed and event.passed is not None:
            streak = streak + 1 if event.passed is False else 0
            if streak >= failures:
                return event.on
    return None


# --- 第十九条: 专人专岗 -----------------------------------------------------------------------


@frozen
class DedicatedPosts:
    """Each active staff member holds at most one of ``posts`` (专人专岗)."""

    posts: tuple[str, ...] = field(metadata={"domain": "posts"})
    outlet_kinds: tuple[str, ...] = kinds_field()


def dedicated_posts(
    ctx: CheckContext, _: Requirement, params: DedicatedPosts
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        if _closed(ctx, outlet):
            continue
        for person in ctx.active_staff(outlet):
            held = [p for p in person.posts if p in params.posts]
            if len(held) > 1:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "posts"),
                    Text(
                        "{name}兼任 {posts}（鼓励有条件的网点专人专岗）",
                        "{name} holds several posts: {posts} (one post per person is encouraged)",
                    ),
                    {"name": person.name or person.id, "posts": ctx.labels("posts", held)},
                )


# --- record fields the profile adds ------------------------------------------------------------


@frozen
class RecordField:
    """A field this profile adds to banks, partnerships, outlets or staff is recorded and acceptable.

    Only records in service are checked: partnerships and outlets in an active lifecycle
    state, banks with such a partnership, active staff of such outlets (holding
    permissions, with ``with_permissions``). ``equals`` requires a value; ``at_least``
    a minimum; neither: presence. ``if_equipment`` restricts outlets (and their staff) to
    those with one of those pieces of equipment.
    """

    record: Literal["bank", "partnership", "outlet", "staff"]
    field: str
    equals: bool | int | str | None = None
    at_least: float | None = None
    with_permissions: bool = False
    # attrs.field: the name ``field`` is this class's attribute above.
    if_equipment: tuple[str, ...] = attrs.field(default=(), metadata={"domain": "equipment"})
    outlet_kinds: tuple[str, ...] = kinds_field()


def record_field(ctx: CheckContext, _: Requirement, params: RecordField) -> Iterator[Violation]:
    judged: Iterator[Violation | None]
    if params.record == "bank":
        serving = {p.bank for p in ctx.snapshot.partnerships if ctx.is_active("partnership", p)}
        judged = (
            _judge(params, bank.extra.get(params.field), f"banks/{bank.id}", pointer("banks", i))
            for i, bank in enumerate(ctx.snapshot.banks)
            if bank.id in serving
        )
    elif params.record == "partnership":
        judged = (
            _judge(params, p.extra.get(params.field), ctx.subject(p), ctx.path(p))
            for p in ctx.snapshot.partnerships
            if ctx.is_active("partnership", p)
        )
    else:
        judged = _judge_outlets(ctx, params)
    yield from (violation for violation in judged if violation is not None)


def _judge_outlets(ctx: CheckContext, params: RecordField) -> Iterator[Violation | None]:
    equipment = set(params.if_equipment)
    for outlet in ctx.outlets(params.outlet_kinds):
        if not ctx.is_active("outlet", outlet):
            continue
        if equipment and equipment.isdisjoint(outlet.equipment):
            continue
        if params.record == "outlet":
            yield _judge(
                params, outlet.extra.get(params.field), ctx.subject(outlet), ctx.path(outlet)
            )
            continue
        for person in ctx.active_staff(outlet):
            if params.with_permissions and not person.permissions:
                continue
            yield _judge(
                params,
                person.extra.get(params.field),
                ctx.subject(outlet, person),
                ctx.staff_path(outlet, person),
            )


_NOT_RECORDED = Text("未记录“{field}”", "'{field}' is not recorded")
_NOT_EQUAL = Text(
    "“{field}”为 {value}，应为 {expected}", "'{field}' is {value}, expected {expected}"
)
_TOO_LOW = Text(
    "“{field}”为 {value}，应不少于 {expected}", "'{field}' is {value}, at least {expected} required"
)


def _judge(params: RecordField, value: Any, subject: str, path: str) -> Violation | None:
    if value is None:
        return Violation(subject, path, _NOT_RECORDED, {"field": params.field})
    if params.equals is not None and value != params.equals:
        return Violation(
            subject,
            f"{path}/{params.field}",
            _NOT_EQUAL,
            {"field": params.field, "value": word(value), "expected": word(params.equals)},
        )
    if params.at_least is not None and isinstance(value, (int, float)) and value < params.at_least:
        return Violation(
            subject,
            f"{path}/{params.field}",
            _TOO_LOW,
            {"field": params.field, "value": str(value), "expected": str(params.at_least)},
        )
    return None


# --- events that must have happened at least once ------------------------------------------


# --- 第二十条第（三）项、第二十二条第（四）项: hand-over at the agreed time ------------------------


@frozen
class HandoverInterval:
    """Active outlets hand materials over at least every ``interval_field`` days agreed on the partnership.

    Outlets whose department runs the single-set archive pilot (``pilot_field`` true) may
    hand over no paper and are skipped. A partnership that records no agreed interval is
    a finding.
    """

    interval_field: str = "handover_every_days"
    pilot_field: str = "single_set_pilot"
    outlet_kinds: tuple[str, ...] = kinds_field()


def handover_interval(
    ctx: CheckContext, _: Requirement, params: HandoverInterval
) -> Iterator[Violation]:
    unrecorded: set[str] = set()
    for outlet in ctx.outlets(params.outlet_kinds):
        if not ctx.is_active("outlet", outlet):
            continue
        partnership = ctx.partnership_of(outlet)
        department = ctx.departments.get(partnership.department)
        if department is not None and department.extra.get(params.pilot_field) is True:
            continue
        interval = partnership.extra.get(params.interval_field)
        if interval is None:
            if partnership.id not in unrecorded:
                unrecorded.add(partnership.id)
                yield Violation(
                    ctx.subject(partnership),
                    ctx.path(partnership),
                    Text(
                        "合作关系未记录双方约定的资料移交时间（{field}）",
                        "the agreed hand-over interval ({field}) is not recorded",
                    ),
                    {"field": params.interval_field},
                )
            continue
        handovers = [e.handed_over_on or e.on for e in _past(ctx, outlet, "materials_handover")]
        trace = ctx.traces().get(("outlet", outlet.id))
        machine = ctx.profile.lifecycles.get("outlet")
        entered = [
            d for s in (machine.active if machine else ()) if trace and (d := trace.entered(s))
        ]
        start = max(handovers, default=None) or min(entered, default=None)
        if start is None:
            continue
        due = add_days(start, int(interval))  # saturates: a huge agreed interval never falls due
        if due < ctx.as_of:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "events"),
                Text(
                    "最近一次资料移交：{last}；按约定每 {days} 天移交，应于 {due} 前移交",
                    "last hand-over: {last}; agreed every {days} days, due by {due}",
                ),
                {
                    "last": str(max(handovers)) if handovers else Text("无记录", "none recorded"),
                    "days": int(interval),
                    "due": str(due),
                },
            )


# --- 第三十四条第（二）项: public evaluation covers every item -----------------------------------


@frozen
class EvaluationCoverage:
    """Every item an active outlet offers is covered by an evaluation (matching ``when``) recorded on it."""

    when: dict[str, Any] = field(factory=dict)
    outlet_kinds: tuple[str, ...] = kinds_field()


def evaluation_coverage(
    ctx: CheckContext, _: Requirement, params: EvaluationCoverage
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        if not ctx.is_active("outlet", outlet) or not outlet.items:
            continue
        covered = {
            item
            for e in _past(ctx, outlet, "evaluation")
            if event_matches(e, params.when)
            for item in e.items
        }
        missing = [o.item for o in outlet.items if o.item not in covered]
        if missing:
            names = [ctx.item_name(i) for i in missing]
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "items"),
                Text(
                    "以下事项未纳入群众评价：{items}",
                    "items not covered by public evaluation: {items}",
                ),
                {"items": Text(join(names, "zh"), join(names, "en"))},
            )


# --- 第九条: self-service terminals ---------------------------------------------------------


@frozen
class SelfServiceTerminal:
    """Outlets offering self-service (of ``kinds``, or with one of ``zones``) have a terminal with ``all`` and one of each ``any_of``."""

    kinds: tuple[str, ...] = field(default=(), metadata={"domain": "outlet_kinds"})
    zones: tuple[str, ...] = field(default=(), metadata={"domain": "zones"})
    all: tuple[str, ...] = field(default=(), metadata={"domain": "equipment"})
    any_of: tuple[tuple[str, ...], ...] = field(default=(), metadata={"domain": "equipment"})


def self_service_terminal(
    ctx: CheckContext, _: Requirement, params: SelfServiceTerminal
) -> Iterator[Violation]:
    for outlet in ctx.outlets():
        if _closed(ctx, outlet):
            continue
        if outlet.kind not in params.kinds and not set(params.zones) & set(outlet.zones):
            continue
        have = set(outlet.equipment)
        missing = [ctx.label("equipment", t) for t in params.all if t not in have]
        missing += [
            Text(
                "或".join(ctx.label("equipment", t).zh for t in group),
                " or ".join(ctx.label("equipment", t).en for t in group),
            )
            for group in params.any_of
            if not have & set(group)
        ]
        if missing:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "equipment"),
                Text(
                    "提供自助服务，但自助终端缺少：{missing}",
                    "offers self-service but its terminal lacks: {missing}",
                ),
                {
                    "missing": Text(
                        join((m.zh for m in missing), "zh"), join((m.en for m in missing), "en")
                    )
                },
            )


# --- deadlines: the same readings as the checks above, dated ----------------------------------


def failed_rectifications_due(
    ctx: CheckContext, _: Requirement, params: FailedRectifications
) -> Iterator[Due]:
    """Where the forced-exit ground is met and no exit recorded since: due the day it was met."""
    for record in _partnerships_and_outlets(ctx):
        met_on = _ground_met(record, params.failures, ctx.as_of)
        if met_on is None:
            continue
        owners: list[Outlet | Partnership] = [record]
        if isinstance(record, Outlet):
            owners.append(ctx.partnership_of(record))
        if not any(
            e.type in ("forced_exit", "termination") and met_on <= e.on <= ctx.as_of
            for owner in owners
            for e in owner.events
        ):
            yield Due(
                ctx.subject(record),
                ctx.path(record, "events"),
                met_on,
                Text(
                    "约谈后连续 {failures} 次整改复查未通过（最近一次 {on}）：强制退出",
                    "{failures} consecutive rectification checks failed after an interview (last on {on}): force the exit",
                ),
                {"failures": params.failures, "on": str(met_on)},
                key=f"ground@{met_on}",
            )


def handover_interval_due(
    ctx: CheckContext, _: Requirement, params: HandoverInterval
) -> Iterator[Due]:
    """Each active outlet's next hand-over: the agreed interval after the last one (or after it
    began to serve)."""
    for outlet in ctx.outlets(params.outlet_kinds):
        if not ctx.is_active("outlet", outlet):
            continue
        partnership = ctx.partnership_of(outlet)
        department = ctx.departments.get(partnership.department)
        if department is not None and department.extra.get(params.pilot_field) is True:
            continue
        interval = partnership.extra.get(params.interval_field)
        if interval is None:
            continue  # no agreed interval: check reports that, there is no date to give
        handovers = [e.handed_over_on or e.on for e in _past(ctx, outlet, "materials_handover")]
        trace = ctx.traces().get(("outlet", outlet.id))
        machine = ctx.profile.lifecycles.get("outlet")
        entered = [
            d for s in (machine.active if machine else ()) if trace and (d := trace.entered(s))
        ]
        start = max(handovers, default=None) or min(entered, default=None)
        if start is None:
            continue
        yield Due(
            ctx.subject(outlet),
            ctx.path(outlet, "events"),
            add_days(start, int(interval)),
            Text(
                "移交业务资料（约定每 {days} 天；最近一次：{last}）",
                "hand the materials over (agreed every {days} days; last: {last})",
            ),
            {
                "days": int(interval),
                "last": str(max(handovers)) if handovers else Text("无记录", "none recorded"),
            },
            key="materials_handover",
        )


_SUBJECTS = {
    "partnership": Text("合作关系", "partnership"),
    "outlet": Text("合作网点", "outlet"),
    "bank": Text("合作银行", "bank"),
    "staff": Text("工作人员", "staff"),
}


def _when(when: Mapping[str, Any]) -> str:
    return ",".join(f"{k}={when[k]}" for k in sorted(when))


def describe_forced_exit_ratio(
    ctx: DescribeContext, req: Requirement, params: ForcedExitRatio
) -> Iterator[Fact]:
    percent = round(params.ratio * 100)
    yield Fact(
        "exit",
        "forced_exit_ratio",
        Text("合作银行整体强制退出", "Bank-wide forced exit"),
        Text(f"被强制退出网点达 {percent}% 时", f"when {percent}% of its outlets were forced out"),
        f"ratio={params.ratio}",
    )
    yield from ctx.regulates(req, "forced_exit")


def describe_failed_rectifications(
    ctx: DescribeContext, req: Requirement, params: FailedRectifications
) -> Iterator[Fact]:
    yield Fact(
        "exit",
        "failed_rectifications",
        Text("约谈后整改复查不通过", "Failed rectification checks after an interview"),
        Text(
            f"连续 {params.failures} 次即强制退出", f"forced exit after {params.failures} in a row"
        ),
        f"failures={params.failures}",
    )
    yield from ctx.regulates(req, "forced_exit")


def describe_dedicated_posts(
    ctx: DescribeContext, _: Requirement, params: DedicatedPosts
) -> Iterator[Fact]:
    yield Fact(
        "posts",
        "dedicated",
        Text("专人专岗", "One post per person"),
        ctx.labels("posts", params.posts),
        ";".join(sorted(params.posts)),
    )


def describe_record_field(
    ctx: DescribeContext, req: Requirement, params: RecordField
) -> Iterator[Fact]:
    subject = _SUBJECTS[params.record]
    if params.equals is not None:
        value, token = (
            Text(f"应为 {params.equals}", f"must be {params.equals}"),
            f"equals={params.equals}",
        )
    elif params.at_least is not None:
        value, token = (
            Text(f"不少于 {params.at_least}", f"at least {params.at_least}"),
            f"at_least={params.at_least}",
        )
    else:
        value, token = Text("须记录", "recorded"), "recorded"
    yield Fact(
        "records",
        f"{params.record}/{params.field}",
        Text(f"{params.field}（{subject.zh}）", f"{params.field} ({subject.en})"),
        value,
        token,
        qualifier=ctx.severity_word(req),
    )


def describe_handover_interval(
    ctx: DescribeContext, req: Requirement, params: HandoverInterval
) -> Iterator[Fact]:
    yield Fact(
        "thresholds",
        "handover/interval",
        Text("资料移交间隔", "Materials hand-over interval"),
        Text(
            f"按合作双方约定的时间（{params.interval_field}）",
            f"as the partners agree ({params.interval_field})",
        ),
        "agreed",
    )
    yield from ctx.regulates(req, "materials_handover")


def describe_evaluation_coverage(
    ctx: DescribeContext, _: Requirement, params: EvaluationCoverage
) -> Iterator[Fact]:
    when = _when(params.when)
    yield Fact(
        "events",
        "evaluation/items",
        Text("评价覆盖的事项", "Items evaluated"),
        Text(
            "每项所办事项" + (f"（{when}）" if when else ""),
            "every item offered" + (f" ({when})" if when else ""),
        ),
        "every_item" + (f";{when}" if when else ""),
    )


def describe_self_service_terminal(
    ctx: DescribeContext, _: Requirement, params: SelfServiceTerminal
) -> Iterator[Fact]:
    groups = [*((t,) for t in params.all), *params.any_of]
    names = [
        Text(
            "或".join(ctx.label("equipment", t).zh for t in g),
            " or ".join(ctx.label("equipment", t).en for t in g),
        )
        for g in groups
    ]
    yield Fact(
        "equipment",
        "self_service_terminal",
        Text("自助服务终端", "Self-service terminal"),
        Text(join((n.zh for n in names), "zh"), join((n.en for n in names), "en")),
        ";".join("|".join(sorted(g)) for g in groups),
    )


KINDS: tuple[CheckKind, ...] = (
    CheckKind(
        "guangdong.forced_exit_ratio",
        ForcedExitRatio,
        forced_exit_ratio,
        ForcedExitRatio.__doc__ or "",
        describe=describe_forced_exit_ratio,
        scope="bank",
    ),
    CheckKind(
        "guangdong.failed_rectifications",
        FailedRectifications,
        failed_rectifications,
        FailedRectifications.__doc__ or "",
        due=failed_rectifications_due,
        describe=describe_failed_rectifications,
        scope="bank",
    ),
    CheckKind(
        "guangdong.dedicated_posts",
        DedicatedPosts,
        dedicated_posts,
        DedicatedPosts.__doc__ or "",
        describe=describe_dedicated_posts,
        scope="bank",
    ),
    CheckKind(
        "guangdong.record_field",
        RecordField,
        record_field,
        RecordField.__doc__ or "",
        describe=describe_record_field,
        scope="bank",
    ),
    CheckKind(
        "guangdong.handover_interval",
        HandoverInterval,
        handover_interval,
        HandoverInterval.__doc__ or "",
        due=handover_interval_due,
        describe=describe_handover_interval,
        scope="bank",
    ),
    CheckKind(
        "guangdong.evaluation_coverage",
        EvaluationCoverage,
        evaluation_coverage,
        EvaluationCoverage.__doc__ or "",
        describe=describe_evaluation_coverage,
        scope="bank",
    ),
    CheckKind(
        "guangdong.self_service_terminal",
        SelfServiceTerminal,
        self_service_terminal,
        SelfServiceTerminal.__doc__ or "",
        describe=describe_self_service_terminal,
        scope="bank",
    ),
)
"""Every check kind this plugin provides."""

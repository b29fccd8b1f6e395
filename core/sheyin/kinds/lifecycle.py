"""The ``lifecycle`` kind: events out of order or missing an earlier step."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from attrs import field, frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Value, Violation
from sheyin.engine.lifecycle import Refusal
from sheyin.i18n import Text
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Lifecycle, Requirement


@frozen
class LifecycleCheck:
    """Events out of order: one finding per refused event, citing the requirement of the
    step that was skipped (or of the refused transition when no step leads there). Takes
    no parameters: the transitions say it all."""


def lifecycle(
    ctx: CheckContext, requirement: Requirement, _: LifecycleCheck
) -> Iterator[Violation]:
    refused = ctx.memo("sheyin.lifecycle.refusals", lambda: _refusals_by_requirement(ctx))
    texts: dict[tuple[str, str, object], Text] = {}

    def named(subject: str, key: str, name: Callable[[Lifecycle, str], Text]) -> Text:
        """A state's name or an event's expected states, worked out once per check."""
        text = texts.get((subject, key, name))
        if text is None:
            text = texts[(subject, key, name)] = name(ctx.profile.lifecycles[subject], key)
        return text

    for subject, record_id, refusal in refused.get(requirement.id, ()):
        record = (
            ctx.partnerships[record_id]
            if subject == "partnership"
            else ctx.outlets_by_id[record_id]
        )
        values: dict[str, Value] = {
            "event": ctx.label("event_types", refusal.event.type),
            "on": str(refusal.event.on),
            "state": named(subject, refusal.state, _state_name),
            "expected": named(subject, refusal.event.type, _expected),
        }
        if refusal.skipped is not None:
            template = Text(
                "{event}（{on}）之前未见{skipped}（当时处于“{state}”）",
                "{event} on {on} without the earlier step {skipped} (state was '{state}')",
            )
            values["skipped"] = ctx.label("event_types", refusal.skipped)
        elif refusal.partnership_state is not None:
            template = Text(
                "{event}（{on}）时合作关系处于“{pstate}”，尚不能进行",
                "{event} on {on} while the partnership was '{pstate}'",
            )
            values["pstate"] = named("partnership", refusal.partnership_state, _state_name)
        else:
            template = Text(
                "{event}（{on}）不能在“{state}”状态下进行（应处于：{expected}）",
                "{event} on {on} is not allowed in state '{state}' (expected: {expected})",
            )
        yield Violation(
            f"{subject}s/{record_id}",
            ctx.path(record, "events", refusal.position),
            template,
            values,
        )


def _refusals_by_requirement(
    ctx: CheckContext,
) -> dict[str, list[tuple[str, str, Refusal]]]:
    """Every refusal of the run, by the requirement it cites, in the order of the traces: each
    lifecycle requirement reads its own, not every record's trace again."""
    refused: dict[str, list[tuple[str, str, Refusal]]] = {}
    for (subject, record_id), trace in ctx.traces().items():
        for refusal in trace.refusals:
            refused.setdefault(refusal.requirement, []).append((subject, record_id, refusal))
    return refused


def _state_name(machine: Lifecycle, state_id: str) -> Text:
    state = machine.state(state_id)
    return Text(state.zh, state.en) if state else Text(state_id, state_id)


def _expected(machine: Lifecycle, event_type: str) -> Text:
    states: list[str] = []
    for transition in machine.transitions:
        if transition.event == event_type:
            states.extend(s for s in transition.from_ if s not in states)
    names = [_state_name(machine, s) for s in states]
    return Text("、".join(n.zh for n in names), ", ".join(n.en for n in names))


SUBJECTS = {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}


def describe_lifecycle(ctx: DescribeContext, req: Requirement, _: LifecycleCheck) -> Iterator[Fact]:
    """The steps of each lifecycle with a transition citing ``req``, and the exit steps among them."""
    for subject, machine in ctx.profile.lifecycles.items():
        cited = [t for t in machine.transitions if t.requirement == req.id]
        if not cited:
            continue
        steps: list[str] = []
        for transition in machine.transitions:
            if transition.to is not None and transition.event not in steps:
                steps.append(transition.event)
        names = [ctx.label("event_types", s) for s in steps]
        yield Fact(
            "lifecycle",
            subject,
            SUBJECTS[subject],
            Text(" → ".join(n.zh for n in names), " → ".join(n.en for n in names)),
            ">".join(steps),
        )
        yield from ctx.regulates(req, *(t.event for t in cited), any_dimension=True)


@frozen
class ServesWhenActive:
    """Outlets serve only once their lifecycle has reached an active state (the plaque up, in
    service): no event of ``events`` (permissions granted, materials handed over) is dated
    before that, and an outlet not yet active on the as-of date offers no items and its
    staff hold no permissions. What follows the end of service (exit duties) is not judged here."""

    events: tuple[str, ...] = field(
        default=("permission_grant", "materials_handover"), metadata={"domain": "event_types"}
    )
    holds: bool = True


def serves_when_active(
    ctx: CheckContext, _: Requirement, params: ServesWhenActive
) -> Iterator[Violation]:
    machine = ctx.profile.lifecycles.get("outlet")
    if machine is None or not machine.active:
        return
    for outlet in ctx.outlets(serving=True):
        trace = ctx.traces()[("outlet", outlet.id)]
        opened = min(
            (d for state in machine.active if (d := trace.entered(state)) is not None),
            default=None,
        )
        for kind in params.events:
            for position, event in ctx.events(outlet, kind):
                if event.on <= ctx.as_of and (opened is None or event.on < opened):
                    yield Violation(
                        ctx.subject(outlet),
                        ctx.path(outlet, "events", position),
                        Text(
                            "{event}（{on}）时网点尚未挂牌服务",
                            "{event} on {on} before the outlet was in service",
                        ),
                        {"event": ctx.label("event_types", kind), "on": str(event.on)},
                    )
        if not params.holds or opened is not None:
            continue
        if outlet.items:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "items"),
                Text(
                    "网点尚未挂牌服务，已登记办理 {count} 项事项",
                    "the outlet is not in service yet but offers {count} item(s)",
                ),
                {"count": len(outlet.items)},
            )
        for person in ctx.active_staff(outlet):
            if person.permissions:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    Text(
                        "网点尚未挂牌服务，{name}已持有权限：{held}",
                        "the outlet is not in service yet but {name} holds: {held}",
                    ),
                    {
                        "name": person.name or person.id,
                        "held": ctx.labels("permissions", person.permissions),
                    },
                )


def describe_serves_when_active(
    ctx: DescribeContext, req: Requirement, params: ServesWhenActive
) -> Iterator[Fact]:
    yield Fact(
        "lifecycle",
        "serves_when_active",
        Text("挂牌后方可服务", "Serving only once in service"),
        Text(
            "开通权限、移交资料、办理事项须在挂牌之后",
            "permissions, hand-overs and items after the plaque",
        ),
        "yes",
    )
    yield from ctx.regulates(req, *params.events)


KINDS = (
    CheckKind(
        "lifecycle",
        LifecycleCheck,
        lifecycle,
        LifecycleCheck.__doc__ or "",
        describe=describe_lifecycle,
        scope="bank",
    ),
    CheckKind(
        "serves_when_active",
        ServesWhenActive,
        serves_when_active,
        ServesWhenActive.__doc__ or "",
        describe=describe_serves_when_active,
        scope="bank",
    ),
)

"""Replaying events through a profile's lifecycle: the state is derived from the log.

Events happened: each is judged against the state the events themselves reach. An
event that some transition mentions is governed; in a state no transition allows,
it is refused once, citing the step that was skipped (the first transition on the
shortest way to the first state, in the profile's order, that the event is allowed
in and the record can still reach), and the
record still moves to the state the event puts it in, so one missing step gives
one refusal, not a cascade over every later event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs
from attrs import frozen

from sheyin.profile.model import Lifecycle, Transition
from sheyin.snapshot.model import Event


@frozen
class Refusal:
    """An event that its subject's state did not allow."""

    position: int
    event: Event
    state: str
    requirement: str  # the requirement of the skipped step (else of the refused transition)
    partnership_state: str | None = None  # set when the partnership's state was the obstacle
    skipped: str | None = None  # the event type of the step that was skipped, when one was


@frozen
class Trace:
    """The result of replaying one subject's events: its states over time and refusals."""

    initial: str
    changes: tuple[tuple[date, str], ...]  # (date, state entered)
    refusals: tuple[Refusal, ...]

    @property
    def state(self) -> str:
        """The state after the last event."""
        return self.changes[-1][1] if self.changes else self.initial

    def state_on(self, day: date) -> str:
        """The state the subject was in at the end of ``day``."""
        current = self.initial
        for changed_on, state in self.changes:
            if changed_on > day:
                break
            current = state
        return current

    def entered(self, state: str) -> date | None:
        """The first day the subject entered ``state``."""
        return next((on for on, s in self.changes if s == state), None)


_EVENT_FIELDS = tuple(f.name for f in attrs.fields(Event) if f.name != "extra")


def event_values(event: Event) -> Mapping[str, Any]:
    """An event's fields by name, profile-added ones included, for matching ``when``."""
    values = {name: getattr(event, name) for name in _EVENT_FIELDS}
    return {**values, **event.extra}


_EVENT_FIELD_SET = frozenset(_EVENT_FIELDS)


def event_value(event: Event, name: str) -> Any:
    """One field of ``event`` as :func:`event_values` gives it (a profile-added field wins over
    a contract one of the same name; None when absent), without building them all."""
    extra = event.extra
    if name in extra:
        return extra[name]
    return getattr(event, name) if name in _EVENT_FIELD_SET else None


def event_matches(event: Event, when: Mapping[str, Any]) -> bool:
    """True when the event's fields (profile-added ones included) equal every value in ``when``;
    an empty ``when`` matches without reading the event's fields."""
    return all(event_value(event, key) == expected for key, expected in when.items())


def transitions_by_event(lifecycle: Lifecycle) -> dict[str, tuple[Transition, ...]]:
    """A lifecycle's transitions grouped by the event type that takes them, in the profile's
    order: built once per check run, so that replaying each record looks its events up."""
    grouped: dict[str, list[Transition]] = {}
    for transition in lifecycle.transitions:
        grouped.setdefault(transition.event, []).append(transition)
    return {event: tuple(transitions) for event, transitions in grouped.items()}


def replay(
    lifecycle: Lifecycle,
    events: tuple[Event, ...],
    partnership_state: Callable[[date], str] | None = None,
    until: date | None = None,
    *,
    by_event: Mapping[str, tuple[Transition, ...]] | None = None,
) -> Trace:
    """Replay ``events`` in date order (ties keep their recorded order), up to ``until``.

    ``by_event`` is :func:`transitions_by_event` of ``lifecycle``, when the caller replays
    many records.
    """
    if by_event is None:
        by_event = transitions_by_event(lifecycle)
    state = lifecycle.initial
    changes: list[tuple[date, str]] = []
    refusals: list[Refusal] = []
    days = [event.on for event in events]
    for position in sorted(range(len(events)), key=days.__getitem__):  # stable: ties in order
        event = events[position]
        if until is not None and event.on > until:
            break
        mentioned = by_event.get(event.type)
        if not mentioned:
            continue  # no transition mentions it: it changes nothing
        reached, refusal = step(
            lifecycle, state, event, position, partnership_state, mentioned=mentioned
        )
        if refusal is not None:
            refusals.append(refusal)
        if reached != state:
            state = reached
            changes.append((event.on, state))
    return Trace(initial=lifecycle.initial, changes=tuple(changes), refusals=tuple(refusals))


def step(
    lifecycle: Lifecycle,
    state: str,
    event: Event,
    position: int = 0,
    partnership_state: Callable[[date], str] | None = None,
    *,
    mentioned: tuple[Transition, ...] | None = None,
) -> tuple[str, Refusal | None]:
    """Judge one event in ``state``: the state it reaches, and its refusal when out of order.

    An event no transition mentions (or whose fields match no transition) changes nothing.
    ``mentioned``: the transitions of the event's type, when the caller has them at hand.
    """
    if mentioned is None:
        mentioned = tuple(t for t in lifecycle.transitions if t.event == event.type)
    if not mentioned:
        return state, None
    candidates = [t for t in mentioned if not t.when or event_matches(event, t.when)]
    if not candidates:
        return state, None
    allowed = [t for t in candidates if state in t.from_]
    chosen = next((t for t in allowed if _partnership_allows(t, event, partnership_state)), None)
    if chosen is not None:
        return chosen.to or state, None
    # The way round on the record's own lifecycle names the skipped step: towards the
    # first state the event is allowed in (in the order the profile lists them) that the
    # record can still reach, by the fewest steps.
    for target in candidates:
        if state in target.from_:
            continue  # the record was ready: its partnership was not (below)
        for goal in target.from_:
            way = _way(lifecycle, state, goal)
            if way:
                refusal = Refusal(
                    position=position,
                    event=event,
                    state=state,
                    requirement=way[0].requirement,
                    skipped=way[0].event,
                )
                return target.to or state, refusal
    target = allowed[0] if allowed else candidates[0]
    blocking = partnership_state(event.on) if allowed and partnership_state else None
    refusal = Refusal(
        position=position,
        event=event,
        state=state,
        requirement=target.requirement,
        partnership_state=blocking,  # the record was ready; its partnership was not
    )
    return target.to or state, refusal


def _way(lifecycle: Lifecycle, start: str, goal: str) -> tuple[Transition, ...]:
    """The shortest run of state-changing transitions from ``start`` into ``goal``."""
    frontier: list[tuple[str, tuple[Transition, ...]]] = [(start, ())]
    seen = {start}
    while frontier:
        following: list[tuple[str, tuple[Transition, ...]]] = []
        for state, way in frontier:
            for transition in lifecycle.transitions:
                target = transition.to
                if state not in transition.from_ or target is None or target in seen:
                    continue
                if target == goal:
                    return (*way, transition)
                seen.add(target)
                following.append((target, (*way, transition)))
        frontier = following
    return ()


def _partnership_allows(
    transition: Transition, event: Event, partnership_state: Callable[[date], str] | None
) -> bool:
    if not transition.partnership or partnership_state is None:
        return True
    return partnership_state(event.on) in transition.partnership

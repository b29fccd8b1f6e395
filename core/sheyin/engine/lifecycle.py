"""Replaying events through a profile's lifecycle: the state is derived from the log.

An event type that some transition mentions is governed: in a state no transition
allows, it is refused, citing the requirement its transitions name.
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
    requirement: str
    partnership_state: str | None = None  # set when the partnership's state was the obstacle


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


def event_values(event: Event) -> Mapping[str, Any]:
    """An event's fields by name, profile-added ones included, for matching ``when``."""
    values = {f.name: getattr(event, f.name) for f in attrs.fields(Event) if f.name != "extra"}
    return {**values, **event.extra}


def replay(
    lifecycle: Lifecycle,
    events: tuple[Event, ...],
    partnership_state: Callable[[date], str] | None = None,
) -> Trace:
    """Replay ``events`` in date order (ties keep their recorded order)."""
    state = lifecycle.initial
    changes: list[tuple[date, str]] = []
    refusals: list[Refusal] = []
    for position, event in sorted(enumerate(events), key=lambda pair: pair[1].on):
        candidates = [
            t
            for t in lifecycle.transitions
            if t.event == event.type and t.applies_to(event_values(event))
        ]
        if not candidates:
            continue
        allowed = [t for t in candidates if state in t.from_]
        chosen = next(
            (t for t in allowed if _partnership_allows(t, event, partnership_state)), None
        )
        if chosen is None:
            refusals.append(
                _refusal(position, event, state, allowed or candidates, partnership_state)
            )
            continue
        if chosen.to is not None and chosen.to != state:
            state = chosen.to
            changes.append((event.on, state))
    return Trace(initial=lifecycle.initial, changes=tuple(changes), refusals=tuple(refusals))


def _partnership_allows(
    transition: Transition, event: Event, partnership_state: Callable[[date], str] | None
) -> bool:
    if not transition.partnership or partnership_state is None:
        return True
    return partnership_state(event.on) in transition.partnership


def _refusal(
    position: int,
    event: Event,
    state: str,
    transitions: list[Transition],
    partnership_state: Callable[[date], str] | None,
) -> Refusal:
    first = transitions[0]
    blocking: str | None = None
    if state in first.from_ and partnership_state is not None:
        blocking = partnership_state(event.on)  # the subject was ready; its partnership was not
    return Refusal(
        position=position,
        event=event,
        state=state,
        requirement=first.requirement,
        partnership_state=blocking,
    )

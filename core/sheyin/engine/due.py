"""Deadlines: what falls due, collected from the check kinds that enforce each requirement.

A check kind that judges time (a period that runs out, a duty that follows an event)
may offer a ``due`` method beside ``run``: for each record whose requirement is not
yet met, it says the last day on which meeting it still satisfies the check, and what
must happen by then. The engine collects them here, for every checked requirement,
with the same parameters ``run`` gets, so ``due`` and ``check`` cannot disagree: an
entry due on day D that is still unmet on D is a finding of the same rule and subject
on D + 1, and was not one on D - 1.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from sheyin.dates import add_days
from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Value
from sheyin.errors import PluginError, problem
from sheyin.i18n import LANGS, Lang, Text
from sheyin.profile.model import Profile, Requirement, Severity
from sheyin.services import Service
from sheyin.snapshot.model import Snapshot

if TYPE_CHECKING:  # the plugin package imports this module: no cycle at run time
    from sheyin.plugin.types import CheckKind


@frozen
class Due:
    """What a check kind says falls due for one record, before it is tied to a requirement.

    ``due_on`` is the last day on which doing ``action`` still meets the requirement: the
    check finds nothing on that day if it is done by then, and finds it on the next day
    if it is not. ``subject`` and ``path`` are those the check's finding would have.
    ``key`` tells apart several deadlines of one requirement on one subject (the event
    that started each one, say) and keeps calendar entries stable as the date moves.
    """

    subject: str
    path: str
    due_on: date
    action: Text
    values: Mapping[str, Value] = field(factory=dict)
    key: str = ""

    def render(self, lang: Lang) -> str:
        """The action in ``lang`` with its placeholders filled in."""
        filled = {k: v.render(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return self.action.render(lang, **filled)


@frozen
class Deadline:
    """One requirement falling due for one record, as ``sheyin due`` lists it."""

    due_on: date
    rule: str
    clause: str
    severity: Severity
    subject: str
    path: str
    action: Text  # rendered, in both languages
    overdue: bool
    key: str = ""

    @property
    def uid(self) -> str:
        """An identifier that stays the same while the duty is the same (RFC 5545 ``UID``).

        It leaves out the date, so a calendar subscription moves a periodic duty to its
        next date instead of adding a second entry, and the snapshot's record order, so
        reordering records changes nothing.
        """
        digest = hashlib.sha256(
            json.dumps([self.rule, self.subject, self.key], ensure_ascii=False).encode("utf-8")
        ).hexdigest()
        return f"{digest[:32]}@sheyin"

    def days_left(self, as_of: date) -> int:
        """Days from ``as_of`` to the due date (negative when overdue)."""
        return (self.due_on - as_of).days

    def to_dict(self) -> dict[str, Any]:
        """The entry as in schemas/due.schema.json."""
        return {
            "due_on": self.due_on.isoformat(),
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity,
            "subject": self.subject,
            "path": self.path,
            "action": {"zh": self.action.zh, "en": self.action.en},
            "overdue": self.overdue,
            "uid": self.uid,
        }


@frozen
class Agenda:
    """Everything falling due under one profile, seen on one date (``sheyin due``)."""

    profile: str
    as_of: date
    within: int | None
    deadlines: tuple[Deadline, ...]

    @property
    def summary(self) -> dict[str, int]:
        """How many entries are overdue and how many are still ahead."""
        overdue = sum(1 for d in self.deadlines if d.overdue)
        return {"overdue": overdue, "upcoming": len(self.deadlines) - overdue}

    def to_dict(self) -> dict[str, Any]:
        """The agenda as in schemas/due.schema.json."""
        return {
            "profile": self.profile,
            "as_of": self.as_of.isoformat(),
            "within": self.within,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The agenda as JSON text (UTF-8, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def by_rule(self, rule: str) -> tuple[Deadline, ...]:
        """The entries of one requirement."""
        return tuple(d for d in self.deadlines if d.rule == rule)


def collect_deadlines(
    profile: Profile,
    snapshot: Snapshot,
    as_of: date,
    kinds: Mapping[str, CheckKind],
    services: Mapping[str, Service] | None = None,
    *,
    within: int | None = None,
    subject: str | None = None,
) -> Agenda:
    """Every deadline of every checked requirement of ``profile`` whose kind offers ``due``.

    Overdue entries come first, then the rest by date. ``within`` keeps entries due no
    later than ``within`` days after ``as_of`` (overdue ones always stay); ``subject``
    keeps those of one record (``outlets/o1``, or a bare id ``o1``) and the records
    under it (its staff).
    """
    ctx = CheckContext(snapshot, profile, as_of, services)
    last_day = add_days(as_of, within) if within is not None else None
    found: list[Deadline] = []
    for requirement in profile.requirements:
        if requirement.check is None:
            continue
        kind = kinds[requirement.check.kind]
        if kind.due is None:
            continue
        for due in _ask(kind, ctx, requirement):
            if last_day is not None and due.due_on > last_day:
                continue
            if subject is not None and not concerns(due.subject, subject):
                continue
            found.append(
                Deadline(
                    due_on=due.due_on,
                    rule=requirement.id,
                    clause=requirement.clause,
                    severity=requirement.severity,
                    subject=due.subject,
                    path=due.path,
                    action=Text(*(due.render(lang) for lang in LANGS)),
                    overdue=due.due_on < as_of,
                    key=due.key,
                )
            )
    found.sort(key=lambda d: (not d.overdue, d.due_on, d.subject, d.rule, d.path, d.key))
    return Agenda(profile=profile.name, as_of=as_of, within=within, deadlines=tuple(found))


def _ask(kind: CheckKind, ctx: CheckContext, requirement: Requirement) -> Iterable[Due]:
    assert kind.due is not None
    assert requirement.check is not None
    rule = requirement.id
    try:
        return list(kind.due(ctx, requirement, requirement.check.params))
    except Exception as exc:  # a plugin's kind must not end in a traceback
        raise PluginError(
            (
                problem(
                    f"check kind {kind.name}",
                    "",
                    f"计算“{rule}”的到期事项时出错：{type(exc).__name__}: {exc}",
                    f"finding what falls due for '{rule}' failed: {type(exc).__name__}: {exc}",
                ),
            )
        ) from exc


def concerns(subject: str, wanted: str) -> bool:
    """True when ``subject`` (``outlets/o1/staff/s1``) is ``wanted`` or lies under it.

    ``wanted`` is a subject (``outlets/o1``) or a bare record id (``o1``, ``s1``).
    """
    wanted = wanted.strip("/")
    if subject == wanted or subject.startswith(wanted + "/"):
        return True
    parts = subject.split("/")
    return "/" not in wanted and wanted in parts[1::2]

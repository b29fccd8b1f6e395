"""What checks see: the snapshot, the profile, the date, and indexes built once per run."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from sheyin.engine.findings import Value, Violation
from sheyin.engine.lifecycle import Trace, replay, transitions_by_event
from sheyin.errors import pointer
from sheyin.i18n import Text, join
from sheyin.profile.model import Catalogue, Profile
from sheyin.services import Service
from sheyin.snapshot.model import Bank, Department, Event, Outlet, Partnership, Snapshot, Staff
from sheyin.vocabulary import Domain

T = TypeVar("T")
Record = Outlet | Partnership | Bank | Department
_COLLECTIONS: Mapping[type, str] = {
    Outlet: "outlets",
    Partnership: "partnerships",
    Bank: "banks",
    Department: "departments",
}


class CheckContext:
    """Per-run, read-only view of one snapshot under one profile on one date.

    Built once per check run and never shared between threads; ``memo`` lets
    check kinds share work (the lifecycle replay, for instance) within the run.

    When ``snapshot`` is one shard of a larger snapshot (``sheyin check --jobs``, see
    :mod:`sheyin.engine.shard`), ``positions`` gives, per collection, each record's
    position in the whole snapshot (so that paths point into it), and ``outlet_codes``
    the outlet codes counted over the whole snapshot.
    """

    def __init__(
        self,
        snapshot: Snapshot,
        profile: Profile,
        as_of: date,
        services: Mapping[str, Service] | None = None,
        *,
        positions: Mapping[str, Sequence[int]] | None = None,
        outlet_codes: Mapping[str, int] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.profile = profile
        self.as_of = as_of
        self.services: Mapping[str, Service] = services or {}  # canonical services by id
        self.catalogue: Catalogue | None = profile.catalogue_on(as_of)
        self.departments: dict[str, Department] = {d.id: d for d in snapshot.departments}
        self.banks: dict[str, Bank] = {b.id: b for b in snapshot.banks}
        self.partnerships: dict[str, Partnership] = {p.id: p for p in snapshot.partnerships}
        self._positions: Mapping[str, Sequence[int]] = positions or {}
        self._indexes: dict[str, dict[str, int]] = {}
        for collection in ("partnerships", "outlets"):
            self._index(collection)
        self._outlet_codes = outlet_codes
        self.outlets_by_id: dict[str, Outlet] = {o.id: o for o in snapshot.outlets}
        by_partnership: dict[str, list[Outlet]] = defaultdict(list)
        for outlet in snapshot.outlets:
            by_partnership[outlet.partnership].append(outlet)
        self._outlets_of = dict(by_partnership)
        self._memo: dict[str, Any] = {}
        # Built on first use, once per run: checks ask these for every record.
        self._traces: dict[tuple[str, str], Trace] | None = None
        self._serving: dict[str, bool] = {}
        self._serving_pool: tuple[Outlet, ...] | None = None
        self._pools: dict[tuple[tuple[str, ...], bool], tuple[Outlet, ...]] = {}
        self._active: dict[tuple[str, str], bool] = {}
        self._ended: dict[tuple[str, str], date | None] = {}
        self._staff_index: dict[tuple[str, str], int] | None = None
        self._events: dict[tuple[type, str], dict[str, list[tuple[int, Event]]]] = {}
        self._pointers: dict[tuple[object, ...], str] = {}
        self._paths: dict[tuple[object, ...], str] = {}
        self._staff_paths: dict[tuple[object, ...], str] = {}
        self._subjects: dict[tuple[type, str, str | None], str] = {}
        self._staff_pointers: dict[tuple[str, str], str] = {}
        self._active_staff: dict[str, tuple[Staff, ...]] = {}
        self._labels: dict[tuple[str, str], Text] = {}
        self._joined: dict[tuple[str, tuple[str, ...]], Text] = {}

    # --- navigation ---------------------------------------------------------------------------

    def outlets_of(self, partnership: Partnership) -> tuple[Outlet, ...]:
        """The outlets serving under ``partnership``."""
        return tuple(self._outlets_of.get(partnership.id, ()))

    def outlets_of_bank(self, bank_id: str) -> tuple[Outlet, ...]:
        """Every outlet of every partnership of bank ``bank_id``.

        The outlets are grouped by bank once per run (one pass over the partnerships), so
        a rule that asks for each partnership's bank stays linear in the snapshot.
        """
        return self.memo("outlets_by_bank", self._group_outlets_by_bank).get(bank_id, ())

    def _group_outlets_by_bank(self) -> dict[str, tuple[Outlet, ...]]:
        grouped: dict[str, list[Outlet]] = defaultdict(list)
        for partnership in self.snapshot.partnerships:
            grouped[partnership.bank].extend(self._outlets_of.get(partnership.id, ()))
        return {bank: tuple(outlets) for bank, outlets in grouped.items()}

    def outlet_code_counts(self) -> Mapping[str, int]:
        """How many outlets of the whole snapshot carry each outlet code (a shard's context
        counts every shard's outlets too)."""
        if self._outlet_codes is None:
            self._outlet_codes = Counter(o.code for o in self.snapshot.outlets if o.code)
        return self._outlet_codes

    def partnership_of(self, outlet: Outlet) -> Partnership:
        """The partnership ``outlet`` serves under (links are checked when parsing)."""
        return self.partnerships[outlet.partnership]

    def outlets(self, kinds: tuple[str, ...] = (), *, serving: bool = False) -> Iterator[Outlet]:
        """Outlets, only those of ``kinds`` when given, only those still in service when ``serving``."""
        pool = self._serving_outlets() if serving else self.snapshot.outlets
        if not kinds:
            return iter(pool)
        key = (tuple(kinds), serving)  # checks ask for the same kinds many times
        chosen = self._pools.get(key)
        if chosen is None:
            chosen = self._pools[key] = tuple(o for o in pool if o.kind in kinds)
        return iter(chosen)

    def _serving_outlets(self) -> tuple[Outlet, ...]:
        if self._serving_pool is None:
            self._serving_pool = tuple(o for o in self.snapshot.outlets if self.in_service(o))
        return self._serving_pool

    def in_service(self, outlet: Outlet) -> bool:
        """False once the outlet's lifecycle has reached one of its ``ended`` states."""
        serving = self._serving.get(outlet.id)
        if serving is None:
            machine = self.profile.lifecycles.get("outlet")
            serving = self._serving[outlet.id] = (
                machine is None
                or not machine.ended
                or self.traces()[("outlet", outlet.id)].state_on(self.as_of) not in machine.ended
            )
        return serving

    def state_of(self, subject: str, record_id: str) -> str | None:
        """The lifecycle state of a partnership or outlet on the as-of date (None without a lifecycle)."""
        trace = self.traces().get((subject, record_id))
        return trace.state_on(self.as_of) if trace else None

    def is_active(self, subject: str, record: Outlet | Partnership) -> bool:
        """True when the record serves the public on the as-of date (always, without active states)."""
        active = self._active.get((subject, record.id))
        if active is None:
            machine = self.profile.lifecycles.get(subject)
            active = self._active[(subject, record.id)] = (
                machine is None
                or not machine.active
                or self.state_of(subject, record.id) in machine.active
            )
        return active

    def ended_on(self, subject: str, record: Outlet | Partnership) -> date | None:
        """The day the record's service ended: its lifecycle first reached an ``ended`` state
        (exit approved, forced out, terminated, ...) on or before the as-of date."""
        key = (subject, record.id)
        if key in self._ended:  # exit duties ask for each record, once per requirement
            return self._ended[key]
        machine = self.profile.lifecycles.get(subject)
        trace = self.traces().get(key)
        ended = (
            None
            if machine is None or trace is None
            else next((on for on, state in trace.changes if state in machine.ended), None)
        )
        self._ended[key] = ended
        return ended

    def ending_event(self, subject: str, record: Outlet | Partnership) -> int | None:
        """The position of the event that ended the record's service (see :meth:`ended_on`)."""
        day = self.ended_on(subject, record)
        machine = self.profile.lifecycles.get(subject)
        if day is None or machine is None:
            return None
        ending = {t.event for t in machine.transitions if t.to in machine.ended}
        return next(
            (i for i, e in enumerate(record.events) if e.on == day and e.type in ending), None
        )

    def traces(self) -> dict[tuple[str, str], Trace]:
        """Every partnership's and outlet's lifecycle replayed up to the as-of date, keyed by
        (subject, id); once per run. Events after the as-of date have not happened yet."""
        if self._traces is None:
            self._traces = self._replay_all()
        return self._traces

    def _replay_all(self) -> dict[tuple[str, str], Trace]:
        result: dict[tuple[str, str], Trace] = {}
        partnership_machine = self.profile.lifecycles.get("partnership")
        outlet_machine = self.profile.lifecycles.get("outlet")
        if partnership_machine is not None:
            by_event = transitions_by_event(partnership_machine)
            for partnership in self.snapshot.partnerships:
                result[("partnership", partnership.id)] = replay(
                    partnership_machine, partnership.events, until=self.as_of, by_event=by_event
                )
        if outlet_machine is not None:
            by_event = transitions_by_event(outlet_machine)
            for outlet in self.snapshot.outlets:
                partnership_trace = result.get(("partnership", outlet.partnership))
                result[("outlet", outlet.id)] = replay(
                    outlet_machine,
                    outlet.events,
                    partnership_trace.state_on if partnership_trace else None,
                    until=self.as_of,
                    by_event=by_event,
                )
        return result

    def active_staff(self, outlet: Outlet) -> tuple[Staff, ...]:
        """Staff serving at ``outlet`` on the as-of date."""
        active = self._active_staff.get(outlet.id)
        if active is None:
            active = self._active_staff[outlet.id] = tuple(
                s for s in outlet.staff if s.active_on(self.as_of)
            )
        return active

    def events(self, record: Outlet | Partnership, event_type: str) -> list[tuple[int, Event]]:
        """``record``'s events of one type with their positions, in date order (ties in the
        order recorded). Each record's events are grouped by type once per run."""
        key = (type(record), record.id)
        by_type = self._events.get(key)
        if by_type is None:
            by_type = self._events[key] = {}
            events = record.events
            days = [event.on for event in events]
            for position in sorted(range(len(events)), key=days.__getitem__):  # stable
                event = events[position]
                by_type.setdefault(event.type, []).append((position, event))
        return list(by_type.get(event_type, ()))

    # --- addressing ---------------------------------------------------------------------------

    def subject(self, record: Record, staff: Staff | None = None) -> str:
        """A finding's subject: ``outlets/o1``, ``outlets/o1/staff/s1``, ``partnerships/p1``,
        ``banks/b1`` or ``departments/d1``."""
        # One string per record, built once: a large check reports on each record many
        # times, and equal subjects that are one object sort faster.
        key = (type(record), record.id, None if staff is None else staff.id)
        subject = self._subjects.get(key)
        if subject is None:
            base = f"{_COLLECTIONS[type(record)]}/{record.id}"
            subject = self._subjects[key] = f"{base}/staff/{staff.id}" if staff else base
        return subject

    def path(self, record: Record, *rest: str | int) -> str:
        """A JSON pointer into the snapshot below ``record``."""
        # Each pointer built once: a large check points at the same keys of each record
        # from several requirements, and equal paths that are one object sort faster.
        key = (type(record), record.id, *rest)
        found = self._paths.get(key)
        if found is None:
            base = self._pointers.get(key[:2])
            if base is None:
                collection = _COLLECTIONS[type(record)]  # a plain key: nothing to escape
                base = self._pointers[key[:2]] = (
                    f"/{collection}/{self._index(collection)[record.id]}"
                )
            found = self._paths[key] = base + _tail(rest) if rest else base
        return found

    def _index(self, collection: str) -> dict[str, int]:
        """Record id → position in the (whole) snapshot, built on first use."""
        if collection not in self._indexes:
            records: tuple[Record, ...] = getattr(self.snapshot, collection)
            given = self._positions.get(collection)
            self._indexes[collection] = (
                {r.id: given[i] for i, r in enumerate(records)}
                if given is not None
                else {r.id: i for i, r in enumerate(records)}
            )
        return self._indexes[collection]

    def staff_path(self, outlet: Outlet, staff: Staff, *rest: str | int) -> str:
        """A JSON pointer to a staff record or one of its keys."""
        key = (outlet.id, staff.id, *rest)
        found = self._staff_paths.get(key)
        if found is None:
            person = (outlet.id, staff.id)
            base = self._staff_pointers.get(person)
            if base is None:
                position = self._staff_positions().get(person)
                if position is None:
                    raise ValueError(f"{staff.id} is not a staff member of {outlet.id}")
                base = self._staff_pointers[person] = f"{self.path(outlet)}/staff/{position}"
            found = self._staff_paths[key] = base + _tail(rest) if rest else base
        return found

    def _staff_positions(self) -> dict[tuple[str, str], int]:
        """(outlet id, staff id) → the staff member's position in the outlet, built on first use."""
        if self._staff_index is None:
            self._staff_index = {}
            for o in self.snapshot.outlets:
                for j, person in enumerate(o.staff):
                    self._staff_index.setdefault((o.id, person.id), j)
        return self._staff_index

    def violation(
        self,
        record: Record,
        template: Text,
        values: Mapping[str, Value] | None = None,
        *,
        staff: Staff | None = None,
        at: tuple[str | int, ...] = (),
    ) -> Violation:
        """A violation addressed at ``record`` (or one of its ``staff``), pointing at key path ``at``.

        ``ctx.violation(outlet, Text("缺少…", "missing …"), at=("zones",))`` has the subject
        ``outlets/o1`` and the path ``/outlets/0/zones``.
        """
        if staff is not None:
            if not isinstance(record, Outlet):
                raise TypeError("staff belong to an outlet")
            path = self.staff_path(record, staff, *at)
        else:
            path = self.path(record, *at)
        return Violation(self.subject(record, staff), path, template, dict(values or {}))

    # --- presentation -------------------------------------------------------------------------

    def labels(self, domain: Domain, ids: tuple[str, ...] | list[str]) -> Text:
        """The names of ``ids`` joined, in both languages."""
        key = (domain, tuple(ids))
        text = self._joined.get(key)
        if text is None:
            vocabulary = self.profile.vocabulary
            text = self._joined[key] = Text(
                join((vocabulary.label(domain, i, "zh") for i in ids), "zh"),
                join((vocabulary.label(domain, i, "en") for i in ids), "en"),
            )
        return text

    def label(self, domain: Domain, term_id: str) -> Text:
        """The name of one term in both languages."""
        text = self._labels.get((domain, term_id))
        if text is None:
            vocabulary = self.profile.vocabulary
            text = self._labels[(domain, term_id)] = Text(
                vocabulary.label(domain, term_id, "zh"), vocabulary.label(domain, term_id, "en")
            )
        return text

    def item_name(self, item_id: str) -> str:
        """The name of a catalogue item of this profile or one it extends (the id when unknown)."""
        for catalogue in (*self.profile.catalogues, *self.profile.inherited_catalogues):
            item = catalogue.item(item_id)
            if item is not None:
                return item.name
        return item_id

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a value once per run and share it between checks."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]


def _tail(rest: tuple[str | int, ...]) -> str:
    """The pointer of the keys below a record; one plain key is the common case."""
    if len(rest) == 1:
        key = rest[0]
        if type(key) is str and "/" not in key and "~" not in key:
            return "/" + key
    return pointer(*rest)

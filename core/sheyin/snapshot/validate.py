"""Schema validation of snapshots that stays fast on 20,000 outlets.

jsonschema explains every error well but walks a large snapshot slowly (minutes for
20,000 outlets, mostly in the per-event-type ``if`` branches). So validation runs in
tiers with the same schema:

0. for snapshots of :data:`TYPED_MIN_OUTLETS` outlets or more, the schema as msgspec
   types (:mod:`sheyin.snapshot.typed`) answers "valid" for the whole snapshot in one
   C pass; anything it refuses goes to the tiers below, which also find where;
1. a compiled validator (fastjsonschema) answers only "valid or not", for the
   document shell, for each outlet, and for each event against its own type;
2. jsonschema, the source of every message, explains only the parts tier 1 refused.

A snapshot that tier 0 or tier 1 accepts is therefore one jsonschema accepts too: the
date format is checked by the same rule, and tests compare the tiers on bad inputs and
on random edits.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import fastjsonschema

from sheyin.dates import is_date
from sheyin.errors import Problem, pointer
from sheyin.schemas import MAX_PROBLEMS, build_validator, explain, limited
from sheyin.vocabulary import Vocabulary

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from sheyin.snapshot.typed import TypedSnapshot

TYPED_MIN_OUTLETS = 200
"""Snapshots of this many outlets or more are first checked whole by
:class:`~sheyin.snapshot.typed.TypedSnapshot` (valid ones need nothing else); building its
types costs more than it saves on smaller ones."""


def _compile(
    schema: Mapping[str, Any], ref: str | None, is_date: Callable[[Any], bool]
) -> Callable[[Any], Any]:
    document = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
    if ref is not None:
        document = {"$defs": document["$defs"], "$ref": ref}
    # Only the verdict is used (jsonschema explains): without the code that names each
    # failing part, compiling takes less than half the time.
    # (Nor does a validator fill in a schema's defaults: validating never changes a document.)
    return fastjsonschema.compile(
        document, formats={"date": is_date}, detailed_exceptions=False, use_default=False
    )


class _KnownDates:
    """:func:`~sheyin.dates.is_date`, remembering the valid dates it has seen (a snapshot
    repeats a few hundred dates a hundred thousand times; there are 110,000 valid ones)."""

    def __init__(self) -> None:
        self._valid: set[str] = set()

    def __call__(self, value: Any) -> bool:
        if value in self._valid:
            return True
        if is_date(value):
            self._valid.add(value)
            return True
        return False


def _ok(validate: Callable[[Any], Any], value: Any) -> bool:
    try:
        validate(value)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


class SnapshotValidator:
    """Validates snapshot documents against one (profile-composed) snapshot schema."""

    def __init__(self, schema: Mapping[str, Any], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._schema = schema
        # Tier 1 checks each event once, against its own type's definition (which holds the
        # common fields), instead of the generic definition's if-chain; an event of a type
        # no definition covers is checked against the generic definition alone.
        generic = {k: v for k, v in schema["$defs"]["event"].items() if k != "allOf"}
        # Staff are checked one by one too: fastjsonschema formats a name for every item it
        # descends into (``str.format(**locals())``), a fifth of validating an outlet.
        defs = {**schema["$defs"], "event": {}, "staff": {}}
        shallow = {**schema, "$defs": defs}
        dates = _KnownDates()
        self._fast_shell = _compile(
            {**shallow, "properties": {**shallow["properties"], "outlets": {"type": "array"}}},
            None,
            dates,
        )
        self._fast_outlet = _compile(shallow, "#/$defs/outlet", dates)
        self._fast_staff = _compile(schema, "#/$defs/staff", dates)
        self._dates = dates
        # One validator per event type, compiled when a snapshot first has that type (a
        # profile knows thirty types; compiling them all cost a one-outlet check 130 ms).
        self._event_types = {n.removeprefix("event_") for n in defs if n.startswith("event_")}
        self._fast_events: dict[str, Callable[[Any], Any]] = {}
        self._generic_event = {"$defs": {**defs, "event": generic}}

    @functools.cached_property
    def _fast_event(self) -> Callable[[Any], Any]:
        """Tier 1 for an event of a type no definition covers (compiled when one is seen)."""
        return _compile(self._generic_event, "#/$defs/event", self._dates)

    # Tier 2 is built when tier 1 first refuses something: a valid snapshot never needs
    # jsonschema, whose import costs more than starting Python.
    @functools.cached_property
    def _full(self) -> Draft202012Validator:
        return build_validator(self._schema)

    @functools.cached_property
    def _outlet(self) -> Draft202012Validator:
        return build_validator({"$defs": self._schema["$defs"], "$ref": "#/$defs/outlet"})

    @functools.cached_property
    def _typed(self) -> TypedSnapshot | None:
        from sheyin.snapshot.typed import TypedSnapshot

        compiled: dict[str, Callable[[Any], bool]] = {}
        defs = self._schema.get("$defs", {})

        def compile_part(part: Mapping[str, Any]) -> Callable[[Any], bool]:
            key = json.dumps(part, sort_keys=True)
            if key not in compiled:
                whole = {"$defs": defs, **part} if "$ref" in key else dict(part)
                compiled[key] = functools.partial(_ok, _compile(whole, None, self._dates))
            return compiled[key]

        try:
            return TypedSnapshot(self._schema, compile_part, {"date": self._dates})
        except Exception:  # Unsupported, or a part msgspec or Python's re cannot take: the
            return None  # tiers below judge every snapshot, and say what is wrong with it

    def problems(self, document: Mapping[str, Any], file: str) -> tuple[Problem, ...]:
        """Every schema problem of ``document`` (at most ``MAX_PROBLEMS`` and a count)."""
        outlets = document.get("outlets")
        if isinstance(outlets, list) and len(outlets) >= TYPED_MIN_OUTLETS:
            typed = self._typed
            if typed is not None and typed.valid(document):
                return ()
        found: list[Problem] = []
        shell = {k: v for k, v in document.items() if k != "outlets"}
        if not _ok(self._fast_shell, document) or not self._events_ok(document.get("partnerships")):
            whole = shell if isinstance(outlets, list) else {**shell, "outlets": outlets}
            found.extend(explain(self._full, whole, file))
        if isinstance(outlets, list):
            for index, outlet in enumerate(outlets):
                if len(found) > MAX_PROBLEMS:
                    break
                if not (
                    _ok(self._fast_outlet, outlet)
                    and self._staff_ok(outlet)
                    and self._events_ok([outlet])
                ):
                    prefix = pointer("outlets", index)
                    found.extend(
                        Problem(p.file, prefix + p.pointer, p.text)
                        for p in explain(self._outlet, outlet, file)
                    )
        return limited(found, file)

    def _staff_ok(self, outlet: Mapping[str, Any]) -> bool:
        staff = outlet.get("staff")
        if not isinstance(staff, list):
            return True  # the outlet's own definition has judged it
        validate = self._fast_staff
        return all(_ok(validate, person) for person in staff)

    def _events_ok(self, records: Any) -> bool:
        if not isinstance(records, list):
            return True
        return all(
            isinstance(event, Mapping) and _ok(self._event_validator(self._type(event)), event)
            for record in records
            if isinstance(record, Mapping)
            for event in _events(record)
        )

    def _event_validator(self, event_type: str) -> Callable[[Any], Any]:
        validate = self._fast_events.get(event_type)
        if validate is None:
            if event_type not in self._event_types:
                return self._fast_event
            validate = _compile(self._schema, f"#/$defs/event_{event_type}", self._dates)
            self._fast_events[event_type] = validate
        return validate

    def _type(self, event: Mapping[str, Any]) -> str:
        name = event.get("type")
        return (
            (self.vocabulary.resolve("event_types", name) or name) if isinstance(name, str) else ""
        )


def _events(record: Mapping[str, Any]) -> Iterator[Any]:
    events = record.get("events")
    return iter(events) if isinstance(events, list) else iter(())

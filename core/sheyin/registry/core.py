"""The registry: a database URL, a profile, and the operations the CLI and the server share."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import attrs
from attrs import frozen
from sqlalchemy import Engine

from sheyin.audit import Checkpoint, Verdict, canonical_json, verify_chain
from sheyin.engine.findings import Finding, Report
from sheyin.engine.run import run_checks
from sheyin.errors import InputError, Problem, problem
from sheyin.i18n import Lang
from sheyin.profile.model import Profile
from sheyin.registry import database, personal
from sheyin.registry.database import reading, writing
from sheyin.registry.document import LISTS, record_document
from sheyin.registry.log import Change, append, read_entries, utc_now
from sheyin.registry.state import Records, document, fold
from sheyin.snapshot.model import Snapshot

if TYPE_CHECKING:
    from sheyin.app import Sheyin
    from sheyin.engine.due import Agenda

# The check kinds that judge a step before it is recorded: the lifecycle (a step out of
# order) and the permission policy (a permission the profile forbids, such as 复审/审批).
JUDGING_KINDS = ("lifecycle", "permissions_forbidden")
SubjectKind = Literal["outlets", "partnerships"]
Progress = Callable[[str, int, int], None]  # (document, steps done, steps in all)


@frozen
class ImportResult:
    """What an import appended: entries, and how many records and events they touched."""

    entries: int
    records: int
    events: int


@frozen
class Judgement:
    """The outcome of ``record``: the refusals found and the entry appended (None if refused)."""

    refusals: tuple[Finding, ...]
    entry: Mapping[str, Any] | None

    @property
    def recorded(self) -> bool:
        """True when the event was written."""
        return self.entry is not None

    def to_dict(self) -> dict[str, Any]:
        """What ``record --format json`` prints and POST /v1/events answers
        (schemas/record-result.schema.json)."""
        return {
            "recorded": self.recorded,
            "seq": self.entry["seq"] if self.entry else None,
            "refusals": [
                {"rule": f.rule, "clause": f.clause, "subject": f.subject, "message": f.message}
                for f in self.refusals
            ],
        }


class Registry:
    """The system of record on one database (SQLite or PostgreSQL), judged by one profile.

    State is never stored: every read folds the log. Writes go through :func:`writing`, so
    they are serialised and all or nothing.
    """

    def __init__(self, engine: Engine, app: Sheyin, profile: Profile) -> None:
        self.engine = engine
        self.app = app
        self.profile = profile
        self._stamp: dict[str, Any] | None = None

    @classmethod
    def open(cls, url: str, *, app: Sheyin, profile: str, upgrade: bool = True) -> Registry:
        """Open the registry at ``url`` (resolved), migrating its schema unless ``upgrade`` is False."""
        loaded = app.load_profile(profile)
        engine = database.connect(url)
        if upgrade:
            database.upgrade(engine)
        return cls(engine, app, loaded)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------------

    def entries(self, subject: str | None = None, since: int = 0) -> list[dict[str, Any]]:
        """Log entries in order, only those about ``subject`` (``outlets/o1`` or ``o1``) when given."""
        with reading(self.engine) as connection:
            subjects = None if subject is None else _subjects(subject)
            return list(read_entries(connection, subjects, since))

    def document(self, as_of: date | None = None, *, masked: bool = True) -> dict[str, Any]:
        """The state as a snapshot document (numbers masked unless ``masked`` is False)."""
        with reading(self.engine) as connection:
            records = fold(read_entries(connection))
            numbers = personal.load(connection)
        return document(records, numbers, profile=self.profile.name, as_of=as_of, masked=masked)

    def state(self, as_of: date | None = None) -> Snapshot:
        """The state on ``as_of`` as the Snapshot model ``check`` reads (numbers unmasked,
        events after ``as_of`` left out)."""
        return self.app.parser(self.profile).parse(self.document(as_of, masked=False), "registry")

    def check(self, as_of: date | None = None, lang: Lang = "zh") -> Report:
        """Check the registry's state with the same engine and report as ``sheyin check FILE``."""
        day = as_of or date.today()
        return self.app.check(
            self.document(day, masked=False), profile=self.profile.name, as_of=day, lang=lang
        )

    def due(
        self, as_of: date | None = None, *, within: int | None = None, subject: str | None = None
    ) -> Agenda:
        """What falls due in the registry's state, as ``sheyin due FILE`` lists it for a file."""
        day = as_of or date.today()
        return self.app.due(
            self.document(day, masked=False),
            profile=self.profile.name,
            as_of=day,
            within=within,
            subject=subject,
        )

    def export(
        self,
        as_of: date | None = None,
        fmt: Literal["toml", "json"] = "toml",
        *,
        masked: bool = True,
    ) -> str:
        """The state as snapshot text, TOML or JSON, that ``import`` reads back."""
        snapshot = self.document(as_of, masked=masked)
        for name in LISTS:
            if not snapshot[name]:
                del snapshot[name]
        if fmt == "json":
            return json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n"
        import tomli_w

        return tomli_w.dumps(_with_dates(snapshot))

    # --- writing ------------------------------------------------------------------------------

    def import_(
        self,
        snapshot: Mapping[str, Any] | Sequence[tuple[Mapping[str, Any], str]],
        actor: str,
        source: str = "<snapshot>",
        progress: Progress | None = None,
    ) -> ImportResult:
        """Add or update records from snapshot documents (whole or partial), all or nothing.

        ``snapshot`` is one document (named ``source`` in errors) or a sequence of
        (document, source) pairs imported in one transaction. Fields given replace those
        held; staff members are matched by id; events not held yet are appended. Importing
        the same documents twice appends nothing the second time.
        """
        _require_actor(actor)
        documents = [(snapshot, source)] if isinstance(snapshot, Mapping) else list(snapshot)
        report = progress or (lambda _stage, _done, _total: None)
        steps = 3 * len(documents)  # per document: validate, compare, write
        total = ImportResult(0, 0, 0)
        with writing(self.engine) as connection:
            key = personal.ensure_key(connection)
            held = fold(read_entries(connection))
            numbers = personal.load(connection)
            for done, (given, label) in enumerate(documents):
                report(label, 3 * done, steps)
                resolved = document(held, numbers, profile=None, masked=False)
                parsed = self.app.parser(self.profile).parse(_merge(given, resolved), label)
                report(label, 3 * done + 1, steps)
                vault: dict[str, tuple[str, str]] = {}
                changes, records, events = _changes(parsed, given, held, key, vault)
                report(label, 3 * done + 2, steps)
                entries = append(connection, changes, actor, self.stamp())
                personal.store(connection, vault)
                fold(entries, held)
                numbers.update({personal.PREFIX + k: v for k, (_, v) in vault.items()})
                total = ImportResult(
                    total.entries + len(entries), total.records + records, total.events + events
                )
            report("", steps, steps)
        return total

    def record(
        self,
        kind: SubjectKind,
        record_id: str,
        event: Mapping[str, Any],
        actor: str,
        *,
        despite: str | None = None,
        lang: Lang = "zh",
    ) -> Judgement:
        """Judge ``event`` against the subject's current state, then append it.

        Refused steps (lifecycle or permission policy, as ``check`` would report them) are
        written only with ``despite``, the reason going into the log with the refusals.
        """
        _require_actor(actor)
        with writing(self.engine) as connection:
            subject = f"{kind}/{record_id}"
            held = fold(read_entries(connection, [subject]))
            if record_id not in held[kind]:
                raise InputError(
                    (
                        problem(
                            f"--{kind[:-1]}",
                            "",
                            f"登记簿中没有 id 为“{record_id}”的{_KIND_ZH[kind]}",
                            f"the registry has no {kind[:-1]} with id '{record_id}'",
                        ),
                    )
                )
            partnership_id = (
                held[kind][record_id].get("partnership") if kind == "outlets" else record_id
            )
            if kind == "outlets":
                fold(read_entries(connection, [f"partnerships/{partnership_id}"]), held)
            partnership = held["partnerships"].get(str(partnership_id), {})
            parties = [
                f"departments/{partnership.get('department')}",
                f"banks/{partnership.get('bank')}",
            ]
            fold(read_entries(connection, parties), held)
            numbers = personal.load(connection)
            scope = document(held, numbers, profile=self.profile.name, masked=False)
            records = scope[kind]
            position = next(i for i, r in enumerate(records) if r["id"] == record_id)
            target = records[position]
            target["events"] = [*target.get("events", []), dict(event)]
            at = f"/{kind}/{position}/events/{len(target['events']) - 1}"
            parsed = _parse_event(self.app, self.profile, scope, at)
            model = getattr(parsed, kind)[position]
            new_event = record_document(model.events[-1])
            refusals = _judge(self.app, self.profile, parsed, model.events[-1].on, at, lang)
            if refusals and not despite:
                return Judgement(refusals, None)
            data: dict[str, Any] = {"event": new_event}
            if refusals and despite:
                data["despite"] = despite
                data["refused"] = sorted({f.rule for f in refusals})
            [entry] = append(connection, [Change("record", subject, data)], actor, self.stamp())
        return Judgement(refusals, entry)

    def erase_personal(self, staff_ids: Sequence[str], actor: str) -> int:
        """Erase the stored identity and phone numbers of staff ``staff_ids`` (the log keeps
        their keyed hashes and records the erasure). Returns how many numbers were erased."""
        _require_actor(actor)
        wanted = set(staff_ids)
        with writing(self.engine) as connection:
            held = fold(read_entries(connection))
            references = sorted(
                {
                    str(member[field])
                    for outlet in held["outlets"].values()
                    for member in outlet.get("staff", ())
                    if member["id"] in wanted
                    for field in personal.PERSONAL_FIELDS
                    if personal.is_reference(member.get(field))
                }
            )
            erased = personal.erase(connection, references)
            if references:
                append(
                    connection,
                    [
                        Change("erase", f"staff/{s}", {"references": references})
                        for s in sorted(wanted)
                    ],
                    actor,
                    self.stamp(),
                )
        return erased

    # --- audit --------------------------------------------------------------------------------

    def verify(self, checkpoint: Checkpoint | None = None) -> Verdict:
        """Recompute every hash, link and the Merkle root; prove the log extends ``checkpoint``."""
        with reading(self.engine) as connection:
            return verify_chain(
                read_entries(connection), (checkpoint.size, checkpoint.root) if checkpoint else None
            )

    def checkpoint(self) -> tuple[Checkpoint, Verdict]:
        """The head of the log now, with the verdict on the log it was computed from."""
        verdict = self.verify()
        stamp = self.stamp()
        return (
            Checkpoint(
                verdict.size, verdict.root, utc_now(), f"{stamp['name']} {stamp['version']}"
            ),
            verdict,
        )

    def stamp(self) -> dict[str, Any]:
        """The profile each entry records: name, version and a hash of its data files."""
        if self._stamp is not None:
            return dict(self._stamp)
        raw = self.app.index.select(self.profile.name, date.today())
        data_hash = hashlib.sha256(canonical_json(dict(raw.documents))).hexdigest()
        self._stamp = {
            "name": self.profile.name,
            "version": self.profile.version or "",
            "data_hash": data_hash,
        }
        return dict(self._stamp)


_KIND_ZH = {"outlets": "合作网点", "partnerships": "合作关系"}


def _require_actor(actor: str) -> None:
    if not actor or not actor.strip():
        raise InputError(
            (
                problem(
                    "--actor",
                    "",
                    "写入登记簿须写明操作人：--actor、SHEYIN_ACTOR 或 sheyin.toml 的 [user] name",
                    "a write must name who acts: --actor, SHEYIN_ACTOR or [user] name in sheyin.toml",
                ),
            )
        )


def _subjects(subject: str) -> list[str]:
    if "/" in subject:
        return [subject]
    return [f"{kind}/{subject}" for kind in LISTS]


def _merge(snapshot: Mapping[str, Any], held: Mapping[str, Any]) -> dict[str, Any]:
    """The import's records merged over the held ones, listed first (so error pointers
    name the import's own positions), followed by every other held record."""
    merged: dict[str, Any] = {
        k: v for k, v in snapshot.items() if k not in LISTS and k not in ("profile", "as_of")
    }
    for name in LISTS:
        given = snapshot.get(name, [])
        if not isinstance(given, list):
            merged[name] = given  # the schema reports it
            continue
        held_by_id = {r["id"]: r for r in held[name]}
        seen: set[str] = set()
        records = []
        for record in given:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                seen.add(record["id"])
                records.append(_merge_record(record, held_by_id.get(record["id"])))
            else:
                records.append(record)
        records.extend(r for r in held[name] if r["id"] not in seen)
        merged[name] = records
    return merged


def _merge_record(given: Mapping[str, Any], held: Mapping[str, Any] | None) -> dict[str, Any]:
    if held is None:
        return dict(given)
    merged = {**held, **_unmask(given, held)}
    if isinstance(given.get("staff"), list):
        held_staff = {s["id"]: s for s in held.get("staff", [])}
        staff = [
            _unmask(s, held_staff.get(s.get("id"))) if isinstance(s, dict) else s
            for s in given["staff"]
        ]
        ids = {s.get("id") for s in staff if isinstance(s, dict)}
        merged["staff"] = [*staff, *(s for s in held.get("staff", []) if s["id"] not in ids)]
    if isinstance(given.get("events"), list):
        merged["events"] = [*given["events"], *held.get("events", [])]
    return merged


def _unmask(member: Mapping[str, Any], known: Mapping[str, Any] | None) -> dict[str, Any]:
    """A masked number (as exports show it) that masks the held one stands for the held one."""
    result = dict(member)
    if known is None:
        return result
    for kind in personal.PERSONAL_FIELDS:
        value, real = member.get(kind), known.get(kind)
        if (
            personal.is_masked(value)
            and isinstance(real, str)
            and personal.mask(kind, real) == value
        ):
            result[kind] = real
    return result


def _changes(
    parsed: Snapshot,
    given_snapshot: Mapping[str, Any],
    held: Records,
    key: bytes,
    vault: dict[str, tuple[str, str]],
) -> tuple[list[Change], int, int]:
    changes: list[Change] = []
    touched = events_added = 0
    for name in LISTS:
        given_records = given_snapshot.get(name, [])
        for index, model in enumerate(getattr(parsed, name)[: len(given_records)]):
            given = personal.seal_staff(key, record_document(model), vault)  # contact phone
            # the merged record lists the import's events first, then the held ones
            given_events = given.get("events", [])[: len(given_records[index].get("events", []))]
            before = held[name].get(model.id)
            fields: dict[str, Any] = {}
            for field, value in given.items():
                if field in ("id", "events"):
                    continue
                if field == "staff":
                    held_staff = {s["id"]: s for s in (before or {}).get("staff", [])}
                    sealed = [personal.seal_staff(key, s, vault) for s in value]
                    changed = [s for s in sealed if held_staff.get(s["id"]) != s]
                    if changed:
                        fields["staff"] = changed
                elif before is None or before.get(field) != value:
                    fields[field] = value
            subject = f"{name}/{model.id}"
            if before is None or fields:
                changes.append(Change("import", subject, {"set": fields}))
                touched += 1
            have = Counter(canonical_json(e) for e in (before or {}).get("events", []))
            for event in given_events:
                fingerprint = canonical_json(event)
                if have[fingerprint]:
                    have[fingerprint] -= 1
                    continue
                changes.append(Change("import", subject, {"event": event}))
                events_added += 1
    return changes, touched, events_added


def _parse_event(app: Sheyin, profile: Profile, scope: dict[str, Any], at: str) -> Snapshot:
    try:
        return app.parser(profile).parse(scope, "registry")
    except InputError as exc:
        mine = tuple(
            Problem("sheyin record", p.pointer.removeprefix(at), p.text)
            for p in exc.problems
            if p.pointer.startswith(at)
        )
        raise InputError(mine or exc.problems) from None


def _judge(
    app: Sheyin, profile: Profile, parsed: Snapshot, on: date, at: str, lang: Lang
) -> tuple[Finding, ...]:
    judging = tuple(
        r for r in profile.requirements if r.check is not None and r.check.kind in JUDGING_KINDS
    )
    report = run_checks(
        attrs.evolve(profile, requirements=judging), parsed, on, app.kinds, lang, app.services
    )
    return tuple(
        f
        for f in report.findings
        if f.severity == "error" and (f.path == at or f.path.startswith(at + "/"))
    )


def _with_dates(value: Any) -> Any:
    """Dates written as TOML dates (the log and JSON keep them as ISO strings)."""
    if isinstance(value, dict):
        return {k: _with_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_dates(v) for v in value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iter_jsonl(entries: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """Entries as JSON Lines (one canonical JSON object per line)."""
    for entry in entries:
        yield canonical_json(dict(entry)).decode("utf-8")

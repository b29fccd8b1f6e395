"""Reading snapshots: file → JSON types → schema → names resolved → links checked → models.

Everything malformed is collected and raised as one :class:`InputError` naming the
file and each key path; nothing is half-read.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

# Re-exported: the one document reader lives in sheyin.documents.
from sheyin.documents import parse_bytes as parse_bytes
from sheyin.documents import read_file as read_file
from sheyin.echo import shown
from sheyin.errors import InputError, Problem, pointer, problem
from sheyin.i18n import Text
from sheyin.profile.model import Profile
from sheyin.schemas import limited
from sheyin.snapshot.model import (
    Bank,
    Department,
    Event,
    Outlet,
    Partnership,
    Snapshot,
    Staff,
)
from sheyin.snapshot.structure import Builder
from sheyin.snapshot.validate import SnapshotValidator
from sheyin.vocabulary import DOMAIN_NAMES, Domain

# What a date must not precede, named in the message when it does.
_JOINING = Text("上岗日期", "the joining date")
_NOTICE_DATE = Text("通知日期", "the notice date")
_RECEIVED = Text("网点接收材料的日期 received_on", "received_on, the day the outlet took them in")

RECORD_DEFS = ("department", "bank", "partnership", "outlet", "staff")
# Who can act on an event besides a person named by a staff id (DESIGN.md, event fields).
ACTORS = frozenset({"department", "bank", "outlet"})


def snapshot_schema(base: Mapping[str, Any], profile: Profile) -> dict[str, Any]:
    """The snapshot schema with the fields and event types ``profile`` adds."""
    schema = copy.deepcopy(dict(base))
    defs = schema["$defs"]
    for record in RECORD_DEFS:
        defs[record]["properties"].update(profile.fields.get(record, {}))
    common = {k: defs["event_notice"]["properties"][k] for k in ("on", "type", "by", "note")}
    # Every event type the profile knows gets a definition, so that `by` and `note` are
    # checked (and unknown keys refused) on a type that adds no fields of its own too.
    added = {t: profile.event_fields.get(t, {}) for t in profile.vocabulary.ids("event_types")}
    for event_type, fields in {**added, **profile.event_fields}.items():
        name = f"event_{event_type}"
        if name not in defs:
            defs[name] = {
                "type": "object",
                "required": ["on", "type"],
                "properties": dict(common),
                "additionalProperties": False,
            }
            term = profile.vocabulary.term("event_types", event_type)
            names = list(term.names()) if term else [event_type]
            defs["event"]["allOf"].append(
                {
                    "if": {"properties": {"type": {"enum": names}}, "required": ["type"]},
                    "then": {"$ref": f"#/$defs/{name}"},
                }
            )
        defs[name]["properties"].update(fields)
    return schema


class SnapshotParser:
    """Parses snapshots for one profile; build once, use for many snapshots."""

    def __init__(self, profile: Profile, schema: Mapping[str, Any]) -> None:
        self.profile = profile
        self.validator = SnapshotValidator(schema, profile.vocabulary)
        self._items: dict[str, str] = {}
        for catalogue in (*profile.catalogues, *profile.inherited_catalogues):
            for item in catalogue.items:
                for name in (item.id, item.name, *item.aliases):
                    self._items.setdefault(name, item.id)

    def parse(
        self, document: Any, file: str = "<snapshot>", *, people: Collection[str] = ()
    ) -> Snapshot:
        """A snapshot model from a document in JSON types (as :func:`read_file` returns;
        a dict with date objects goes through :func:`~sheyin.schemas.to_jsonable` first).

        ``people``: staff ids of a larger snapshot this document is a part of (a shard,
        :mod:`sheyin.engine.shard`), which an event's ``by`` may name too."""
        if not isinstance(document, dict):
            raise InputError(
                (
                    problem(
                        file, "", "顶层应为表（键值对象）", "the top level must be a table (object)"
                    ),
                )
            )
        found = self.validator.problems(document, file)
        if found:
            raise InputError(found)
        resolver = _Resolver(self, file, people)
        resolved = resolver.snapshot(document)
        if resolver.problems:
            raise InputError(limited(resolver.problems, file))
        return resolved


class _Resolver:
    """Resolves names to ids and checks links, collecting every problem."""

    def __init__(self, parser: SnapshotParser, file: str, people: Collection[str] = ()) -> None:
        self.vocabulary = parser.profile.vocabulary
        self.items = parser._items
        self.file = file
        self.problems: list[Problem] = []
        self.others = people  # staff ids elsewhere in a larger snapshot (a shard's whole)
        self.people: set[str] = set()
        self.builder = Builder()
        self._known_terms: dict[tuple[Domain, tuple[str, ...]], tuple[str, ...]] = {}

    def fail(self, where: str, text: Text) -> None:
        self.problems.append(Problem(self.file, where, text))

    def snapshot(self, doc: dict[str, Any]) -> Snapshot:
        departments = self._unique(doc.get("departments", ()), "/departments")
        banks = self._unique(doc.get("banks", ()), "/banks")
        partnerships = self._unique(doc.get("partnerships", ()), "/partnerships")
        self._unique(doc.get("outlets", ()), "/outlets")
        self.people = self._staff_ids(doc.get("outlets", ()))
        built_partnerships = []
        for i, p in enumerate(doc.get("partnerships", ())):
            where = pointer("partnerships", i)
            self._link(
                p["department"], departments, where + "/department", Text("部门", "department")
            )
            self._link(p["bank"], banks, where + "/bank", Text("银行", "bank"))
            events = self._events(p.get("events", ()), where, staff_ids=None)
            built_partnerships.append(
                self.builder.build(Partnership, {**p, "events": events}, ("events",))
            )
        built_outlets = [
            self._outlet(o, i, partnerships) for i, o in enumerate(doc.get("outlets", ()))
        ]
        return Snapshot(
            profile=doc.get("profile"),
            as_of=self.builder.date(doc["as_of"]) if "as_of" in doc else None,
            departments=tuple(
                self.builder.build(Department, d) for d in doc.get("departments", ())
            ),
            banks=tuple(self.builder.build(Bank, b) for b in doc.get("banks", ())),
            partnerships=tuple(built_partnerships),
            outlets=tuple(built_outlets),
        )

    def _outlet(self, o: dict[str, Any], i: int, partnerships: set[str]) -> Outlet:
        where = pointer("outlets", i)
        self._link(
            o["partnership"], partnerships, where + "/partnership", Text("合作关系", "partnership")
        )
        values = dict(o)
        if "kind" in o:
            values["kind"] = self._term("outlet_kinds", o["kind"], where + "/kind")
        for key in ("zones", "equipment", "facilities"):
            values[key] = self._terms(key, o.get(key, ()), f"{where}/{key}")
        values["items"] = [
            self._offered(item, f"{where}/items/{j}") for j, item in enumerate(o.get("items", ()))
        ]
        staff = o.get("staff", ())
        staff_ids = self._unique(staff, where + "/staff")
        values["staff"] = [self._staff(s, f"{where}/staff/{j}") for j, s in enumerate(staff)]
        values["events"] = self._events(o.get("events", ()), where, staff_ids)
        return self.builder.build(Outlet, values, ("staff", "events"))

    def _staff(self, s: dict[str, Any], where: str) -> Staff:
        self._not_before(s, "left_on", "joined_on", where, _JOINING)
        values = dict(s)
        values["posts"] = self._terms("posts", s.get("posts", ()), f"{where}/posts")
        values["permissions"] = self._terms(
            "permissions", s.get("permissions", ()), f"{where}/permissions"
        )
        return self.builder.build(Staff, values)

    def _events(
        self, events: Iterable[dict[str, Any]], where: str, staff_ids: set[str] | None
    ) -> list[Event]:
        built = []
        for j, e in enumerate(events):
            at = f"{where}/events/{j}"
            kind = self.vocabulary.resolve("event_types", e["type"])
            if kind is None:
                # An unknown type has no schema for its fields: report the type, read no further.
                self._term("event_types", e["type"], at + "/type")
                continue
            self._event_dates(e, kind, at)
            if (
                "by" in e
                and e["by"] not in ACTORS
                and e["by"] not in self.people
                and e["by"] not in self.others
            ):
                self.fail(
                    at + "/by",
                    Text(
                        f"“{shown(e['by'])}”既不是 department、bank、outlet，也不是本快照中任何工作人员的 id",
                        f"'{shown(e['by'])}' is neither department, bank, outlet nor the id of a staff member in this snapshot",
                    ),
                )
            values = dict(e)
            values["type"] = kind
            if "permissions" in e:
                values["permissions"] = self._terms(
                    "permissions", e["permissions"], f"{at}/permissions"
                )
            if "items" in e:
                values["items"] = [
                    self._item(name, f"{at}/items/{k}") for k, name in enumerate(e["items"])
                ]
            if "counts" in e:
                values["counts"] = [
                    {**c, "item": self._item(c["item"], f"{at}/counts/{k}/item")}
                    for k, c in enumerate(e["counts"])
                ]
            if "staff" in e and (staff_ids is None or e["staff"] not in staff_ids):
                self.fail(
                    at + "/staff",
                    Text(
                        f"本网点没有 id 为“{shown(e['staff'])}”的工作人员",
                        f"no staff member with id '{shown(e['staff'])}' at this outlet",
                    ),
                )
            built.append(self.builder.build(Event, values))
        return built

    def _event_dates(self, event: dict[str, Any], kind: str, at: str) -> None:
        if kind == "notice":
            self._not_before(event, "effective_on", "on", at, _NOTICE_DATE)
        if kind == "materials_handover":  # received at the outlet, then handed to the department
            self._not_before(event, "handed_over_on", "received_on", at, _RECEIVED)

    def _not_before(
        self, record: dict[str, Any], later: str, earlier: str, where: str, what: Text
    ) -> None:
        """A date that contradicts its own record (left before joining, ...) is impossible."""
        first, then = record.get(earlier), record.get(later)
        if isinstance(first, str) and isinstance(then, str) and then < first:
            self.fail(
                f"{where}/{later}",
                Text(
                    f"{later} 为 {then}，早于{what.zh} {first}：同一记录的日期相互矛盾",
                    f"{later} is {then}, before {what.en} {first}: the record contradicts itself",
                ),
            )

    def _staff_ids(self, outlets: Iterable[dict[str, Any]]) -> set[str]:
        """Every staff id; one id at two outlets is refused (ids are unique per kind of record)."""
        first_seen: dict[str, tuple[int, int]] = {}
        for i, outlet in enumerate(outlets):
            for j, person in enumerate(outlet.get("staff", ())):
                seen = first_seen.setdefault(person["id"], (i, j))
                if seen[0] != i:  # first seen at another outlet
                    at = pointer("outlets", i, "staff", j)
                    earlier = pointer("outlets", seen[0], "staff", seen[1])
                    self.fail(
                        at + "/id",
                        Text(
                            f"工作人员 id“{shown(person['id'])}”已在 {earlier} 使用：同一 id 不能出现在两个网点",
                            f"staff id '{shown(person['id'])}' is already used at {earlier}: one id cannot be at two outlets",
                        ),
                    )
        return set(first_seen)

    def _offered(self, item: str | dict[str, Any], where: str) -> dict[str, Any]:
        if isinstance(item, str):
            return {"item": self._item(item, where)}
        return {**item, "item": self._item(item["item"], where + "/item")}

    def _item(self, name: str, where: str) -> str:
        # Catalogue items are facts, not vocabulary: a name no catalogue of the profile
        # knows is kept as written, and the catalogue checks report it (with a hint).
        del where
        return self.items.get(name) or self.items.get(name.strip()) or name

    def _terms(self, domain: Domain, names: Iterable[str], where: str) -> Sequence[str]:
        """The ids of a list of names; an unknown one is a problem at ``where/<index>``.
        (Records repeat a few lists of names many times: each list is resolved once.)"""
        key = (domain, tuple(names))
        known = self._known_terms.get(key)
        if known is not None:
            return known
        resolve = self.vocabulary.resolve
        ids = [resolve(domain, name) for name in key[1]]
        if None in ids:
            return [self._term(domain, name, f"{where}/{j}") for j, name in enumerate(key[1])]
        known = self._known_terms[key] = tuple(ids)  # type: ignore[arg-type]  # no None left
        return known

    def _term(self, domain: Domain, name: str, where: str) -> str:
        term_id = self.vocabulary.resolve(domain, name)
        if term_id is not None:
            return term_id
        what = DOMAIN_NAMES[domain]
        other = self.vocabulary.other_domain(domain, name)
        suggestion = self.vocabulary.suggest(domain, name)
        if suggestion is not None:
            hint = Text(
                f"（是否应为“{shown(suggestion)}”？）", f" (did you mean '{shown(suggestion)}'?)"
            )
        elif other is not None:
            hint = Text(
                f"（“{shown(name)}”是{DOMAIN_NAMES[other].zh}，应写在 {other} 下）",
                f" ('{shown(name)}' is a {DOMAIN_NAMES[other].en}; list it under {other})",
            )
        else:
            hint = Text("", "")
        self.fail(
            where,
            Text(
                f"未知的{what.zh}“{shown(name)}”{hint.zh}",
                f"unknown {what.en} '{shown(name)}'{hint.en}",
            ),
        )
        return name

    def _unique(self, records: Iterable[dict[str, Any]], where: str) -> set[str]:
        seen: set[str] = set()
        for j, record in enumerate(records):
            if record["id"] in seen:
                self.fail(
                    f"{where}/{j}/id",
                    Text(f"id“{shown(record['id'])}”重复", f"duplicate id '{shown(record['id'])}'"),
                )
            seen.add(record["id"])
        return seen

    def _link(self, target: str, known: set[str], where: str, what: Text) -> None:
        if target not in known:
            self.fail(
                where,
                Text(
                    f"引用了不存在的{what.zh}“{shown(target)}”",
                    f"refers to an unknown {what.en} '{shown(target)}'",
                ),
            )

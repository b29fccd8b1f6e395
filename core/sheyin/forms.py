"""Filling a profile's forms from a snapshot, and the JSON Schema of a form's data (docs/forms.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from sheyin.errors import InputError, problem
from sheyin.identity import mask_id_number, mask_phone
from sheyin.profile.model import Catalogue, CatalogueItem, Form, FormField, FormTotals, Profile
from sheyin.snapshot.model import Bank, Department, Event, Outlet, Partnership, Snapshot, Staff
from sheyin.vocabulary import Domain

# How core's own recorded values print on a form; a form field's ``labels`` overrides them.
VALUE_NAMES: Mapping[str, str] = {
    "accept": "受理",
    "complete": "经办办结",
    "add": "增",
    "remove": "减",
    "conform": "符合",
    "nonconform": "不符合",
    "monitoring": "监控下",
    "two_persons": "二人在场",
    "full_time": "专职",
    "part_time": "兼职",
    "department": "人社部门",
    "bank": "合作银行",
    "outlet": "合作网点",
    "facilities": "设施",
    "equipment": "设备",
    "staff": "人员",
    "other": "其他",
}
LIST_DOMAINS: Mapping[str, Domain] = {
    "zones": "zones",
    "equipment": "equipment",
    "facilities": "facilities",
    "posts": "posts",
    "permissions": "permissions",
}
_JSON_TYPES: Mapping[str, Mapping[str, Any]] = {
    "string": {"type": ["string", "null"]},
    "id_number": {"type": ["string", "null"]},
    "phone": {"type": ["string", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "integer": {"type": ["integer", "null"]},
    "boolean": {"type": ["boolean", "null"]},
}


def form_schema(profile: Profile, form: Form) -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``form``'s filled data."""

    def fields_schema(fields: Sequence[FormField]) -> dict[str, Any]:
        properties = {}
        for f in fields:
            if f.type == "choice":
                spec: dict[str, Any] = {"enum": [*f.choices, *([] if f.required else [None])]}
            elif f.type == "multi_choice":
                spec = {"type": "array", "uniqueItems": True, "items": {"enum": list(f.choices)}}
            else:
                spec = dict(_JSON_TYPES[f.type])
                if f.required:
                    spec["type"] = spec["type"][0]
            properties[f.id] = {"title": f.label, **spec}
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [f.id for f in fields],
            "properties": properties,
        }

    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://sheyin.invalid/schemas/forms/{profile.name}/{form.id}.schema.json",
        "title": f"{form.title}（{profile.name} {form.id}）",
        "type": "object",
        "additionalProperties": False,
        "required": ["form", "profile", "title", "subject", "as_of", "fields", "rows"],
        "properties": {
            "form": {"const": form.id},
            "profile": {"const": profile.name},
            "title": {"type": "string"},
            "subject": {
                "type": ["string", "null"],
                "description": "Record the form describes, e.g. outlets/o1.",
            },
            "as_of": {"type": "string", "format": "date"},
            "fields": fields_schema(form.fields),
            "rows": {
                "type": "array",
                "items": fields_schema(form.rows.fields if form.rows else ()),
            },
            "spec": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["label", "value"],
                    "properties": {
                        "label": {"type": "string"},
                        "value": {"type": ["string", "number"]},
                        "unit": {"type": ["string", "null"]},
                    },
                },
            },
        },
    }
    if form.rows is not None and form.rows.totals is not None:
        schema["required"].append("totals")
        schema["properties"]["totals"] = {
            "description": f"The {form.rows.totals.label} row under the rows, computed.",
            **fields_schema(form.rows.fields),
        }
    return schema


@attrs.frozen
class Scope:
    """The records a form is filled about."""

    outlet: Outlet | None = None
    partnership: Partnership | None = None
    bank: Bank | None = None
    department: Department | None = None

    @property
    def subject(self) -> str | None:
        """The report-style subject of the scope."""
        if self.outlet:
            return f"outlets/{self.outlet.id}"
        if self.partnership:
            return f"partnerships/{self.partnership.id}"
        if self.bank:
            return f"banks/{self.bank.id}"
        if self.department:
            return f"departments/{self.department.id}"
        return None


def resolve_scope(
    snapshot: Snapshot,
    form: Form,
    *,
    outlet: str | None = None,
    partnership: str | None = None,
    bank: str | None = None,
    department: str | None = None,
) -> Scope:
    """Find the records named on the command line, and what they link to."""
    found_outlet = _pick(snapshot.outlets, outlet, "--outlet")
    found_partnership = _pick(
        snapshot.partnerships,
        partnership or (found_outlet.partnership if found_outlet else None),
        "--partnership",
    )
    found_bank = _pick(
        snapshot.banks, bank or (found_partnership.bank if found_partnership else None), "--bank"
    )
    found_department = _pick(
        snapshot.departments,
        department or (found_partnership.department if found_partnership else None),
        "--department",
    )
    scope = Scope(found_outlet, found_partnership, found_bank, found_department)
    needed = {
        "outlet": scope.outlet,
        "partnership": scope.partnership,
        "bank": scope.bank,
        "department": scope.department,
    }
    if form.scope in needed and needed[form.scope] is None:
        raise InputError(
            (
                problem(
                    f"--{form.scope}",
                    "",
                    f"表单 {form.id} 针对{_SCOPE_ZH[form.scope]}填写，请用 --{form.scope} 指定",
                    f"form {form.id} is filled per {form.scope}: give --{form.scope}",
                ),
            )
        )
    return scope


_SCOPE_ZH = {
    "outlet": "合作网点",
    "partnership": "合作关系",
    "bank": "合作银行",
    "department": "人社部门",
}


def _pick(records: Sequence[Any], wanted: str | None, option: str) -> Any:
    if wanted is None:
        return None
    for record in records:
        if record.id == wanted:
            return record
    known = "、".join(r.id for r in records[:20])
    raise InputError(
        (
            problem(
                option,
                "",
                f"快照中没有 id 为“{wanted}”的记录（已有：{known}）",
                f"no record with id '{wanted}' in the snapshot (known: {known})",
            ),
        )
    )


class FormFiller:
    """Evaluates a form's sources against one scope of one snapshot."""

    def __init__(
        self,
        profile: Profile,
        snapshot: Snapshot,
        scope: Scope,
        as_of: date,
        *,
        for_filing: bool = False,
    ) -> None:
        self.profile = profile
        self.snapshot = snapshot
        self.scope = scope
        self.as_of = as_of
        self.for_filing = for_filing
        self.catalogue: Catalogue | None = profile.catalogue_on(as_of)

    def fill(self, form: Form) -> dict[str, Any]:
        """The form's data, following :func:`form_schema`."""
        roots = self._roots()
        data: dict[str, Any] = {
            "form": form.id,
            "profile": self.profile.name,
            "title": form.title,
            "subject": self.scope.subject,
            "as_of": self.as_of.isoformat(),
            "fields": {f.id: self._value(f, roots) for f in form.fields},
            "rows": [],
        }
        if form.rows is not None:
            for number, row_roots in enumerate(self._rows(form.rows.over), start=1):
                merged = {**roots, **row_roots, "row": {"number": number}}
                data["rows"].append({f.id: self._value(f, merged) for f in form.rows.fields})
        if form.rows is not None and form.rows.totals is not None:
            data["totals"] = totals_row(form.rows.fields, form.rows.totals, data["rows"])
        if form.spec:
            data["spec"] = {key: attrs.asdict(entry) for key, entry in form.spec.items()}
        return data

    # --- roots and rows -----------------------------------------------------------------------

    def _roots(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "profile": self.profile,
            "catalogue": self.catalogue,
            "outlet": self.scope.outlet,
            "partnership": self.scope.partnership,
            "bank": self.scope.bank,
            "department": self.scope.department,
        }

    def _event_owner(self) -> Outlet | Partnership | None:
        return self.scope.outlet or self.scope.partnership

    def _latest(self, event_type: str) -> Event | None:
        owner = self._event_owner()
        events = [
            e
            for e in (owner.events if owner else ())
            if e.type == event_type and e.on <= self.as_of
        ]
        return max(events, key=lambda e: e.on, default=None)

    def _rows(self, over: str) -> list[dict[str, Any]]:
        parts = over.split(".")
        scope = self.scope
        if over == "outlet.staff" and scope.outlet:
            return [{"staff": s} for s in scope.outlet.staff if s.active_on(self.as_of)]
        if over == "partnership.outlets" and scope.partnership:
            return [
                {"outlet": o}
                for o in self.snapshot.outlets
                if o.partnership == scope.partnership.id
            ]
        if over == "bank.outlets" and scope.bank:
            ids = {p.id for p in self.snapshot.partnerships if p.bank == scope.bank.id}
            return [{"outlet": o} for o in self.snapshot.outlets if o.partnership in ids]
        if over == "catalogue.items":
            return [{"item": i} for i in (self.catalogue.items if self.catalogue else ())]
        if over == "outlet.items" and scope.outlet:
            return [
                {"item": self._catalogue_item(o.item), "offered": o} for o in scope.outlet.items
            ]
        if len(parts) == 3 and parts[0] == "event" and parts[2] == "counts":
            latest = self._latest(parts[1])
            return [{"count": c, "event": latest} for c in (latest.counts if latest else ())]
        if len(parts) == 2 and parts[0] == "events":
            owner = self._event_owner()
            events = sorted(
                (
                    e
                    for e in (owner.events if owner else ())
                    if e.type == parts[1] and e.on <= self.as_of
                ),
                key=lambda e: e.on,
            )
            return [{"event": e, "staff": self._staff(e.staff)} for e in events]
        return []

    def _staff(self, staff_id: str | None) -> Staff | None:
        outlet = self.scope.outlet
        if outlet is None or staff_id is None:
            return None
        return next((s for s in outlet.staff if s.id == staff_id), None)

    def _item_name(self, item_id: str) -> str:
        item = self._catalogue_item(item_id)
        return item.name if item else item_id

    def _catalogue_item(self, item_id: str) -> CatalogueItem | None:
        for catalogue in (self.catalogue, *self.profile.catalogues):
            if catalogue is not None and (item := catalogue.item(item_id)) is not None:
                return item
        return None

    # --- values -------------------------------------------------------------------------------

    def _value(self, field: FormField, roots: Mapping[str, Any]) -> Any:
        if field.source is None:
            return None
        raw = self._lookup(field.source, roots)
        return self._typed(field, raw)

    def _lookup(self, source: str, roots: Mapping[str, Any]) -> Any:
        parts = source.split(".")
        head, rest = parts[0], parts[1:]
        if (
            head == "event"
            and len(rest) == 2
            and self.profile.vocabulary.term("event_types", rest[0])
        ):
            return self._attribute(self._latest(rest[0]), rest[1])
        value = roots.get(head)
        for key in rest:
            value = self._attribute(value, key)
        return value

    def _attribute(self, record: Any, key: str) -> Any:
        if record is None:
            return None
        if isinstance(record, Mapping):
            return record.get(key)
        vocabulary = self.profile.vocabulary
        if isinstance(record, Outlet) and key == "kind":
            return vocabulary.label("outlet_kinds", record.kind, "zh") if record.kind else None
        if isinstance(record, Event):
            if key == "type":
                return vocabulary.label("event_types", record.type, "zh")
            if key == "items":
                return "、".join(self._item_name(i) for i in record.items)
        if key == "item" and hasattr(record, "item") and isinstance(record.item, str):
            return self._item_name(record.item)
        if key in LIST_DOMAINS and isinstance(getattr(record, key, None), tuple):
            domain = LIST_DOMAINS[key]
            return "、".join(vocabulary.label(domain, t, "zh") for t in getattr(record, key))
        if attrs.has(type(record)) and key in attrs.fields_dict(type(record)):
            return getattr(record, key)
        extra = getattr(record, "extra", None)
        return extra.get(key) if isinstance(extra, Mapping) else None

    def _typed(self, field: FormField, raw: Any) -> Any:
        if field.type == "multi_choice":
            return self._chosen(field, raw)
        if raw is None:
            return None
        if isinstance(raw, tuple) and raw and all(isinstance(v, str) for v in raw):
            raw = "、".join(field.labels.get(v) or VALUE_NAMES.get(v, v) for v in raw)
        elif isinstance(raw, str) and field.type in ("string", "choice"):
            raw = field.labels.get(raw) or VALUE_NAMES.get(raw, raw)
        if field.type == "date":
            return raw.isoformat() if isinstance(raw, date) else str(raw)
        if field.type == "integer":
            return int(raw)
        if field.type == "boolean":
            return bool(raw)
        if field.type == "id_number":
            return str(raw) if self.for_filing else mask_id_number(str(raw))
        if field.type == "phone":
            return str(raw) if self.for_filing else mask_phone(str(raw))
        if isinstance(raw, date):
            return raw.isoformat()
        if isinstance(raw, tuple):
            return "、".join(map(str, raw))
        return str(raw)

    def _chosen(self, field: FormField, raw: Any) -> list[str]:
        """The options of a multi-choice field that the recorded values tick, in the form's order."""
        values = raw if isinstance(raw, (tuple, list)) else () if raw is None else (raw,)
        printed = {field.labels.get(str(v)) or VALUE_NAMES.get(str(v), str(v)) for v in values}
        return [choice for choice in field.choices if choice in printed]


def totals_row(
    fields: Sequence[FormField], totals: FormTotals, rows: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The totals row: ``totals.label`` in column ``totals.at``, the sum of each summed column.

    A column none of whose rows carries a figure totals to null (left blank), not 0.
    """
    row: dict[str, Any] = {f.id: None for f in fields}
    row[totals.at] = totals.label
    for field_id in totals.sum:
        figures = [r[field_id] for r in rows if isinstance(r.get(field_id), int)]
        row[field_id] = sum(figures) if figures else None
    return row


def unmasked_allowed(form: Form, unmasked: bool, option: str = "--unmasked") -> bool:
    """Whether identity numbers print in full: asked for, on a form the profile marks for filing.

    Raises :class:`InputError` when asked for on a form that is not handed in for filing.
    """
    if unmasked and not form.for_filing:
        raise InputError(
            (
                problem(
                    option,
                    "",
                    f"表单 {form.id} 不用于备案，身份证号码和电话号码只能遮蔽显示",
                    f"form {form.id} is not handed in for filing: identity and phone numbers stay masked",
                ),
            )
        )
    return unmasked

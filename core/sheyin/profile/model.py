"""Frozen models of a loaded profile (docs/profile-format.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from attrs import field, frozen

from sheyin.i18n import Lang, Text
from sheyin.vocabulary import Vocabulary

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
Relation = Literal["keeps", "tightens", "relaxes", "replaces"]
Subject = Literal["partnership", "outlet"]

# GB/T 1.1-2020: 应/不应 requirement, 宜/不宜 recommendation, 可/不必 permission.
# Measures written as regulations use 须/需/要/不得/禁止/严禁 for requirements and 鼓励 for
# recommendations; 无 marks a provision without a modal verb (its severity is stated).
MODAL_SEVERITY: Mapping[str, Severity] = MappingProxyType(
    {
        **dict.fromkeys(
            ("应", "应当", "不应", "须", "必须", "需", "要", "不得", "禁止", "严禁"), "error"
        ),
        **dict.fromkeys(("宜", "不宜", "鼓励"), "warning"),
        **dict.fromkeys(("可", "可以", "不必"), "info"),
    }
)


@frozen
class Document:
    """A source document a profile encodes."""

    id: str
    title: str
    source: str | None = None
    kind: str | None = None
    note: str | None = None
    clauses: tuple[str, ...] = ()


@frozen
class Check:
    """How a requirement is enforced: a check kind and its structured parameters.

    ``spec`` keeps the parameters as written (``"$name"`` references unresolved), so a
    profile that extends this one can rebuild the check with its own parameter values.
    """

    kind: str
    params: Any
    spec: Mapping[str, Any] = field(factory=dict, eq=False, repr=False)


@frozen
class Requirement:
    """One provision of a source document: its citation, text, severity and enforcement."""

    id: str
    clause: str
    document: str
    title: str
    text: str
    modal: str
    severity: Severity
    check: Check | None = None
    manual: str | None = None
    interpretation: str | None = None
    title_en: str | None = None
    message: Text | None = None
    dimension: str | None = None
    profile: str = ""  # the profile that declared it (differs from the loaded one when inherited)

    def summary(self, lang: Lang) -> str:
        """The short title in ``lang`` (Chinese when no English one is given)."""
        return self.title_en if lang == "en" and self.title_en else self.title


@frozen
class Parameter:
    """A named threshold or period, documented, overridable by a profile that extends this one
    and by a workspace (``[parameters]`` in sheyin.toml). ``value`` is None where the source
    sets no figure (a period the department decides): the workspace supplies it."""

    name: str
    doc: str
    value: float | int | str | bool | None = None
    unit: str | None = None
    clause: str | None = None


@frozen
class CatalogueItem:
    """One item of a service guidance catalogue."""

    id: str
    category: str
    name: str
    number: int | None = None
    level: Literal["accept", "complete"] | None = None
    remarks: str | None = None
    aliases: tuple[str, ...] = ()
    service: str | None = None


@frozen
class Catalogue:
    """A dated version of a profile's service guidance catalogue."""

    id: str
    title: str
    items: tuple[CatalogueItem, ...]
    clause: str | None = None
    document: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        """True when ``day`` is inside the validity period."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def item(self, item_id: str) -> CatalogueItem | None:
        """The item with id ``item_id``."""
        return next((item for item in self.items if item.id == item_id), None)


@frozen
class State:
    """A lifecycle state with its names."""

    id: str
    zh: str
    en: str


@frozen
class Transition:
    """An event allowed in some states, optionally moving to another one."""

    event: str
    from_: tuple[str, ...]
    requirement: str
    to: str | None = None
    when: Mapping[str, Any] = field(factory=dict)
    partnership: tuple[str, ...] = ()

    def applies_to(self, values: Mapping[str, Any]) -> bool:
        """True when the event's fields match ``when``."""
        return all(values.get(key) == expected for key, expected in self.when.items())


@frozen
class Lifecycle:
    """The states and transitions of partnerships or of outlets."""

    subject: Subject
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    active: tuple[str, ...] = ()
    ended: tuple[str, ...] = ()

    def governs(self, event_type: str) -> bool:
        """True when some transition mentions ``event_type``."""
        return any(t.event == event_type for t in self.transitions)

    def state(self, state_id: str) -> State | None:
        """The state with id ``state_id``."""
        return next((s for s in self.states if s.id == state_id), None)


@frozen
class FormField:
    """One field of a form: label, type and where its value comes from."""

    id: str
    label: str
    type: str = "string"
    label_en: str | None = None
    choices: tuple[str, ...] = ()
    source: str | None = None
    required: bool = False
    labels: Mapping[str, str] = field(factory=dict)
    # How the paper prints the label before the value, where it differs from ``label``
    # ("" prints the value alone); and how a choice is ticked: □/☑ boxes or ○/● circles.
    printed: str | None = None
    mark: Literal["box", "circle"] = "box"


@frozen
class FormTotals:
    """A totals row under a form's rows (附件4 合计): the sum of some columns."""

    label: str
    at: str
    sum: tuple[str, ...]


@frozen
class FormRows:
    """The repeated rows of a form and the collection they come from."""

    over: str
    fields: tuple[FormField, ...]
    totals: FormTotals | None = None


@frozen
class FormColumn:
    """One column of a printed table: a heading and the fields its cells hold."""

    fields: tuple[str, ...]
    label: str | None = None


@frozen
class ColumnGroup:
    """A heading spanning several columns (B.1 合作网点信息)."""

    label: str
    span: int


BlockKind = Literal[
    "line", "grid", "record", "table", "text", "signatures", "box", "spec", "drawing"
]


@frozen
class FormBlock:
    """One block of a form's printed layout, top to bottom (docs/forms.md, "Layout")."""

    kind: BlockKind
    fields: tuple[str, ...] = ()
    title: str | None = None
    text: str | None = None
    align: Literal["left", "center", "right", "justify"] = "left"
    bold: bool = False
    columns: tuple[FormColumn, ...] = ()
    groups: tuple[ColumnGroup, ...] = ()
    number: bool = False
    blank_rows: int = 0
    parties: tuple[tuple[str, ...], ...] = ()
    grid_columns: int = 2

    def text_parts(self) -> tuple[tuple[str, bool], ...]:
        """The text split into (literal, False) and (field id, True) parts at ``{field}``."""
        pieces = PLACEHOLDER.split(self.text or "")
        return tuple((piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece)

    def named_fields(self) -> tuple[str, ...]:
        """Every field id the block prints."""
        return (
            *self.fields,
            *(f for c in self.columns for f in c.fields),
            *(f for p in self.parties for f in p),
            *(piece for piece, is_field in self.text_parts() if is_field),
        )


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@frozen
class SpecEntry:
    """A fixed specification of a sign or plaque (size, material, font)."""

    label: str
    value: str | float | int
    unit: str | None = None


@frozen
class Form:
    """A form the profile declares: its fields, rows and fixed specifications."""

    id: str
    title: str
    clause: str
    scope: str = "outlet"
    aliases: tuple[str, ...] = ()
    title_en: str | None = None
    document: str | None = None
    fields: tuple[FormField, ...] = ()
    rows: FormRows | None = None
    spec: Mapping[str, SpecEntry] = field(factory=dict)
    # Printing: the profile marks the forms handed in for filing (identity numbers may be
    # printed unmasked); a layout of blocks (default: header fields, rows, spec); a
    # profile template (data/templates/) for an HTML layout of its own or an SVG drawing.
    for_filing: bool = False
    caption: str | None = None  # printed above the title, as the document numbers it: 表B.2, 附件4
    orientation: Literal["portrait", "landscape"] = "portrait"
    blocks: tuple[FormBlock, ...] = ()
    template: str | None = None
    drawing: str | None = None

    def find_field(self, field_id: str) -> FormField | None:
        """The header or row field called ``field_id``."""
        every = (*self.fields, *(self.rows.fields if self.rows else ()))
        return next((f for f in every if f.id == field_id), None)


@frozen
class BaselineRelation:
    """How a profile treats one requirement of the profile it extends."""

    requirement: str
    relation: Relation
    by: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Profile:
    """A loaded, merged and validated profile, ready to check snapshots."""

    name: str
    title: str
    title_en: str
    documents: tuple[Document, ...]
    vocabulary: Vocabulary
    requirements: tuple[Requirement, ...]
    region: str | None = None
    extends: str | None = None
    relates_to: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    outlet_kinds: tuple[str, ...] = ()
    parameters: Mapping[str, Parameter] = field(factory=dict)
    catalogues: tuple[Catalogue, ...] = ()
    # Catalogues of the profiles this one extends: their items are recognised in
    # snapshots (an item the city narrowed away is a finding, not an unknown name).
    inherited_catalogues: tuple[Catalogue, ...] = ()
    lifecycles: Mapping[str, Lifecycle] = field(factory=dict)
    forms: tuple[Form, ...] = ()
    # Templates the profile ships in data/templates/ (its own, then those it inherits): name → text.
    templates: Mapping[str, str] = field(factory=dict)
    baseline: tuple[BaselineRelation, ...] = ()
    fields: Mapping[str, Mapping[str, Any]] = field(factory=dict)
    event_fields: Mapping[str, Mapping[str, Any]] = field(factory=dict)
    distribution: str | None = None
    version: str | None = None

    def requirement(self, requirement_id: str) -> Requirement | None:
        """The requirement with id ``requirement_id``."""
        return next((r for r in self.requirements if r.id == requirement_id), None)

    def catalogue_on(self, day: date) -> Catalogue | None:
        """The catalogue version in force on ``day`` (the latest one starting, if several)."""
        in_force = [c for c in self.catalogues if c.in_force(day)]
        return max(in_force, key=lambda c: c.valid_from or date.min, default=None)

    def form(self, name: str) -> Form | None:
        """The form called ``name`` (its id or an alias)."""
        return next((f for f in self.forms if name == f.id or name in f.aliases), None)

    def title_in(self, lang: Lang) -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title

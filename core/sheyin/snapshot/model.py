"""Frozen models of a snapshot (DESIGN.md, "Snapshot").

Only ids and the keys that link records are required: real registers are
incomplete, and what a profile needs but a snapshot lacks is a finding.
Fields a profile adds through its own schema land in ``extra``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from attrs import field, frozen

EMPTY: Mapping[str, Any] = MappingProxyType({})

Result = Literal["conform", "nonconform"]
Defect = Literal["facilities", "equipment", "staff", "other"]
Witness = Literal["monitoring", "two_persons"]
Change = Literal["add", "remove"]
Employment = Literal["full_time", "part_time"]
Level = Literal["accept", "complete"]


@frozen
class HandoverCount:
    """Counts of one item's materials in a hand-over (never the people they concern)."""

    item: str
    volumes: int | None = None
    pages: int | None = None
    note: str | None = None


@frozen
class Event:
    """One dated lifecycle or management event. Fields other than ``on``/``type`` depend on type."""

    on: date
    type: str
    by: str | None = None
    note: str | None = None
    # inspection, filing
    result: Result | None = None
    defects: tuple[Defect, ...] = ()
    # notice
    effective_on: date | None = None
    # rectification_check
    passed: bool | None = None
    # materials_handover
    sealed: bool | None = None
    witness: Witness | None = None
    received_on: date | None = None
    handed_over_on: date | None = None
    counts: tuple[HandoverCount, ...] = ()
    # drill
    content: str | None = None
    participants: tuple[str, ...] = ()
    evaluation: str | None = None
    # staff_change, permission_grant, permission_revoke
    staff: str | None = None
    change: Change | None = None
    permissions: tuple[str, ...] = ()
    # catalogue_change, announcement and others may name the items concerned
    items: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)


@frozen
class Staff:
    """A person serving at an outlet. ``id_number`` is masked in every output but filing forms."""

    id: str
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    posts: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()
    trained_on: date | None = None
    joined_on: date | None = None
    left_on: date | None = None
    last_login: date | None = None
    employment: Employment | None = None
    pledged_on: date | None = None
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)

    def active_on(self, day: date) -> bool:
        """True when the person had joined (or no join date is known) and not yet left on ``day``."""
        joined = self.joined_on is None or self.joined_on <= day
        return joined and (self.left_on is None or self.left_on > day)


@frozen
class OfferedItem:
    """A catalogue item an outlet offers, optionally with the handling level it claims."""

    item: str
    level: Level | None = None


@frozen
class Outlet:
    """A cooperative outlet (合作网点) of one partnership."""

    id: str
    partnership: str
    name: str | None = None
    kind: str | None = None
    code: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None
    zones: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    facilities: tuple[str, ...] = ()
    items: tuple[OfferedItem, ...] = ()
    events: tuple[Event, ...] = ()
    staff: tuple[Staff, ...] = ()
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)


@frozen
class Department:
    """A human-resources and social-security department or social-insurance agency."""

    id: str
    name: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)


@frozen
class Bank:
    """A cooperative bank; ``credit_code`` is its 统一社会信用代码."""

    id: str
    name: str | None = None
    credit_code: str | None = None
    address: str | None = None
    contact: str | None = None
    phone: str | None = None
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)


@frozen
class Partnership:
    """One department, one bank, their agreement and its lifecycle."""

    id: str
    department: str
    bank: str
    events: tuple[Event, ...] = ()
    extra: Mapping[str, Any] = field(default=EMPTY, eq=False)


@frozen
class Snapshot:
    """Everything ``sheyin check`` reads, with names already resolved to canonical ids."""

    profile: str | None = None
    as_of: date | None = None
    departments: tuple[Department, ...] = ()
    banks: tuple[Bank, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    outlets: tuple[Outlet, ...] = ()

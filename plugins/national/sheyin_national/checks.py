"""Check kinds the national explanation needs and core's declarative kinds cannot express.

Each kind is named ``national.<what>``; docs/checks.md ("Adding a kind in a plugin")
describes the contract. Fields this profile adds to snapshots (profile.toml ``[fields]``)
arrive in a record's ``extra`` mapping as JSON values (dates as ISO strings).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from attrs import field, frozen

from sheyin.plugin import (
    CheckContext,
    CheckKind,
    DescribeContext,
    Event,
    Fact,
    Lifecycle,
    Outlet,
    Partnership,
    Requirement,
    Text,
    Value,
    Violation,
    join,
    kinds_field,
)

Subject = Literal["partnership", "outlet"]


# --- shared helpers ---------------------------------------------------------------------------


def _state_name(machine: Lifecycle, state_id: str) -> Text:
    state = machine.state(state_id)
    return Text(state.zh, state.en) if state else Text(state_id, state_id)


def _past(ctx: CheckContext, record: Outlet | Partnership, event_type: str) -> list[Event]:
    """``record``'s events of one type on or before the as-of date, in date order."""
    return [e for _, e in ctx.events(record, event_type) if e.on <= ctx.as_of]


def _date(value: object) -> date | None:
    """A date a profile-added field holds (an ISO string), or None when absent."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


# --- 五（六）: inspection and acceptance before the agreement ------------------------------------


@frozen
class AgreementAfterInspection:
    """A partnership's first agreement follows a conforming inspection of at least one of its outlets.

    Later agreements (renewals) and outlets sited after the agreement are not concerned:
    an outlet joining a running partnership is inspected under the agreement in force.
    """


def agreement_after_inspection(
    ctx: CheckContext, _: Requirement, __: AgreementAfterInspection
) -> Iterator[Violation]:
    for partnership in ctx.snapshot.partnerships:
        agreements = ctx.events(partnership, "agreement")
        if not agreements or agreements[0][1].on > ctx.as_of:
            continue
        position, agreement = agreements[0]
        inspected = any(
            e.result == "conform" and e.on <= agreement.on
            for outlet in ctx.outlets_of(partnership)
            for _, e in ctx.events(outlet, "inspection")
        )
        if not inspected:
            yield Violation(
                ctx.subject(partnership),
                ctx.path(partnership, "events", position),
                Text(
                    "{on} 签署协议前，未见任何合作网点检查验收合格",
                    "agreement signed on {on} before any outlet passed inspection",
                ),
                {"on": str(agreement.on)},
            )


# --- 六（三）: items offered only once their list (batch) is published -----------------------------


@frozen
class ItemsPublished:
    """Every service an outlet offers is in an item list its department published by the as-of date.

    Lists are ``event`` events (field ``services_field``) recorded on any partnership of the outlet's
    department: the department publishes to the public, not to one bank. An outlet's
    services are its ``offered_field`` names and its catalogue ``items`` (where a profile
    extending this one has a catalogue). Names match exactly once trimmed; a canonical
    service id (core data/services.toml) matches its Chinese name.
    """

    event: str = field(default="item_list_published", metadata={"domain": "event_types"})
    services_field: str = "services"
    offered_field: str = "offered_services"
    outlet_kinds: tuple[str, ...] = kinds_field()


def items_published(
    ctx: CheckContext, _: Requirement, params: ItemsPublished
) -> Iterator[Violation]:
    services = ctx.services

    def keys(name: str) -> set[str]:
        name = name.strip()
        service = services.get(name)
        return {name, service.zh} if service else {name}

    # department id -> (published keys on or before the as-of date, key -> later publication)
    published: dict[str, set[str]] = {}
    later: dict[str, dict[str, date]] = {}
    for partnership in ctx.snapshot.partnerships:
        now = published.setdefault(partnership.department, set())
        future = later.setdefault(partnership.department, {})
        for event in (e for _, e in ctx.events(partnership, params.event)):
            for name in event.extra.get(params.services_field, ()):
                for key in keys(name):
                    if event.on <= ctx.as_of:
                        now.add(key)
                    elif key not in future or event.on < future[key]:
                        future[key] = event.on

    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        department = ctx.partnership_of(outlet).department
        offered: list[tuple[str, set[str], str]] = [
            (str(name), keys(str(name)), ctx.path(outlet, params.offered_field, j))
            for j, name in enumerate(outlet.extra.get(params.offered_field, ()))
        ]
        for j, item in enumerate(outlet.items):
            name = ctx.item_name(item.item)
            offered.append((name, keys(item.item) | keys(name), ctx.path(outlet, "items", j)))
        for name, names, path in offered:
            if names & published.get(department, set()):
                continue
            due = [on for key in names if (on := later.get(department, {}).get(key))]
            values: dict[str, Value] = {"item": name, "as_of": str(ctx.as_of)}
            if due:
                template = Text(
                    "事项“{item}”所在批次至 {on} 方公布，{as_of} 尚不得办理",
                    "item '{item}' is only published on {on}: not yet to be offered on {as_of}",
                )
                values["on"] = str(min(due))
            else:
                template = Text(
                    "事项“{item}”不在截至 {as_of} 已向社会公布的服务事项清单中",
                    "item '{item}' is in no item list published by {as_of}",
                )
            yield Violation(ctx.subject(outlet), path, template, values)


# --- 六（三）: permissions applied for and approved before they are opened ------------------------


@frozen
class GrantsApproved:
    """Each permission grant records its application and approval, in that order, no later than the grant."""

    applied_field: str = "applied_on"
    approved_field: str = "approved_on"


def grants_approved(
    ctx: CheckContext, _: Requirement, params: GrantsApproved
) -> Iterator[Violation]:
    for outlet in ctx.outlets():
        for position, grant in ctx.events(outlet, "permission_grant"):
            if grant.on > ctx.as_of:
                continue
            applied = _date(grant.extra.get(params.applied_field))
            approved = _date(grant.extra.get(params.approved_field))
            where = ctx.path(outlet, "events", position)
            values: dict[str, Value] = {
                "on": str(grant.on),
                "staff": _staff_name(outlet, grant.staff),
            }
            if applied is None or approved is None:
                missing = [
                    label
                    for label, value in (
                        (Text("权限配置申请日期", "application date"), applied),
                        (Text("审核通过日期", "approval date"), approved),
                    )
                    if value is None
                ]
                yield Violation(
                    ctx.subject(outlet),
                    where,
                    Text(
                        "{on} 为{staff}开通权限，未记录{missing}",
                        "permissions opened for {staff} on {on} without {missing}",
                    ),
                    {
                        **values,
                        "missing": Text(
                            join((m.zh for m in missing), "zh"),
                            " or ".join(m.en for m in missing),
                        ),
                    },
                )
            elif approved < applied:
                yield Violation(
                    ctx.subject(outlet),
                    f"{where}/{params.approved_field}",
                    Text(
                        "{on} 为{staff}开通权限：审核通过日期 {approved} 早于申请日期 {applied}",
                        "permissions for {staff} on {on}: approved on {approved}, before the application on {applied}",
                    ),
                    {**values, "approved": str(approved), "applied": str(applied)},
                )
            elif approved > grant.on:
                yield Violation(
                    ctx.subject(outlet),
                    f"{where}/{params.approved_field}",
                    Text(
                        "{on} 为{staff}开通权限，早于审核通过日期 {approved}",
                        "permissions opened for {staff} on {on}, before their approval on {approved}",
                    ),
                    {**values, "approved": str(approved)},
                )


def _staff_name(outlet: Outlet, staff_id: str | None) -> str:
    person = next((s for s in outlet.staff if s.id == staff_id), None)
    return (person.name or person.id) if person else (staff_id or "")


# --- 六（三）: the permission ledger ---------------------------------------------------------------


@frozen
class PermissionsLedger:
    """Every permission an active staff member holds is in the outlet's ledger.

    The ledger is the outlet's ``permission_grant`` and ``permission_revoke`` events for
    that person, replayed in date order up to the as-of date.
    """

    outlet_kinds: tuple[str, ...] = kinds_field()


_UNRECORDED = Text(
    "{name}持有的权限未见开通记录（管理台账）：{held}",
    "{name} holds permissions the ledger does not record: {held}",
)
_NOTHING: frozenset[str] = frozenset()


def permissions_ledger(
    ctx: CheckContext, _: Requirement, params: PermissionsLedger
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        ledger: dict[str, set[str]] = {}
        # Grants and revocations in date order, ties in the order recorded.
        changes = sorted(
            [*ctx.events(outlet, "permission_grant"), *ctx.events(outlet, "permission_revoke")],
            key=lambda pair: (pair[1].on, pair[0]),
        )
        for _position, event in changes:
            if event.on > ctx.as_of:
                break
            held = ledger.setdefault(event.staff or "", set())
            if event.type == "permission_grant":
                held.update(event.permissions)
            else:
                held.difference_update(event.permissions)
        for person in ctx.active_staff(outlet):
            recorded = ledger.get(person.id, _NOTHING)
            unrecorded = [p for p in person.permissions if p not in recorded]
            if unrecorded:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    _UNRECORDED,
                    {
                        "name": person.name or person.id,
                        "held": ctx.labels("permissions", unrecorded),
                    },
                )


# --- records that must exist once a subject serves -----------------------------------------------


@frozen
class StaffRecorded:
    """Active staff of outlets in service record the profile-added date field ``field`` on or before the as-of date."""

    field: str
    title: str = ""
    title_en: str = ""
    outlet_kinds: tuple[str, ...] = kinds_field()


_NO_RECORD = Text("{name}无{what}记录", "{name} has no record of {what}")


def staff_recorded(ctx: CheckContext, _: Requirement, params: StaffRecorded) -> Iterator[Violation]:
    what = Text(params.title or params.field, params.title_en or params.field)
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for person in ctx.active_staff(outlet):
            recorded = _date(person.extra.get(params.field))
            if recorded is None or recorded > ctx.as_of:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    _NO_RECORD,
                    {"name": person.name or person.id, "what": what},
                )


# --- 五（十一）: after termination no outlet stays active -------------------------------------------


@frozen
class OutletsEnded:
    """Once a partnership has reached an ``ended`` state, none of its outlets is still in an active state."""


def outlets_ended(ctx: CheckContext, _: Requirement, __: OutletsEnded) -> Iterator[Violation]:
    partnership_machine = ctx.profile.lifecycles.get("partnership")
    outlet_machine = ctx.profile.lifecycles.get("outlet")
    if partnership_machine is None or outlet_machine is None:
        return
    for partnership in ctx.snapshot.partnerships:
        state = ctx.state_of("partnership", partnership.id)
        if state is None or state not in partnership_machine.ended:
            continue
        trace = ctx.traces()[("partnership", partnership.id)]
        for outlet in ctx.outlets_of(partnership):
            outlet_state = ctx.state_of("outlet", outlet.id)
            if outlet_state in outlet_machine.active:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "events"),
                    Text(
                        "合作关系自 {on} 起为“{pstate}”，网点仍处于“{state}”，未退出或终止",
                        "the partnership has been '{pstate}' since {on}, but the outlet is still '{state}'",
                    ),
                    {
                        "on": str(trace.entered(state)),
                        "pstate": _state_name(partnership_machine, state),
                        "state": _state_name(outlet_machine, str(outlet_state)),
                    },
                )


_SUBJECTS = {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}


def describe_agreement_after_inspection(
    ctx: DescribeContext, _: Requirement, __: AgreementAfterInspection
) -> Iterator[Fact]:
    yield Fact(
        "lifecycle",
        "agreement_after_inspection",
        Text("签订协议的前提", "Before the agreement"),
        Text("至少一个网点现场核验合格", "an outlet inspected and found conforming"),
        "conforming_inspection",
    )


def describe_items_published(
    ctx: DescribeContext, _: Requirement, __: ItemsPublished
) -> Iterator[Fact]:
    yield Fact(
        "catalogue",
        "published",
        Text("事项清单公布", "Published item lists"),
        Text("网点所办事项须在人社部门公布的清单内", "only items the department published"),
        "published",
    )


def describe_grants_approved(
    ctx: DescribeContext, _: Requirement, __: GrantsApproved
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "grant_approval",
        Text("权限开通审批", "Approval of grants"),
        Text("先申请、后审批、再开通", "applied for, approved, then granted"),
        "applied<approved<granted",
    )


def describe_permissions_ledger(
    ctx: DescribeContext, _: Requirement, __: PermissionsLedger
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "ledger",
        Text("权限台账", "Permissions ledger"),
        Text("所持权限均有开通记录", "every permission held was recorded as granted"),
        "yes",
    )


def describe_staff_recorded(
    ctx: DescribeContext, _: Requirement, params: StaffRecorded
) -> Iterator[Fact]:
    yield Fact(
        "staffing",
        "record",
        Text("人员信息", "Staff records"),
        Text(params.title or params.field, params.title_en or params.title or params.field),
        params.field,
    )


def describe_outlets_ended(
    ctx: DescribeContext, _: Requirement, __: OutletsEnded
) -> Iterator[Fact]:
    yield Fact(
        "exit",
        "outlets_ended",
        Text("合作关系终止后的网点", "Outlets after the partnership ends"),
        Text("须同时退出", "leave service too"),
        "yes",
    )


KINDS: tuple[CheckKind, ...] = (
    CheckKind(
        "national.agreement_after_inspection",
        AgreementAfterInspection,
        agreement_after_inspection,
        AgreementAfterInspection.__doc__ or "",
        describe=describe_agreement_after_inspection,
        scope="bank",
    ),
    CheckKind(
        "national.items_published",
        ItemsPublished,
        items_published,
        ItemsPublished.__doc__ or "",
        describe=describe_items_published,
        scope="bank",
    ),
    CheckKind(
        "national.grants_approved",
        GrantsApproved,
        grants_approved,
        GrantsApproved.__doc__ or "",
        describe=describe_grants_approved,
        scope="bank",
    ),
    CheckKind(
        "national.permissions_ledger",
        PermissionsLedger,
        permissions_ledger,
        PermissionsLedger.__doc__ or "",
        describe=describe_permissions_ledger,
        scope="bank",
    ),
    CheckKind(
        "national.staff_recorded",
        StaffRecorded,
        staff_recorded,
        StaffRecorded.__doc__ or "",
        describe=describe_staff_recorded,
        scope="bank",
    ),
    CheckKind(
        "national.outlets_ended",
        OutletsEnded,
        outlets_ended,
        OutletsEnded.__doc__ or "",
        describe=describe_outlets_ended,
        scope="bank",
    ),
)
"""Every check kind this plugin provides."""

"""Staff: numbers, posts, training, records, permissions and accounts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Literal

from attrs import field, frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.due import Due
from sheyin.engine.findings import Violation
from sheyin.i18n import Text, join
from sheyin.kinds.duration import Duration
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import kinds_field
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Requirement
from sheyin.snapshot.model import Employment, Outlet

StaffField = Literal[
    "name",
    "id_number",
    "phone",
    "posts",
    "permissions",
    "trained_on",
    "joined_on",
    "last_login",
    "employment",
    "pledged_on",
]

FIELD_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "name": Text("姓名", "name"),
        "id_number": Text("身份证号码", "identity number"),
        "phone": Text("联系电话", "telephone"),
        "posts": Text("岗位", "posts"),
        "permissions": Text("权限", "permissions"),
        "trained_on": Text("培训（考核）日期", "training date"),
        "joined_on": Text("上岗日期", "first day of duty"),
        "last_login": Text("最近登录日期", "last login"),
        "employment": Text("用工性质（专职/兼职）", "employment (full/part time)"),
        "pledged_on": Text("保密承诺书签署日期", "confidentiality pledge date"),
    }
)
EMPLOYMENT_NAMES: Mapping[str, Text] = MappingProxyType(
    {"full_time": Text("专职", "full-time"), "part_time": Text("兼职", "part-time")}
)


@frozen
class StaffCount:
    """At least ``min`` active staff (of ``employment`` when given) at outlets of ``outlet_kinds``."""

    min: int = 1
    employment: Employment | None = None
    outlet_kinds: tuple[str, ...] = kinds_field()


def staff_count(ctx: CheckContext, _: Requirement, params: StaffCount) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        serving = [
            s
            for s in ctx.active_staff(outlet)
            if params.employment is None or s.employment == params.employment
        ]
        if len(serving) < params.min:
            named = EMPLOYMENT_NAMES[params.employment] if params.employment else None
            # English puts a space after the word; Chinese writes 专职工作人员 without one.
            which = Text(named.zh, named.en + " ") if named else Text("", "")
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "staff"),
                Text(
                    "在岗{which}工作人员 {count} 人，少于 {min} 人",
                    "{count} active {which}staff, fewer than {min}",
                ),
                {"which": which, "count": len(serving), "min": params.min},
            )


@frozen
class PostsCovered:
    """Each post of ``posts`` is held by at least one active staff member (one person may hold several)."""

    posts: tuple[str, ...] = field(metadata={"domain": "posts"})
    outlet_kinds: tuple[str, ...] = kinds_field()


_UNCOVERED = Text("以下岗位无在岗人员：{missing}", "no active staff holds: {missing}")


def posts_covered(ctx: CheckContext, _: Requirement, params: PostsCovered) -> Iterator[Violation]:
    lacks: dict[tuple[str, ...], dict[str, Text]] = {}  # outlets tend to lack the same posts
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        held = {post for s in ctx.active_staff(outlet) for post in s.posts}
        missing = tuple(p for p in params.posts if p not in held)
        if missing:
            values = lacks.get(missing)
            if values is None:
                values = lacks[missing] = {"missing": ctx.labels("posts", missing)}
            yield Violation(ctx.subject(outlet), ctx.path(outlet, "staff"), _UNCOVERED, values)


@frozen
class TrainedBeforeDuty:
    """Active staff have a training date, on or before their first day of duty."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def trained_before_duty(
    ctx: CheckContext, _: Requirement, params: TrainedBeforeDuty
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for person in ctx.active_staff(outlet):
            if person.trained_on is None:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    Text(
                        "{name}无岗前培训（考核合格）记录",
                        "{name} has no record of pre-job training",
                    ),
                    {"name": person.name or person.id},
                )
            elif person.joined_on is not None and person.trained_on > person.joined_on:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "trained_on"),
                    Text(
                        "{name}于 {joined} 上岗，培训（考核）日期 {trained} 晚于上岗日期",
                        "{name} started on {joined} but was trained only on {trained}",
                    ),
                    {
                        "name": person.name or person.id,
                        "joined": str(person.joined_on),
                        "trained": str(person.trained_on),
                    },
                )


@frozen
class StaffHas:
    """Active staff records show every field of ``fields`` (e.g. pledged_on, id_number)."""

    fields: tuple[StaffField, ...]
    outlet_kinds: tuple[str, ...] = kinds_field()


_LACKS = Text("{name}的记录缺少：{missing}", "{name}'s record lacks: {missing}")


def staff_has(ctx: CheckContext, _: Requirement, params: StaffHas) -> Iterator[Violation]:
    lacks: dict[tuple[str, ...], Text] = {}  # staff tend to lack the same fields
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for person in ctx.active_staff(outlet):
            missing = tuple(f for f in params.fields if getattr(person, f) in (None, ()))
            if missing:
                names = lacks.get(missing)
                if names is None:
                    names = lacks[missing] = Text(
                        join((FIELD_NAMES[f].zh for f in missing), "zh"),
                        join((FIELD_NAMES[f].en for f in missing), "en"),
                    )
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    _LACKS,
                    {"name": person.name or person.id, "missing": names},
                )


@frozen
class PermissionsForbidden:
    """No staff member holds, or is granted, any permission of ``permissions``."""

    permissions: tuple[str, ...] = field(metadata={"domain": "permissions"})


def permissions_forbidden(
    ctx: CheckContext, _: Requirement, params: PermissionsForbidden
) -> Iterator[Violation]:
    forbidden = set(params.permissions)
    template = Text(
        "{name}持有禁止分配的权限：{held}", "{name} holds forbidden permissions: {held}"
    )
    for outlet in ctx.outlets():
        for person in outlet.staff:
            held = [p for p in person.permissions if p in forbidden]
            if held:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    template,
                    {"name": person.name or person.id, "held": ctx.labels("permissions", held)},
                )
        for position, event in enumerate(outlet.events):
            if event.on > ctx.as_of:
                continue  # findings look only at what happened by the as-of date
            granted = [p for p in event.permissions if p in forbidden]
            if event.type == "permission_grant" and granted:
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "events", position, "permissions"),
                    Text(
                        "{on} 开通了禁止分配的权限：{held}",
                        "forbidden permissions granted on {on}: {held}",
                    ),
                    {"on": str(event.on), "held": ctx.labels("permissions", granted)},
                )


@frozen
class DepartedStaffRevoked:
    """Staff who have left hold no permissions any more."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def departed_staff_revoked(
    ctx: CheckContext, _: Requirement, params: DepartedStaffRevoked
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        for person in outlet.staff:
            if person.left_on is not None and person.left_on <= ctx.as_of and person.permissions:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    Text(
                        "{name}已于 {left} 离岗，仍持有权限：{held}",
                        "{name} left on {left} but still holds: {held}",
                    ),
                    {
                        "name": person.name or person.id,
                        "left": str(person.left_on),
                        "held": ctx.labels("permissions", person.permissions),
                    },
                )


@frozen
class PermissionsSealed:
    """Once an outlet's service has ended (its lifecycle, or its partnership's, reached an
    ``ended`` state: exit approved, forced out, terminated), its staff hold no permissions."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def _service_ended(ctx: CheckContext, outlet: Outlet) -> date | None:
    days = [
        d
        for d in (
            ctx.ended_on("outlet", outlet),
            ctx.ended_on("partnership", ctx.partnership_of(outlet)),
        )
        if d is not None
    ]
    return min(days, default=None)


def permissions_sealed(
    ctx: CheckContext, _: Requirement, params: PermissionsSealed
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds):
        ended = _service_ended(ctx, outlet)
        if ended is None:
            continue
        for person in outlet.staff:
            if person.permissions and (person.left_on is None or person.left_on > ctx.as_of):
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    Text(
                        "网点已于 {ended} 退出合作，{name}的经办权限未封停：{held}",
                        "the outlet left the cooperation on {ended} but {name} still holds: {held}",
                    ),
                    {
                        "ended": str(ended),
                        "name": person.name or person.id,
                        "held": ctx.labels("permissions", person.permissions),
                    },
                )


@frozen
class InactiveAccounts:
    """Active staff holding permissions logged in within the last ``idle`` period
    (``{months = 3}`` or ``{days = 60}``)."""

    idle: Duration
    outlet_kinds: tuple[str, ...] = kinds_field()


def inactive_accounts(
    ctx: CheckContext, _: Requirement, params: InactiveAccounts
) -> Iterator[Violation]:
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for person in ctx.active_staff(outlet):
            if not person.permissions:
                continue
            if person.last_login is None:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person),
                    Text(
                        "{name}持有权限但无最近登录记录",
                        "{name} holds permissions but has no last-login record",
                    ),
                    {"name": person.name or person.id},
                )
            elif params.idle.after(person.last_login) < ctx.as_of:
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "last_login"),
                    Text(
                        "{name}自 {last} 起连续 {idle}未登录，权限应冻结或注销",
                        "{name} has not logged in since {last} ({idle}): freeze or cancel the account",
                    ),
                    {
                        "name": person.name or person.id,
                        "last": str(person.last_login),
                        "idle": params.idle.text(),
                    },
                )


# --- deadlines: the same readings as the checks above, dated ----------------------------------


def departed_staff_revoked_due(
    ctx: CheckContext, _: Requirement, params: DepartedStaffRevoked
) -> Iterator[Due]:
    """Staff who leave (or left) still holding permissions: revoke them by the day they leave."""
    for outlet in ctx.outlets(params.outlet_kinds):
        for person in outlet.staff:
            if person.left_on is not None and person.permissions:
                yield Due(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "permissions"),
                    person.left_on,
                    Text(
                        "{name}于 {left} 离岗：注销其权限（{held}）",
                        "{name} leaves on {left}: revoke their permissions ({held})",
                    ),
                    {
                        "name": person.name or person.id,
                        "left": str(person.left_on),
                        "held": ctx.labels("permissions", person.permissions),
                    },
                )


def inactive_accounts_due(
    ctx: CheckContext, _: Requirement, params: InactiveAccounts
) -> Iterator[Due]:
    """Each active account holder's idle period since the last login ends: freeze, or log in."""
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for person in ctx.active_staff(outlet):
            if not person.permissions or person.last_login is None:
                continue  # no login recorded: check reports it today
            yield Due(
                ctx.subject(outlet, person),
                ctx.staff_path(outlet, person, "last_login"),
                params.idle.after(person.last_login),
                Text(
                    "{name}自 {last} 起未登录，满 {idle}：冻结或注销其账户权限",
                    "{name} has not logged in since {last}; after {idle}: freeze or cancel the account",
                ),
                {
                    "name": person.name or person.id,
                    "last": str(person.last_login),
                    "idle": params.idle.text(),
                },
            )


def _per_kind(
    ctx: DescribeContext, kinds: tuple[str, ...], zh: str, en: str
) -> Iterator[tuple[str, Text]]:
    for kind in ctx.outlet_kinds(kinds):
        name = ctx.label("outlet_kinds", kind)
        yield kind, Text(f"{zh}（{name.zh}）", f"{en} ({name.en})")


def describe_staff_count(
    ctx: DescribeContext, _: Requirement, params: StaffCount
) -> Iterator[Fact]:
    which = EMPLOYMENT_NAMES[params.employment] if params.employment else Text("", "")
    value = Text(
        f"至少 {params.min} 名{which.zh}人员",
        f"at least {params.min} {which.en + ' ' if which.en else ''}staff",
    )
    for kind, label in _per_kind(ctx, params.outlet_kinds, "人数", "Staff"):
        yield Fact(
            "staffing", f"count/{kind}", label, value, f"{params.employment or 'any'}>={params.min}"
        )


def describe_posts_covered(
    ctx: DescribeContext, _: Requirement, params: PostsCovered
) -> Iterator[Fact]:
    for kind in ctx.outlet_kinds(params.outlet_kinds):
        yield Fact(
            "posts",
            kind,
            ctx.label("outlet_kinds", kind),
            ctx.labels("posts", params.posts),
            ";".join(sorted(params.posts)),
        )


def describe_trained_before_duty(
    ctx: DescribeContext, _: Requirement, __: TrainedBeforeDuty
) -> Iterator[Fact]:
    yield Fact(
        "staffing",
        "training",
        Text("岗前培训", "Pre-job training"),
        Text("上岗前须培训合格", "trained before first duty"),
        "before_duty",
    )


def describe_staff_has(ctx: DescribeContext, _: Requirement, params: StaffHas) -> Iterator[Fact]:
    yield Fact(
        "staffing",
        "record",
        Text("人员信息", "Staff records"),
        Text(
            join((FIELD_NAMES[f].zh for f in params.fields), "zh"),
            join((FIELD_NAMES[f].en for f in params.fields), "en"),
        ),
        ";".join(sorted(params.fields)),
    )


def describe_permissions_forbidden(
    ctx: DescribeContext, _: Requirement, params: PermissionsForbidden
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "forbidden",
        Text("禁止的权限", "Forbidden permissions"),
        ctx.labels("permissions", params.permissions),
        ";".join(sorted(params.permissions)),
    )


def describe_departed_staff_revoked(
    ctx: DescribeContext, _: Requirement, __: DepartedStaffRevoked
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "departed",
        Text("离岗回收权限", "Revoked on departure"),
        Text("须回收", "required"),
        "yes",
    )


def describe_permissions_sealed(
    ctx: DescribeContext, _: Requirement, __: PermissionsSealed
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "sealed_on_exit",
        Text("退出后封停权限", "Permissions sealed on leaving"),
        Text("须封停", "required"),
        "yes",
    )


def describe_inactive_accounts(
    ctx: DescribeContext, _: Requirement, params: InactiveAccounts
) -> Iterator[Fact]:
    yield Fact(
        "permissions",
        "inactive",
        Text("长期未登录账户", "Inactive accounts"),
        Text(
            f"连续 {params.idle.text().zh}未登录须冻结或注销",
            f"frozen after {params.idle.text().en} without login",
        ),
        params.idle.key(),
    )


KINDS = (
    CheckKind(
        "staff_count",
        StaffCount,
        staff_count,
        StaffCount.__doc__ or "",
        describe=describe_staff_count,
        scope="bank",
    ),
    CheckKind(
        "posts_covered",
        PostsCovered,
        posts_covered,
        PostsCovered.__doc__ or "",
        describe=describe_posts_covered,
        scope="bank",
    ),
    CheckKind(
        "trained_before_duty",
        TrainedBeforeDuty,
        trained_before_duty,
        TrainedBeforeDuty.__doc__ or "",
        describe=describe_trained_before_duty,
        scope="bank",
    ),
    CheckKind(
        "staff_has",
        StaffHas,
        staff_has,
        StaffHas.__doc__ or "",
        describe=describe_staff_has,
        scope="bank",
    ),
    CheckKind(
        "permissions_forbidden",
        PermissionsForbidden,
        permissions_forbidden,
        PermissionsForbidden.__doc__ or "",
        describe=describe_permissions_forbidden,
        scope="bank",
    ),
    CheckKind(
        "departed_staff_revoked",
        DepartedStaffRevoked,
        departed_staff_revoked,
        DepartedStaffRevoked.__doc__ or "",
        due=departed_staff_revoked_due,
        describe=describe_departed_staff_revoked,
        scope="bank",
    ),
    CheckKind(
        "permissions_sealed",
        PermissionsSealed,
        permissions_sealed,
        PermissionsSealed.__doc__ or "",
        describe=describe_permissions_sealed,
        scope="bank",
    ),
    CheckKind(
        "inactive_accounts",
        InactiveAccounts,
        inactive_accounts,
        InactiveAccounts.__doc__ or "",
        due=inactive_accounts_due,
        describe=describe_inactive_accounts,
        scope="bank",
    ),
)

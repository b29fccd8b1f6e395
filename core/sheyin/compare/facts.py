"""What a profile requires, as comparable facts: one per (aspect, key).

A fact's ``token`` is language-neutral (ids, numbers) so two profiles can be
compared; ``value`` is what a person reads; ``cites`` are the clauses behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from attrs import frozen

from sheyin.i18n import Text, join
from sheyin.profile.model import CatalogueItem, Profile, Requirement
from sheyin.services import Service
from sheyin.vocabulary import Domain

ASPECTS: dict[str, Text] = {
    "outlet_kinds": Text("网点类型", "Outlet kinds"),
    "zones": Text("功能区", "Zones"),
    "equipment": Text("设备", "Equipment"),
    "facilities": Text("设施物品", "Facilities"),
    "staffing": Text("人员配备", "Staffing"),
    "posts": Text("岗位", "Posts"),
    "permissions": Text("权限管理", "Permission policy"),
    "lifecycle": Text("生命周期步骤", "Lifecycle steps"),
    "thresholds": Text("期限与阈值", "Periods and thresholds"),
    "exit": Text("退出规则", "Exit rules"),
    "forms": Text("表单", "Forms"),
    "catalogue": Text("服务事项目录", "Service catalogue"),
}
EXIT_EVENTS = (
    "notice",
    "exit_request",
    "exit_approved",
    "forced_exit",
    "termination",
    "plaque_removed",
    "announcement",
    "materials_handover",
    "permission_revoke",
)
LEVELS = {
    "accept": Text("受理", "accept"),
    "complete": Text("经办办结", "complete"),
    None: Text("提供", "offered"),
}
SUBJECTS = {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}
SEVERITY_WORDS = {
    "error": Text("必须", "required"),
    "warning": Text("宜", "recommended"),
    "info": Text("可", "optional"),
}


@frozen
class Fact:
    """One comparable statement about a profile."""

    aspect: str
    key: str
    key_label: Text
    token: str
    value: Text
    cites: tuple[str, ...] = ()


def facts(profile: Profile, services: Mapping[str, Service], day: date) -> tuple[Fact, ...]:
    """Every comparable fact of ``profile`` on ``day``, in aspect order (catalogue keys are canonical services)."""
    found = [
        *_outlet_kinds(profile),
        *_inventory(profile),
        *_staffing(profile),
        *_lifecycle(profile),
        *_thresholds(profile),
        *_exit(profile),
        *_forms(profile),
        *_catalogue(profile, services, day),
    ]
    order = list(ASPECTS)
    return tuple(sorted(found, key=lambda f: order.index(f.aspect)))


def _checked(profile: Profile, *kinds: str) -> Iterator[Requirement]:
    return (r for r in profile.requirements if r.check is not None and r.check.kind in kinds)


def _labels(profile: Profile, domain: Domain, ids: Iterable[str]) -> Text:
    ids = list(ids)
    voc = profile.vocabulary
    return Text(
        join((voc.label(domain, i, "zh") for i in ids), "zh"),
        join((voc.label(domain, i, "en") for i in ids), "en"),
    )


def _kinds_of(profile: Profile, params: Any) -> tuple[str, ...]:
    kinds = tuple(getattr(params, "outlet_kinds", ()) or ())
    return kinds or profile.outlet_kinds


def _outlet_kinds(profile: Profile) -> Iterator[Fact]:
    cites = tuple(r.clause for r in _checked(profile, "outlet_kind"))
    for kind in profile.outlet_kinds:
        label = _labels(profile, "outlet_kinds", [kind])
        yield Fact("outlet_kinds", kind, label, "yes", Text("适用", "covered"), cites)


def _inventory(profile: Profile) -> Iterator[Fact]:
    # (field, kind) → severity → (terms, cites)
    table: dict[tuple[str, str], dict[str, tuple[list[str], list[str]]]] = defaultdict(dict)
    for requirement in _checked(profile, "outlet_has"):
        params = requirement.check.params  # type: ignore[union-attr]
        terms = [*params.all, *("|".join(group) for group in params.any_of)]
        for kind in _kinds_of(profile, params):
            entry = table[(params.field, kind)].setdefault(requirement.severity, ([], []))
            entry[0].extend(t for t in terms if t not in entry[0])
            entry[1].append(requirement.clause)
    for (field, kind), by_severity in table.items():
        parts_zh, parts_en, tokens, cites = [], [], [], []
        for severity in ("error", "warning", "info"):
            if severity not in by_severity:
                continue
            terms, clauses = by_severity[severity]
            names = [_term_label(profile, field, t) for t in terms]
            parts_zh.append(f"{SEVERITY_WORDS[severity].zh}：{join((n.zh for n in names), 'zh')}")
            parts_en.append(f"{SEVERITY_WORDS[severity].en}: {join((n.en for n in names), 'en')}")
            tokens.append(f"{severity}=" + ",".join(sorted(terms)))
            cites.extend(clauses)
        yield Fact(
            field,
            kind,
            _labels(profile, "outlet_kinds", [kind]),
            ";".join(tokens),
            Text("；".join(parts_zh), "; ".join(parts_en)),
            tuple(dict.fromkeys(cites)),
        )


def _term_label(profile: Profile, field: str, term: str) -> Text:
    domain: Domain = field  # type: ignore[assignment]
    ids = term.split("|")
    voc = profile.vocabulary
    return Text(
        "或".join(voc.label(domain, i, "zh") for i in ids),
        " or ".join(voc.label(domain, i, "en") for i in ids),
    )


def _staffing(profile: Profile) -> Iterator[Fact]:
    for requirement in _checked(profile, "staff_count"):
        params = requirement.check.params  # type: ignore[union-attr]
        employment = {
            "full_time": Text("专职", "full-time "),
            "part_time": Text("兼职", "part-time "),
        }.get(params.employment or "", Text("", ""))
        for kind in _kinds_of(profile, params):
            yield Fact(
                "staffing",
                f"count/{kind}",
                Text(
                    f"人数（{profile.vocabulary.label('outlet_kinds', kind, 'zh')}）",
                    f"Staff ({profile.vocabulary.label('outlet_kinds', kind, 'en')})",
                ),
                f"min={params.min};{params.employment}",
                Text(
                    f"至少 {params.min} 名{employment.zh}人员",
                    f"at least {params.min} {employment.en}staff",
                ),
                (requirement.clause,),
            )
    training = [r.clause for r in _checked(profile, "trained_before_duty")]
    if training:
        yield Fact(
            "staffing",
            "training",
            Text("岗前培训", "Pre-job training"),
            "before_duty",
            Text("上岗前须培训合格", "trained before first duty"),
            tuple(training),
        )
    for requirement in _checked(profile, "posts_covered"):
        params = requirement.check.params  # type: ignore[union-attr]
        for kind in _kinds_of(profile, params):
            yield Fact(
                "posts",
                kind,
                _labels(profile, "outlet_kinds", [kind]),
                ",".join(sorted(params.posts)),
                _labels(profile, "posts", params.posts),
                (requirement.clause,),
            )
    for requirement in _checked(profile, "permissions_forbidden"):
        params = requirement.check.params  # type: ignore[union-attr]
        names = _labels(profile, "permissions", params.permissions)
        yield Fact(
            "permissions",
            "forbidden",
            Text("禁止的权限", "Forbidden permissions"),
            ",".join(sorted(params.permissions)),
            names,
            (requirement.clause,),
        )
    for requirement in _checked(profile, "departed_staff_revoked"):
        yield Fact(
            "permissions",
            "departed",
            Text("离岗回收权限", "Revoked on departure"),
            "yes",
            Text("须回收", "required"),
            (requirement.clause,),
        )
    for requirement in _checked(profile, "inactive_accounts"):
        idle = requirement.check.params.idle  # type: ignore[union-attr]
        yield Fact(
            "permissions",
            "inactive",
            Text("长期未登录账户", "Inactive accounts"),
            idle.key(),
            Text(
                f"连续 {idle.text().zh}未登录须冻结或注销",
                f"frozen after {idle.text().en} without login",
            ),
            (requirement.clause,),
        )


def _lifecycle(profile: Profile) -> Iterator[Fact]:
    for subject, machine in profile.lifecycles.items():
        steps: list[str] = []
        for transition in machine.transitions:
            if transition.to is not None and transition.event not in steps:
                steps.append(transition.event)
        cites = [profile.requirement(t.requirement) for t in machine.transitions]
        label = SUBJECTS[subject]
        names = [profile.vocabulary.term("event_types", s) for s in steps]
        yield Fact(
            "lifecycle",
            subject,
            label,
            ">".join(steps),
            Text(
                " → ".join(n.zh if n else s for n, s in zip(names, steps, strict=True)),
                " → ".join(n.en if n else s for n, s in zip(names, steps, strict=True)),
            ),
            tuple(dict.fromkeys(r.clause for r in cites if r)),
        )


def _thresholds(profile: Profile) -> Iterator[Fact]:
    for requirement in _checked(profile, "notice_period"):
        params = requirement.check.params  # type: ignore[union-attr]
        notice = profile.vocabulary.term("event_types", params.notice)
        subject = SUBJECTS[params.subject]
        for effective in params.effective:
            term = profile.vocabulary.term("event_types", effective)
            yield Fact(
                "thresholds",
                f"notice/{params.subject}/{params.notice}/{effective}",
                Text(
                    f"{notice.zh if notice else params.notice}至{term.zh if term else effective}（{subject.zh}）",
                    f"{notice.en if notice else params.notice} to {term.en if term else effective} ({subject.en})",
                ),
                params.min.key(),
                Text(f"至少间隔 {params.min.text().zh}", f"at least {params.min.text().en} apart"),
                (requirement.clause,),
            )
    for requirement in _checked(profile, "periodic_event"):
        params = requirement.check.params  # type: ignore[union-attr]
        period, period_en = params.every.text().zh, params.every.text().en
        term = profile.vocabulary.term("event_types", params.event)
        yield Fact(
            "thresholds",
            f"every/{params.subject}/{params.event}",
            Text(
                f"{term.zh if term else params.event}周期",
                f"{term.en if term else params.event} period",
            ),
            params.every.key(),
            Text(f"每 {period} 至少一次", f"at least every {period_en}"),
            (requirement.clause,),
        )
    for requirement in _checked(profile, "follow_up"):
        params = requirement.check.params  # type: ignore[union-attr]
        if params.within is None:
            continue
        window = params.within.text()
        trigger = profile.vocabulary.label("event_types", params.trigger, "zh")
        required = "、".join(
            profile.vocabulary.label("event_types", r, "zh") for r in params.require
        )
        yield Fact(
            "thresholds",
            f"within/{params.trigger}/{'+'.join(params.require)}",
            Text(f"{trigger}后{required}时限", f"{params.require} after {params.trigger}"),
            params.within.key(),
            Text(f"{window.zh}内", f"within {window.en}"),
            (requirement.clause,),
        )
    for parameter in profile.parameters.values():
        if isinstance(parameter.value, (int, float)) and not isinstance(parameter.value, bool):
            yield Fact(
                "thresholds",
                f"parameter/{parameter.name}",
                Text(f"参数 {parameter.name}", f"parameter {parameter.name}"),
                f"{parameter.value}{parameter.unit or ''}",
                Text(
                    f"{parameter.value} {parameter.unit or ''}".strip(),
                    f"{parameter.value} {parameter.unit or ''}".strip(),
                ),
                (parameter.clause,) if parameter.clause else (),
            )


def _exit(profile: Profile) -> Iterator[Fact]:
    mentioned: dict[str, list[str]] = defaultdict(list)
    for machine in profile.lifecycles.values():
        for transition in machine.transitions:
            requirement = profile.requirement(transition.requirement)
            if transition.event in EXIT_EVENTS and requirement:
                mentioned[transition.event].append(requirement.clause)
    for requirement in profile.requirements:
        if requirement.check is None:
            continue
        params = requirement.check.params
        for name in ("trigger", "event", "notice"):
            event = getattr(params, name, None)
            if event in EXIT_EVENTS and requirement.dimension in (None, "exit"):
                mentioned[event].append(requirement.clause)
        for event in getattr(params, "require", ()) or ():
            if event in EXIT_EVENTS and requirement.dimension in (None, "exit"):
                mentioned[event].append(requirement.clause)
    for event in EXIT_EVENTS:
        if event in mentioned:
            term = profile.vocabulary.term("event_types", event)
            yield Fact(
                "exit",
                event,
                Text(term.zh, term.en) if term else Text(event, event),
                "yes",
                Text("有规定", "regulated"),
                tuple(dict.fromkeys(mentioned[event])),
            )


def _forms(profile: Profile) -> Iterator[Fact]:
    for form in profile.forms:
        yield Fact(
            "forms",
            form.id,
            Text(form.id, form.id),
            "yes",
            Text(form.title, form.title_en or form.title),
            (form.clause,),
        )


def _catalogue(profile: Profile, services: Mapping[str, Service], day: date) -> Iterator[Fact]:
    catalogue = profile.catalogue_on(day)
    if catalogue is None:
        return
    merged: dict[str, list[CatalogueItem]] = defaultdict(list)
    for item in catalogue.items:
        merged[item.service or f"item:{item.id}"].append(item)
    for key, items in merged.items():
        service = services.get(key)
        label = Text(service.zh, service.en) if service else Text(items[0].name, items[0].name)
        levels = sorted({item.level or "offered" for item in items})
        shown = [LEVELS[None if level == "offered" else level] for level in levels]
        yield Fact(
            "catalogue",
            key,
            label,
            "+".join(levels),
            Text("、".join(t.zh for t in shown), ", ".join(t.en for t in shown)),
            tuple(f"{catalogue.clause or catalogue.id} {item.number or item.id}" for item in items),
        )

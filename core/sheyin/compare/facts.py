"""What a profile requires, as comparable facts: one per (aspect, key).

Requirements describe themselves through their check kind's ``describe`` (core's kinds
and plugins' alike, docs/plugins.md); the profile adds what no single requirement
states: its outlet kinds, numeric parameters, forms and the catalogue in force.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

import attrs

from sheyin.i18n import Text, join
from sheyin.plugin.describe import ASPECTS, DescribeContext, Fact
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import SEVERITIES, CatalogueItem, Profile, Requirement
from sheyin.services import Service

__all__ = [
    "ASPECTS",
    "LEVELS",
    "Fact",
    "aspect_label",
    "aspect_rank",
    "facts",
    "merge",
    "requirement_facts",
]

LEVELS = {
    "accept": Text("受理", "accept"),
    "complete": Text("经办办结", "complete"),
    None: Text("提供", "offered"),
}


def aspect_label(aspect: str, fact: Fact | None = None) -> Text:
    """The aspect's name: core's, else the one the fact's kind gave, else its id."""
    if aspect in ASPECTS:
        return ASPECTS[aspect]
    if fact is not None and fact.aspect_label is not None:
        return fact.aspect_label
    return Text(aspect, aspect)


def aspect_rank(aspect: str) -> tuple[int, str]:
    """Sort key: core's aspects in their order, other aspects after them by name."""
    order = list(ASPECTS)
    return (order.index(aspect), "") if aspect in order else (len(order), aspect)


def facts(
    profile: Profile, services: Mapping[str, Service], day: date, kinds: Mapping[str, CheckKind]
) -> tuple[Fact, ...]:
    """Every comparable fact of ``profile`` on ``day``, merged per (aspect, key), in aspect order.

    Catalogue keys are canonical services, so two profiles' items line up.
    """
    ranked: list[tuple[int, Fact]] = [(0, f) for f in _outlet_kinds(profile)]
    for requirement in profile.requirements:
        rank = SEVERITIES.index(requirement.severity)
        ranked.extend((rank, f) for f in requirement_facts(profile, requirement, kinds))
    ranked.extend((0, f) for f in (*_parameters(profile), *_forms(profile)))
    ranked.extend((0, f) for f in _catalogue(profile, services, day))
    ranked.sort(key=lambda pair: pair[0])  # stable: required before recommended in merged values
    return tuple(sorted(merge(f for _, f in ranked), key=lambda f: aspect_rank(f.aspect)))


def requirement_facts(
    profile: Profile, requirement: Requirement, kinds: Mapping[str, CheckKind]
) -> tuple[Fact, ...]:
    """What one requirement demands, as its check kind describes it (cites default to its clause).

    A kind without ``describe`` yields one fact under "other rules", compared by its
    parameters; a manual requirement yields none.
    """
    if requirement.check is None:
        return ()
    kind = kinds.get(requirement.check.kind)
    if kind is None or kind.describe is None:
        found: Iterable[Fact] = (_undescribed(requirement),)
    else:
        found = kind.describe(DescribeContext(profile), requirement, requirement.check.params)
    return tuple(f if f.cites else attrs.evolve(f, cites=(requirement.clause,)) for f in found)


def merge(found: Iterable[Fact]) -> list[Fact]:
    """One fact per (aspect, key): atoms and cites united, values grouped by their qualifier."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in found:
        groups[(fact.aspect, fact.key)].append(fact)
    return [_merged(group) if len(group) > 1 else group[0] for group in groups.values()]


def _merged(group: list[Fact]) -> Fact:
    first = group[0]
    atoms = sorted({atom for fact in group for atom in fact.atoms})
    cites = tuple(dict.fromkeys(c for fact in group for c in fact.cites))
    by_qualifier: dict[Text | None, list[Text]] = {}
    for fact in group:
        values = by_qualifier.setdefault(fact.qualifier, [])
        if fact.value not in values:
            values.append(fact.value)
    parts_zh, parts_en = [], []
    for qualifier, values in by_qualifier.items():
        zh = join((v.zh for v in values), "zh")
        en = join((v.en for v in values), "en")
        parts_zh.append(f"{qualifier.zh}：{zh}" if qualifier else zh)
        parts_en.append(f"{qualifier.en}: {en}" if qualifier else en)
    value = Text("；".join(parts_zh), "; ".join(parts_en))
    return attrs.evolve(first, value=value, token=";".join(atoms), cites=cites, qualifier=None)


def _undescribed(requirement: Requirement) -> Fact:
    assert requirement.check is not None
    params = requirement.check.params
    shown = attrs.asdict(params) if attrs.has(type(params)) else {}
    token = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=str).replace(";", ",")
    return Fact(
        "other",
        requirement.check.kind,
        Text(requirement.check.kind, requirement.check.kind),
        Text(requirement.title, requirement.title_en or requirement.title),
        token,
    )


def _outlet_kinds(profile: Profile) -> Iterator[Fact]:
    for kind in profile.outlet_kinds:
        vocabulary = profile.vocabulary
        label = Text(
            vocabulary.label("outlet_kinds", kind, "zh"),
            vocabulary.label("outlet_kinds", kind, "en"),
        )
        yield Fact("outlet_kinds", kind, label, Text("适用", "covered"), "yes")


def _parameters(profile: Profile) -> Iterator[Fact]:
    for parameter in profile.parameters.values():
        if isinstance(parameter.value, (int, float)) and not isinstance(parameter.value, bool):
            shown = f"{parameter.value} {parameter.unit or ''}".strip()
            yield Fact(
                "thresholds",
                f"parameter/{parameter.name}",
                Text(f"参数 {parameter.name}", f"parameter {parameter.name}"),
                Text(shown, shown),
                f"{parameter.value}{parameter.unit or ''}",
                (parameter.clause,) if parameter.clause else (),
            )


def _forms(profile: Profile) -> Iterator[Fact]:
    for form in profile.forms:
        yield Fact(
            "forms",
            form.id,
            Text(form.id, form.id),
            Text(form.title, form.title_en or form.title),
            "yes",
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
            Text("、".join(t.zh for t in shown), ", ".join(t.en for t in shown)),
            "+".join(levels),
            tuple(f"{catalogue.clause or catalogue.id} {item.number or item.id}" for item in items),
        )

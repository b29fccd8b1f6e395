"""``sheyin profile compare --baseline B R1 R2``: how regional profiles stand against a baseline.

For each dimension of the baseline (the national 七统一), every baseline requirement
gets, per region, one status from the region's explicit ``[[baseline]]`` relations:

- ``meets``: the region keeps it, or replaces it with its own equivalent (or inherits it);
  a replacement is read as meeting the baseline and says so (``relation``), and the
  report lists what each side's requirements demand (their kinds' ``describe``) so a
  reader can judge the replacement;
- ``exceeds``: the region tightens it;
- ``falls_short``: the region relaxes it;
- ``not_addressed``: the region states no relation to it.

A region's own requirements that no relation maps to a baseline requirement are listed
as ``additional`` in their dimension. Every row cites clauses on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from attrs import frozen

from sheyin.compare.facts import requirement_facts
from sheyin.dimensions import DIMENSIONS
from sheyin.errors import ProfileError, problem
from sheyin.i18n import Lang, Text
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Profile, Requirement

Status = Literal["meets", "exceeds", "falls_short", "not_addressed", "additional"]
STATUS_NAMES: Mapping[str, Text] = {
    "meets": Text("符合", "meets"),
    "exceeds": Text("高于", "exceeds"),
    "falls_short": Text("低于", "falls short"),
    "not_addressed": Text("未涉及", "not addressed"),
    "additional": Text("另有规定", "additional"),
}
RELATION_STATUS: Mapping[str, Status] = {
    "keeps": "meets",
    "replaces": "meets",
    "tightens": "exceeds",
    "relaxes": "falls_short",
}


@frozen
class Cell:
    """How one region stands on one row."""

    status: Status
    cites: tuple[str, ...]  # the region's clauses
    note: str | None = None
    relation: str | None = None  # keeps, replaces, tightens, relaxes or inherited
    requires: tuple[Text, ...] = ()  # what the region's requirements demand


@frozen
class HarmonisationRow:
    """One baseline requirement (or one additional regional requirement) across regions."""

    dimension: str
    baseline: Requirement | None
    title: Text
    cells: Mapping[str, Cell]
    requires: tuple[Text, ...] = ()  # what the baseline requirement demands


@frozen
class Harmonisation:
    """The whole report: rows grouped by dimension, and counts per dimension and region."""

    baseline: Profile
    regions: tuple[Profile, ...]
    rows: tuple[HarmonisationRow, ...]

    def summary(self) -> dict[str, dict[str, dict[str, int]]]:
        """dimension → region → status → count."""
        result: dict[str, dict[str, dict[str, int]]] = {}
        for dimension in DIMENSIONS:
            result[dimension] = {
                region.name: {
                    status: sum(
                        1
                        for row in self.rows
                        if row.dimension == dimension
                        and region.name in row.cells
                        and row.cells[region.name].status == status
                    )
                    for status in STATUS_NAMES
                }
                for region in self.regions
            }
        return result

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """As in schemas/profile-compare.schema.json."""
        return {
            "baseline": self.baseline.name,
            "regions": [r.name for r in self.regions],
            "region_names": {r.name: r.region or r.title_in(lang) for r in self.regions},
            "dimensions": [
                {
                    "dimension": dimension,
                    "label": label.render(lang),
                    "rows": [
                        {
                            "baseline": (
                                {"requirement": row.baseline.id, "clause": row.baseline.clause}
                                if row.baseline
                                else None
                            ),
                            "title": row.title.render(lang),
                            "requires": [t.render(lang) for t in row.requires],
                            "regions": {
                                name: {
                                    "status": cell.status,
                                    "status_label": STATUS_NAMES[cell.status].render(lang),
                                    "cites": list(cell.cites),
                                    "note": cell.note,
                                    "relation": cell.relation,
                                    "requires": [t.render(lang) for t in cell.requires],
                                }
                                for name, cell in row.cells.items()
                            },
                        }
                        for row in self.rows
                        if row.dimension == dimension
                    ],
                    "summary": self.summary()[dimension],
                }
                for dimension, label in DIMENSIONS.items()
            ],
        }


def harmonise(
    baseline: Profile,
    regions: Sequence[Profile],
    kinds: Mapping[str, CheckKind] | None = None,
) -> Harmonisation:
    """Compare each region with ``baseline`` through the relations the region declares.

    With ``kinds`` (``Sheyin.kinds``), each row also states what the requirements on
    both sides demand, as their check kinds describe it.
    """
    for region in regions:
        if baseline.name not in (region.extends, region.relates_to):
            raise ProfileError(
                (
                    problem(
                        f"profile {region.name}",
                        "/relates_to",
                        f"规范“{region.name}”未声明与“{baseline.name}”的关系（extends 或 relates_to）",
                        f"profile '{region.name}' declares no relation to '{baseline.name}' (extends or relates_to)",
                    ),
                )
            )
    own_baseline = [r for r in baseline.requirements if r.profile == baseline.name]
    rows: list[HarmonisationRow] = []
    for requirement in own_baseline:
        cells = {region.name: _cell(region, requirement, kinds) for region in regions}
        rows.append(
            HarmonisationRow(
                requirement.dimension or "general",
                requirement,
                Text(requirement.title, requirement.title_en or requirement.title),
                cells,
                _requires(baseline, (requirement,), kinds),
            )
        )
    for region in regions:
        mapped = {by for relation in region.baseline for by in relation.by}
        for requirement in region.requirements:
            if requirement.profile != region.name or requirement.id in mapped:
                continue
            rows.append(
                HarmonisationRow(
                    requirement.dimension or "general",
                    None,
                    Text(requirement.title, requirement.title_en or requirement.title),
                    {
                        region.name: Cell(
                            "additional",
                            (requirement.clause,),
                            requires=_requires(region, (requirement,), kinds),
                        )
                    },
                    _requires(region, (requirement,), kinds),
                )
            )
    order = list(DIMENSIONS)
    rows.sort(key=lambda row: order.index(row.dimension) if row.dimension in order else len(order))
    return Harmonisation(baseline, tuple(regions), tuple(rows))


def _cell(region: Profile, requirement: Requirement, kinds: Mapping[str, CheckKind] | None) -> Cell:
    relation = next((b for b in region.baseline if b.requirement == requirement.id), None)
    if relation is None:
        if region.extends == requirement.profile and region.requirement(requirement.id) is not None:
            return Cell(
                "meets",
                (requirement.clause,),
                "inherited",
                "inherited",
                _requires(region, (requirement,), kinds),
            )
        return Cell("not_addressed", ())
    carriers = tuple(found for by in relation.by if (found := region.requirement(by)) is not None)
    cites = tuple(dict.fromkeys(found.clause for found in carriers))
    status = RELATION_STATUS[relation.relation]
    if not cites:  # kept by reference: the region adopts the baseline's own provision
        return Cell(
            status,
            (),
            relation.note or "adopted by reference",
            relation.relation,
            _requires(region, (requirement,), kinds),
        )
    return Cell(status, cites, relation.note, relation.relation, _requires(region, carriers, kinds))


def _requires(
    profile: Profile, requirements: Sequence[Requirement], kinds: Mapping[str, CheckKind] | None
) -> tuple[Text, ...]:
    """What ``requirements`` demand, one "label：value" per fact (nothing without kinds)."""
    if kinds is None:
        return ()
    return tuple(
        dict.fromkeys(  # two carrying requirements may state the same fact: once
            Text(f"{f.key_label.zh}：{f.value.zh}", f"{f.key_label.en}: {f.value.en}")
            for r in requirements
            for f in requirement_facts(profile, r, kinds)
        )
    )

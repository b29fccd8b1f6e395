"""``sheyin catalogue --compare``: which services each region offers, at which handling level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from sheyin.compare.facts import LEVELS
from sheyin.i18n import Lang
from sheyin.profile.model import Catalogue, CatalogueItem, Profile
from sheyin.services import Service


@frozen
class ServiceRow:
    """One canonical service and, per profile, the items that map to it."""

    service: Service
    items: Mapping[str, tuple[CatalogueItem, ...]]  # profile name → items


@frozen
class CatalogueComparison:
    """Services across profiles, and the items of each profile that map to none."""

    profiles: tuple[Profile, ...]
    catalogues: Mapping[str, Catalogue | None]
    rows: tuple[ServiceRow, ...]
    unmapped: Mapping[str, tuple[CatalogueItem, ...]]

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """As in schemas/catalogue-compare.schema.json."""

        def cell(items: tuple[CatalogueItem, ...]) -> dict[str, Any] | None:
            if not items:
                return None
            return {
                "items": [i.name for i in items],
                "levels": sorted({i.level or "offered" for i in items}),
                "level_label": "、".join(sorted({LEVELS[i.level].render(lang) for i in items})),
            }

        return {
            "profiles": [p.name for p in self.profiles],
            "catalogues": {
                name: ({"id": c.id, "title": c.title, "clause": c.clause} if c else None)
                for name, c in self.catalogues.items()
            },
            "services": [
                {
                    "service": row.service.id,
                    "name": row.service.label(lang),
                    "category": row.service.category,
                    "offered_by": {p.name: cell(row.items.get(p.name, ())) for p in self.profiles},
                }
                for row in self.rows
            ],
            "unmapped": {name: [i.name for i in items] for name, items in self.unmapped.items()},
        }


def compare_catalogues(
    profiles: Sequence[Profile], services: Mapping[str, Service], day: Any
) -> CatalogueComparison:
    """Align the catalogues in force on ``day`` of several profiles on canonical services."""
    catalogues = {p.name: p.catalogue_on(day) for p in profiles}
    by_service: dict[str, dict[str, list[CatalogueItem]]] = {}
    unmapped: dict[str, tuple[CatalogueItem, ...]] = {}
    for profile in profiles:
        catalogue = catalogues[profile.name]
        items = catalogue.items if catalogue else ()
        for item in items:
            if item.service:
                by_service.setdefault(item.service, {}).setdefault(profile.name, []).append(item)
        unmapped[profile.name] = tuple(i for i in items if not i.service)
    order = list(services)
    rows = tuple(
        ServiceRow(services[sid], {name: tuple(items) for name, items in per.items()})
        for sid, per in sorted(by_service.items(), key=lambda kv: order.index(kv[0]))
    )
    return CatalogueComparison(tuple(profiles), catalogues, rows, unmapped)

"""Service items an outlet offers, against the catalogue in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from attrs import field, frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Value, Violation
from sheyin.i18n import Text
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import kinds_field
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Catalogue, Requirement

Level = Literal["accept", "complete"]

LEVEL_NAMES = {
    "accept": Text("受理", "accept only"),
    "complete": Text("经办办结", "handle to completion"),
}


@frozen
class ItemsInCatalogue:
    """Every item an outlet offers is in the catalogue in force on the as-of date.

    An item no catalogue knows (a stray or misspelt name) is a finding, not an input
    error, with the nearest name of the catalogue in force as a hint."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def items_in_catalogue(
    ctx: CheckContext, _: Requirement, params: ItemsInCatalogue
) -> Iterator[Violation]:
    catalogue = ctx.catalogue
    names = _names(catalogue) if catalogue else {}
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for position, offered in enumerate(outlet.items):
            if catalogue is not None and catalogue.item(offered.item) is not None:
                continue
            name = ctx.item_name(offered.item)
            values: dict[str, Value] = {"item": name, "on": str(ctx.as_of)}
            from difflib import get_close_matches  # only an item to report needs it

            nearest = get_close_matches(name, list(names), n=1, cutoff=0.5)
            if nearest:
                template = Text(
                    "事项“{item}”不在 {on} 有效的指导目录中（是否为“{hint}”？）",
                    "item '{item}' is not in the catalogue in force on {on} (did you mean '{hint}'?)",
                )
                values["hint"] = names[nearest[0]]
            else:
                template = Text(
                    "事项“{item}”不在 {on} 有效的指导目录中",
                    "item '{item}' is not in the catalogue in force on {on}",
                )
            yield Violation(
                ctx.subject(outlet), ctx.path(outlet, "items", position), template, values
            )


def _names(catalogue: Catalogue) -> dict[str, str]:
    """Every name and alias of the catalogue's items, to the item's own name."""
    return {label: item.name for item in catalogue.items for label in (item.name, *item.aliases)}


@frozen
class ItemsLevel:
    """No outlet handles to completion (经办办结) an item the catalogue allows only to accept (受理).

    ``max_level`` caps the level by outlet kind as well (``{ rural_service_point = "accept" }``:
    such outlets may only accept, whatever the catalogue allows); keys are outlet kind ids.
    """

    outlet_kinds: tuple[str, ...] = kinds_field()
    max_level: dict[str, Level] = field(factory=dict)


def items_level(ctx: CheckContext, _: Requirement, params: ItemsLevel) -> Iterator[Violation]:
    catalogue = ctx.catalogue
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        cap = params.max_level.get(outlet.kind or "")
        for position, offered in enumerate(outlet.items):
            if offered.level != "complete":
                continue
            item = catalogue.item(offered.item) if catalogue else None
            if item is not None and item.level == "accept":
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "items", position, "level"),
                    Text(
                        "事项“{item}”在目录中的办理权限为“受理”，网点不得经办办结",
                        "item '{item}' may only be accepted, not handled to completion",
                    ),
                    {"item": item.name},
                )
            elif cap == "accept":
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "items", position, "level"),
                    Text(
                        "{kind}只能受理事项，“{item}”不得经办办结",
                        "a {kind} may only accept items: '{item}' may not be handled to completion",
                    ),
                    {
                        "kind": ctx.label("outlet_kinds", outlet.kind or ""),
                        "item": ctx.item_name(offered.item),
                    },
                )


def describe_items_in_catalogue(
    ctx: DescribeContext, _: Requirement, __: ItemsInCatalogue
) -> Iterator[Fact]:
    yield Fact(
        "catalogue",
        "within",
        Text("事项清单", "Item lists"),
        Text("须在有效的指导目录之内", "within the catalogue in force"),
        "within",
    )


def describe_items_level(
    ctx: DescribeContext, _: Requirement, params: ItemsLevel
) -> Iterator[Fact]:
    yield Fact(
        "catalogue",
        "level",
        Text("办理权限", "Handling level"),
        Text("不得超出目录所定权限（受理事项不得经办办结）", "no more than the catalogue allows"),
        "within",
    )
    for kind, level in sorted(params.max_level.items()):
        yield Fact(
            "catalogue",
            f"level/{kind}",
            Text(f"办理权限（{ctx.label('outlet_kinds', kind).zh}）", f"Handling level ({kind})"),
            LEVEL_NAMES[level],
            level,
        )


KINDS = (
    CheckKind(
        "items_in_catalogue",
        ItemsInCatalogue,
        items_in_catalogue,
        ItemsInCatalogue.__doc__ or "",
        describe=describe_items_in_catalogue,
        scope="bank",
    ),
    CheckKind(
        "items_level",
        ItemsLevel,
        items_level,
        ItemsLevel.__doc__ or "",
        describe=describe_items_level,
        scope="bank",
    ),
)

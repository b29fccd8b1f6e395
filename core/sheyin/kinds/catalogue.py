"""Service items an outlet offers, against the catalogue in force."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from attrs import frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Value, Violation
from sheyin.i18n import Text
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import kinds_field
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Catalogue, Requirement

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
    """No outlet handles to completion (经办办结) an item the catalogue allows only to accept (受理)."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def items_level(ctx: CheckContext, _: Requirement, params: ItemsLevel) -> Iterator[Violation]:
    catalogue = ctx.catalogue
    if catalogue is None:
        return
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        for position, offered in enumerate(outlet.items):
            item = catalogue.item(offered.item)
            if item and item.level == "accept" and offered.level == "complete":
                yield Violation(
                    ctx.subject(outlet),
                    ctx.path(outlet, "items", position, "level"),
                    Text(
                        "事项“{item}”在目录中的办理权限为“受理”，网点不得经办办结",
                        "item '{item}' may only be accepted, not handled to completion",
                    ),
                    {"item": item.name},
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


def describe_items_level(ctx: DescribeContext, _: Requirement, __: ItemsLevel) -> Iterator[Fact]:
    yield Fact(
        "catalogue",
        "level",
        Text("办理权限", "Handling level"),
        Text("不得超出目录所定权限（受理事项不得经办办结）", "no more than the catalogue allows"),
        "within",
    )


KINDS = (
    CheckKind(
        "items_in_catalogue",
        ItemsInCatalogue,
        items_in_catalogue,
        ItemsInCatalogue.__doc__ or "",
        describe=describe_items_in_catalogue,
    ),
    CheckKind(
        "items_level",
        ItemsLevel,
        items_level,
        ItemsLevel.__doc__ or "",
        describe=describe_items_level,
    ),
)

"""What an outlet is and has: its kind, code, zones, equipment and facilities."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs
from attrs import frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Violation
from sheyin.i18n import Text, join
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import (
    kinds_field as kinds_field,  # re-exported: kinds import it from here
)
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Requirement
from sheyin.vocabulary import DOMAIN_NAMES


@frozen
class OutletHas:
    """Outlets (of ``outlet_kinds``; all when empty) have every term of ``all`` and one of each ``any_of`` group."""

    field: Literal["zones", "equipment", "facilities"]
    all: tuple[str, ...] = attrs.field(default=(), metadata={"domain_from": "field"})
    any_of: tuple[tuple[str, ...], ...] = attrs.field(default=(), metadata={"domain_from": "field"})
    outlet_kinds: tuple[str, ...] = kinds_field()


_MISSING = Text("缺少{what}：{missing}", "missing {what}: {missing}")


def outlet_has(ctx: CheckContext, _: Requirement, params: OutletHas) -> Iterator[Violation]:
    vocabulary = ctx.profile.vocabulary
    wanted = [(t, ctx.label(params.field, t)) for t in params.all]
    groups = [
        (
            frozenset(group),
            Text(
                "或".join(vocabulary.label(params.field, t, "zh") for t in group),
                " or ".join(vocabulary.label(params.field, t, "en") for t in group),
            ),
        )
        for group in params.any_of
    ]
    what = DOMAIN_NAMES[params.field]
    # Outlets tend to lack the same things: one message's values per distinct lack.
    lacks: dict[tuple[Text, ...], dict[str, Text]] = {}
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        have = set(getattr(outlet, params.field))
        missing = tuple(
            [label for t, label in wanted if t not in have]
            + [either for group, either in groups if have.isdisjoint(group)]
        )
        if missing:
            values = lacks.get(missing)
            if values is None:
                values = lacks[missing] = {
                    "what": what,
                    "missing": Text(
                        join((m.zh for m in missing), "zh"), join((m.en for m in missing), "en")
                    ),
                }
            yield Violation(ctx.subject(outlet), ctx.path(outlet, params.field), _MISSING, values)


@frozen
class OutletKind:
    """Every outlet records a kind, one of ``kinds``."""

    kinds: tuple[str, ...] = attrs.field(metadata={"domain": "outlet_kinds"})


def outlet_kind(ctx: CheckContext, _: Requirement, params: OutletKind) -> Iterator[Violation]:
    allowed = ctx.labels("outlet_kinds", params.kinds)
    for outlet in ctx.outlets():
        if outlet.kind is None:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet),
                Text(
                    "未记录网点类型（应为：{allowed}）",
                    "outlet kind not recorded (expected: {allowed})",
                ),
                {"allowed": allowed},
            )
        elif outlet.kind not in params.kinds:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "kind"),
                Text(
                    "网点类型“{kind}”不在本规范的合作网点类型之内（{allowed}）",
                    "outlet kind '{kind}' is not one this profile admits ({allowed})",
                ),
                {"kind": ctx.label("outlet_kinds", outlet.kind), "allowed": allowed},
            )


@frozen
class OutletCode:
    """Every outlet (of ``outlet_kinds``) has a code, and no two outlets share one."""

    outlet_kinds: tuple[str, ...] = kinds_field()


def outlet_code(ctx: CheckContext, _: Requirement, params: OutletCode) -> Iterator[Violation]:
    counts = ctx.outlet_code_counts()  # over the whole snapshot, also in a shard (--jobs)
    for outlet in ctx.outlets(params.outlet_kinds, serving=True):
        if not outlet.code:
            yield Violation(
                ctx.subject(outlet), ctx.path(outlet), Text("未设置网点编码", "no outlet code")
            )
        elif counts.get(outlet.code, 0) > 1:
            yield Violation(
                ctx.subject(outlet),
                ctx.path(outlet, "code"),
                Text(
                    "网点编码“{code}”与其他网点重复",
                    "outlet code '{code}' is shared with another outlet",
                ),
                {"code": outlet.code},
            )


def describe_outlet_has(
    ctx: DescribeContext, req: Requirement, params: OutletHas
) -> Iterator[Fact]:
    terms = [*((t,) for t in params.all), *params.any_of]
    names = [
        Text(
            "或".join(ctx.label(params.field, t).zh for t in group),
            " or ".join(ctx.label(params.field, t).en for t in group),
        )
        for group in terms
    ]
    value = Text(join((n.zh for n in names), "zh"), join((n.en for n in names), "en"))
    token = ";".join(f"{req.severity}=" + "|".join(sorted(group)) for group in terms)
    for kind in ctx.outlet_kinds(params.outlet_kinds):
        yield Fact(
            params.field,
            kind,
            ctx.label("outlet_kinds", kind),
            value,
            token,
            qualifier=ctx.severity_word(req),
        )


def describe_outlet_kind(
    ctx: DescribeContext, _: Requirement, params: OutletKind
) -> Iterator[Fact]:
    for kind in params.kinds:
        yield Fact(
            "outlet_kinds", kind, ctx.label("outlet_kinds", kind), Text("适用", "covered"), "yes"
        )


def describe_outlet_code(
    ctx: DescribeContext, _: Requirement, params: OutletCode
) -> Iterator[Fact]:
    for kind in ctx.outlet_kinds(params.outlet_kinds):
        yield Fact(
            "records",
            f"outlet/{kind}/code",
            Text(
                f"网点编码（{ctx.label('outlet_kinds', kind).zh}）",
                f"Outlet code ({ctx.label('outlet_kinds', kind).en})",
            ),
            Text("须设置且唯一", "required and unique"),
            "unique",
        )


KINDS = (
    CheckKind(
        "outlet_has",
        OutletHas,
        outlet_has,
        OutletHas.__doc__ or "",
        describe=describe_outlet_has,
        scope="bank",
    ),
    CheckKind(
        "outlet_kind",
        OutletKind,
        outlet_kind,
        OutletKind.__doc__ or "",
        describe=describe_outlet_kind,
        scope="bank",
    ),
    CheckKind(
        "outlet_code",
        OutletCode,
        outlet_code,
        OutletCode.__doc__ or "",
        describe=describe_outlet_code,
        scope="bank",
    ),
)

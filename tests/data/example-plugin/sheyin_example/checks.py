"""The one rule of the example city that no core check kind expresses.

A worked custom kind: its parameters, ``run`` (what is wrong, addressed at a bank),
and ``describe`` (what it requires, so ``profile diff`` and ``profile compare`` show it).
Everything comes from :mod:`sheyin.plugin`, the public API.
"""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from sheyin.plugin import (
    CheckContext,
    CheckKind,
    DescribeContext,
    Fact,
    Outlet,
    Requirement,
    Text,
    Violation,
)


@frozen
class RectificationShare:
    """No more than ``max_share`` of a bank's outlets in service are under rectification.

    An outlet is under rectification from its latest ``rectification_order`` until a
    ``rectification_check`` that passed on or after it (both on or before the as-of date).
    """

    max_share: float


def _under_rectification(ctx: CheckContext, outlet: Outlet) -> bool:
    ordered = [e.on for _, e in ctx.events(outlet, "rectification_order") if e.on <= ctx.as_of]
    if not ordered:
        return False
    passed = [
        e.on for _, e in ctx.events(outlet, "rectification_check") if e.on <= ctx.as_of and e.passed
    ]
    return not any(day >= ordered[-1] for day in passed)


def rectification_share(
    ctx: CheckContext, _: Requirement, params: RectificationShare
) -> Iterator[Violation]:
    """One finding per bank whose share of outlets under rectification is too high."""
    for bank in ctx.snapshot.banks:
        outlets = [o for o in ctx.outlets_of_bank(bank.id) if ctx.in_service(o)]
        under = [o for o in outlets if _under_rectification(ctx, o)]
        if outlets and len(under) / len(outlets) > params.max_share:
            yield ctx.violation(
                bank,
                Text(
                    "该行 {total} 个在营网点中有 {under} 个处于整改期，超过 {share}",
                    "{under} of the bank's {total} outlets in service are under rectification, more than {share}",
                ),
                {"total": len(outlets), "under": len(under), "share": f"{params.max_share:.0%}"},
            )


def describe_rectification_share(
    ctx: DescribeContext, _: Requirement, params: RectificationShare
) -> Iterator[Fact]:
    """What the rule requires, as profile diff and profile compare show it."""
    yield Fact(
        aspect="rectification",
        key="share",
        key_label=Text("整改中网点占比（每家银行）", "Outlets under rectification (per bank)"),
        value=Text(f"不超过 {params.max_share:.0%}", f"at most {params.max_share:.0%}"),
        token=f"max_share={params.max_share}",
        aspect_label=Text("整改", "Rectification"),
    )


KINDS = (
    CheckKind(
        "example.rectification_share",
        RectificationShare,
        rectification_share,
        RectificationShare.__doc__ or "",
        describe=describe_rectification_share,
        scope="bank",  # reads one bank's outlets at a time: sheyin check --jobs may split banks
    ),
)

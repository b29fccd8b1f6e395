"""Identifiers recorded in a snapshot: 身份证号码 and 统一社会信用代码."""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Violation
from sheyin.errors import pointer
from sheyin.i18n import Text
from sheyin.identity import is_valid_credit_code, is_valid_id_number, mask_id_number
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Requirement


@frozen
class IdNumberValid:
    """Every recorded 身份证号码 has 18 characters, a real birth date and a correct GB 11643 check digit."""


def id_number_valid(ctx: CheckContext, _: Requirement, __: IdNumberValid) -> Iterator[Violation]:
    for outlet in ctx.outlets():
        for person in outlet.staff:
            if person.id_number is not None and not is_valid_id_number(person.id_number):
                yield Violation(
                    ctx.subject(outlet, person),
                    ctx.staff_path(outlet, person, "id_number"),
                    Text(
                        "{name}的身份证号码 {masked} 无效（校验码或出生日期不符）",
                        "{name}'s identity number {masked} is invalid",
                    ),
                    {"name": person.name or person.id, "masked": mask_id_number(person.id_number)},
                )


@frozen
class CreditCodeValid:
    """Every recorded bank 统一社会信用代码 is 18 characters of the GB 32100 charset with a correct check character."""


def credit_code_valid(
    ctx: CheckContext, _: Requirement, __: CreditCodeValid
) -> Iterator[Violation]:
    for position, bank in enumerate(ctx.snapshot.banks):
        if bank.credit_code is not None and not is_valid_credit_code(bank.credit_code):
            yield Violation(
                f"banks/{bank.id}",
                pointer("banks", position, "credit_code"),
                Text(
                    "统一社会信用代码“{code}”无效", "unified social credit code '{code}' is invalid"
                ),
                {"code": bank.credit_code},
            )


def describe_id_number_valid(
    ctx: DescribeContext, _: Requirement, __: IdNumberValid
) -> Iterator[Fact]:
    yield Fact(
        "identity",
        "id_number",
        Text("身份证号码", "Identity numbers"),
        Text("须符合 GB 11643", "follow GB 11643"),
        "gb11643",
    )


def describe_credit_code_valid(
    ctx: DescribeContext, _: Requirement, __: CreditCodeValid
) -> Iterator[Fact]:
    yield Fact(
        "identity",
        "credit_code",
        Text("统一社会信用代码", "Credit codes"),
        Text("须符合 GB 32100", "follow GB 32100"),
        "gb32100",
    )


KINDS = (
    CheckKind(
        "id_number_valid",
        IdNumberValid,
        id_number_valid,
        IdNumberValid.__doc__ or "",
        describe=describe_id_number_valid,
        scope="bank",
    ),
    CheckKind(
        "credit_code_valid",
        CreditCodeValid,
        credit_code_valid,
        CreditCodeValid.__doc__ or "",
        describe=describe_credit_code_valid,
        scope="bank",
    ),
)

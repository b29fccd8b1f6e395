"""``sheyin registry upgrade|erase``: the registry's schema and personal data."""

from __future__ import annotations

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import option
from sheyin.cli.workspace import open_registry, registry_location, require_actor
from sheyin.registry import database


@cli.group("registry", help_zh="登记簿数据库本身。")
def registry_group() -> None:
    """The registry database itself."""


@registry_group.command(
    "upgrade", help_zh="将登记簿的数据库结构迁移到最新版本（打开登记簿时也会迁移）。"
)
@click.pass_obj
def upgrade_command(session: Session) -> None:
    """Migrate the registry's schema to the newest revision (opening it does so too)."""
    url, _ = registry_location(session)
    engine = database.connect(url)
    try:
        before, head = database.revisions(engine)
        database.upgrade(engine)
    finally:
        engine.dispose()
    if before == head:
        session.echo(f"登记簿已是最新结构（{head}）", f"the registry schema is up to date ({head})")
    else:
        session.echo(
            f"登记簿结构已升级：{before or '空'} → {head}",
            f"registry schema upgraded: {before or 'empty'} → {head}",
        )


@registry_group.command(
    "erase", help_zh="删除工作人员的身份证号码和电话号码；日志中只保留其带密钥的哈希值。"
)
@option(
    "--staff",
    "staff",
    multiple=True,
    required=True,
    help="Staff id whose identity and phone numbers are erased (repeatable).",
    help_zh="要删除其身份证号码和电话号码的工作人员标识（可重复给出）。",
)
@option(
    "--actor",
    help="Real name of the person erasing (else SHEYIN_ACTOR, else [user] name).",
    help_zh="删除人的真实姓名（未给出时依次看 SHEYIN_ACTOR、[user] name）。",
)
@option(
    "--profile",
    "profile_name",
    help="Profile of the registry (overrides sheyin.toml).",
    help_zh="登记簿所用的规范（优先于 sheyin.toml）。",
)
@click.pass_obj
def erase_command(
    session: Session, staff: tuple[str, ...], actor: str | None, profile_name: str | None
) -> None:
    """Erase staff members' identity and phone numbers; the log keeps only their keyed hashes."""
    who = require_actor(session, actor)
    with open_registry(session, profile_name) as registry:
        erased = registry.erase_personal(staff, who)
    session.echo(f"已删除 {erased} 个号码", f"erased {erased} number(s)")

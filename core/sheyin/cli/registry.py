"""``sheyin registry upgrade|erase``: the registry's schema and personal data."""

from __future__ import annotations

import click

from sheyin.cli import Session, cli
from sheyin.cli.workspace import open_registry, registry_location, require_actor
from sheyin.registry import database


@cli.group("registry")
def registry_group() -> None:
    """The registry database itself."""


@registry_group.command("upgrade")
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


@registry_group.command("erase")
@click.option(
    "--staff",
    "staff",
    multiple=True,
    required=True,
    help="Staff id whose identity and phone numbers are erased (repeatable).",
)
@click.option(
    "--actor", help="Real name of the person erasing (else SHEYIN_ACTOR, else [user] name)."
)
@click.option("--profile", "profile_name", help="Profile of the registry (overrides sheyin.toml).")
@click.pass_obj
def erase_command(
    session: Session, staff: tuple[str, ...], actor: str | None, profile_name: str | None
) -> None:
    """Erase staff members' identity and phone numbers; the log keeps only their keyed hashes."""
    who = require_actor(session, actor)
    with open_registry(session, profile_name) as registry:
        erased = registry.erase_personal(staff, who)
    session.echo(f"已删除 {erased} 个号码", f"erased {erased} number(s)")

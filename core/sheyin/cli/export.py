"""``sheyin export``: the registry's state as a snapshot that ``import`` reads back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.params import DATE
from sheyin.cli.workspace import open_registry


@cli.command("export")
@click.option("--as-of", type=DATE, help="Leave out events after this date (YYYY-MM-DD).")
@click.option(
    "--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--unmasked",
    is_flag=True,
    help="Write identity and phone numbers in full (to move a registry; keep the file safe).",
)
@click.option("--profile", "profile_name", help="Profile of the registry (overrides sheyin.toml).")
@click.pass_obj
def export_command(
    session: Session,
    as_of: date | None,
    fmt: str,
    output: Path | None,
    unmasked: bool,
    profile_name: str | None,
) -> None:
    """Write the registry's state as a snapshot (TOML or JSON); numbers masked unless --unmasked."""
    with open_registry(session, profile_name) as registry:
        text = registry.export(as_of, "json" if fmt == "json" else "toml", masked=not unmasked)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        session.echo(f"已写入 {output}", f"wrote {output}")

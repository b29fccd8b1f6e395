"""``sheyin export``: the registry's state as a snapshot that ``import`` reads back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, option
from sheyin.cli.params import DATE
from sheyin.cli.workspace import open_registry


@cli.command(
    "export",
    help_zh="将登记簿的状态导出为快照（TOML 或 JSON）；除非加 --unmasked，号码一律脱敏显示。",
)
@option(
    "--as-of",
    type=DATE,
    help="Leave out events after this date (YYYY-MM-DD).",
    help_zh="不含此日期之后的事件（YYYY-MM-DD）。",
)
@format_option("toml", "json")
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
    help_zh="写入此文件，而不是标准输出。",
)
@option(
    "--unmasked",
    is_flag=True,
    help="Write identity and phone numbers in full (to move a registry; keep the file safe).",
    help_zh="完整写出身份证号码和电话号码（用于迁移登记簿；请妥善保管该文件）。",
)
@option(
    "--profile",
    "profile_name",
    help="Profile of the registry (overrides sheyin.toml).",
    help_zh="登记簿所用的规范（优先于 sheyin.toml）。",
)
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

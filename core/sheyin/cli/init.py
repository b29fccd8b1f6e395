"""``sheyin init``: a workspace file selecting a profile."""

from __future__ import annotations

from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.config import CONFIG_NAME, render_config
from sheyin.errors import InputError, problem


@cli.command("init")
@click.option("--profile", "profile_name", required=True, help="Profile this workspace uses.")
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    help="Entry-point name of a plugin to ignore (repeatable).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing sheyin.toml.")
@click.pass_obj
def init_command(
    session: Session, profile_name: str, disabled: tuple[str, ...], force: bool
) -> None:
    """Write sheyin.toml in the current directory, selecting a profile."""
    session.app.load_profile(profile_name)  # refuse a profile that does not load
    target = Path.cwd() / CONFIG_NAME
    if target.exists() and not force:
        raise InputError(
            (
                problem(
                    str(target),
                    "",
                    "文件已存在；如需覆盖请加 --force",
                    "already exists; use --force to overwrite",
                ),
            )
        )
    target.write_text(render_config(profile_name, disabled), encoding="utf-8")
    click.echo(
        session.t(
            f"已创建 {target}，规范：{profile_name}",
            f"created {target} with profile {profile_name}",
        )
    )

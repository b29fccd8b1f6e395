"""``sheyin init``: a workspace file selecting a profile."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sheyin.app import Sheyin
from sheyin.cli import Session, cli
from sheyin.cli.helptext import option
from sheyin.cli.output import write_file
from sheyin.cli.workspace import open_at
from sheyin.config import CONFIG_NAME, DEFAULT_REGISTRY, new_config, render_config
from sheyin.echo import shown
from sheyin.errors import InputError, ProfileError, SheyinError
from sheyin.i18n import Text
from sheyin.origin import Origin, Setting
from sheyin.registry import resolve_url


@cli.command("init", help_zh="在当前目录写入 sheyin.toml 以选定规范，并创建其登记簿。")
@option(
    "--profile",
    "profile_name",
    required=True,
    help="Profile this workspace uses.",
    help_zh="本工作区使用的规范。",
)
@option(
    "--disable",
    "disabled",
    multiple=True,
    help="Entry-point name of a plugin to ignore (repeatable).",
    help_zh="要忽略的插件的入口点名称（可重复给出）。",
)
@option(
    "--registry",
    "registry",
    default=DEFAULT_REGISTRY,
    show_default=True,
    help="Database URL of the registry (sqlite:///FILE relative to sheyin.toml, or postgresql://…).",
    help_zh="登记簿的数据库 URL（sqlite:///文件，相对于 sheyin.toml；或 postgresql://…）。",
)
@option(
    "--actor",
    help="Your real name, recorded as [user] name for writes.",
    help_zh="您的真实姓名，记为 [user] name，写入登记簿时使用。",
)
@option(
    "--force",
    is_flag=True,
    help="Overwrite an existing sheyin.toml.",
    help_zh="覆盖已有的 sheyin.toml。",
)
@click.pass_obj
def init_command(
    session: Session,
    profile_name: str,
    disabled: tuple[str, ...],
    registry: str,
    actor: str | None,
    force: bool,
) -> None:
    """Write sheyin.toml in the current directory, selecting a profile, and create its registry."""
    profile = Setting(profile_name, Origin.option("--profile"))
    disabled = tuple(dict.fromkeys(disabled))
    check_disabled(session.app, disabled, profile)
    workspace = Sheyin(disabled_plugins=disabled) if disabled else session.app
    workspace.load_profile(profile)  # refuse a profile that does not load
    target = Path.cwd() / CONFIG_NAME
    where = Origin.option("--registry")
    url = resolve_url(registry, Path.cwd(), where)  # a malformed URL writes nothing
    settings = new_config(profile_name, disabled)
    settings["registry"] = {"url": registry}
    if actor:
        settings["user"] = {"name": actor}
    write_file(target, render_config(settings), overwrite=force)
    try:
        open_at(session, url, where, profile_name).close()  # create (and migrate) it now
    except SheyinError:
        target.unlink()  # the database cannot be opened: leave no workspace pointing at it
        raise
    session.echo(
        f"已创建 {target}，规范：{shown(profile_name)}，登记簿：{shown(registry)}",
        f"created {target} with profile {shown(profile_name)}, registry {shown(registry)}",
    )


def check_disabled(app: Sheyin, disabled: tuple[str, ...], profile: Setting[str]) -> None:
    """Refuse ``--disable`` names no plugin has, and disabling the plugin that provides ``profile``."""
    option = Origin.option("--disable")
    known = sorted(info.name for info in app.plugins.infos if info.error is None)
    for name in disabled:
        if name not in known:
            raise InputError(
                (
                    option.problem(
                        Text(
                            f"没有名为“{shown(name)}”的已安装插件；已安装：{'、'.join(known) or '（无）'}",
                            f"no installed plugin is named '{shown(name)}'; installed: {', '.join(known) or '(none)'}",
                        )
                    ),
                )
            )
    providers = _providers(app, profile.value)
    for name in disabled:
        if name in providers:
            raise InputError(
                (
                    option.problem(
                        Text(
                            f"插件“{shown(name)}”提供所选规范“{shown(profile.value)}”（{profile.origin.where().zh}），不能同时停用",
                            f"plugin '{shown(name)}' provides the chosen profile '{shown(profile.value)}' ({profile.origin.where().en}); it cannot be disabled too",
                        )
                    ),
                )
            )


def _providers(app: Sheyin, name: str) -> set[str]:
    """The plugins providing profile ``name`` and every profile it extends."""
    found: set[str] = set()
    seen: list[str] = []
    current: object = name
    while isinstance(current, str) and current not in seen:
        seen.append(current)
        try:
            raw = app.index.select(current, date.today())
        except ProfileError:  # reported when the profile is loaded
            break
        found.add(raw.plugin.name)
        current = raw.manifest.get("extends")
    return found

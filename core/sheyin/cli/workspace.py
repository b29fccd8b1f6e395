"""What the registry commands share: opening the workspace's registry and naming the actor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from sheyin.cli import Session
from sheyin.config import CONFIG_NAME
from sheyin.errors import InputError, problem
from sheyin.i18n import Text
from sheyin.origin import Origin
from sheyin.registry import Registry, resolve_url


def registry_location(session: Session) -> tuple[str, Origin]:
    """The resolved registry URL and where it came from (for errors)."""
    found = session.config.registry
    if found is None:
        raise InputError(
            (
                problem(
                    CONFIG_NAME,
                    "",
                    "这里没有工作区：请先运行 sheyin init --profile 规范名，或设置 SHEYIN_REGISTRY",
                    "no workspace here: run sheyin init --profile NAME first, or set SHEYIN_REGISTRY",
                ),
            )
        )
    path = session.config.path
    base = path.parent if path is not None and found.origin.kind == "workspace" else Path.cwd()
    return resolve_url(found.value, base, found.origin), found.origin


def open_registry(
    session: Session, profile: str | None = None, *, upgrade: bool = True
) -> Registry:
    """The workspace's registry, judged by ``--profile`` / SHEYIN_PROFILE / sheyin.toml's profile."""
    url, origin = registry_location(session)
    name = session.profile_name(profile)
    if not name:
        raise InputError(
            (
                problem(
                    "--profile",
                    "",
                    "未指定规范：请用 --profile、SHEYIN_PROFILE 或 sheyin.toml 的 profile",
                    "no profile given: use --profile, SHEYIN_PROFILE or profile in sheyin.toml",
                ),
            )
        )
    return open_at(session, url, origin, name, upgrade=upgrade)


def open_at(
    session: Session, url: str, origin: Origin, profile: str, *, upgrade: bool = True
) -> Registry:
    """The registry at resolved ``url`` (its setting came from ``origin``)."""
    try:
        return Registry.open(url, app=session.app, profile=profile, upgrade=upgrade)
    except ModuleNotFoundError as exc:
        raise InputError(
            (
                origin.problem(
                    Text(
                        f"连接 PostgreSQL 需要安装 sheyin[postgres]（缺少 {exc.name}）",
                        f"PostgreSQL needs sheyin[postgres] installed ({exc.name} is missing)",
                    )
                ),
            )
        ) from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError(
            (
                origin.problem(
                    Text(
                        f"无法打开登记簿数据库：{reason}",
                        f"cannot open the registry database: {reason}",
                    )
                ),
            )
        ) from None


def require_actor(session: Session, given: str | None) -> str:
    """The actor of a write; without one the write is refused (exit 2)."""
    found = session.config.actor(given)
    if found is None:
        raise InputError(
            (
                problem(
                    "--actor",
                    "",
                    "写入登记簿须写明操作人的真实姓名：--actor、SHEYIN_ACTOR 或 sheyin.toml 的 [user] name",
                    "a write must name the real person acting: --actor, SHEYIN_ACTOR or [user] name in sheyin.toml",
                ),
            )
        )
    return found.value

"""The workspace file ``sheyin.toml``: which profile, which plugins are disabled, which language."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from sheyin.errors import InputError
from sheyin.schemas import SchemaStore, problems
from sheyin.snapshot.parse import read_file

CONFIG_NAME = "sheyin.toml"


@frozen
class Config:
    """Settings from the nearest sheyin.toml, overridden by the environment."""

    path: Path | None = None
    profile: str | None = None
    lang: str | None = None
    disabled_plugins: tuple[str, ...] = ()


def find_config(start: Path) -> Path | None:
    """The nearest sheyin.toml in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(
    start: Path, schemas: SchemaStore, environ: Mapping[str, str] = os.environ
) -> Config:
    """Read the workspace configuration; ``SHEYIN_PROFILE`` and ``SHEYIN_LANG`` override it."""
    path = find_config(start)
    data: dict[str, object] = {}
    if path is not None:
        data = read_file(path)
        found = problems(schemas.validator("config"), data, str(path))
        if found:
            raise InputError(found)
    plugins = data.get("plugins", {})
    disabled = tuple(plugins.get("disabled", ())) if isinstance(plugins, dict) else ()
    return Config(
        path=path,
        profile=environ.get("SHEYIN_PROFILE") or _str(data.get("profile")),
        lang=environ.get("SHEYIN_LANG") or _str(data.get("lang")),
        disabled_plugins=disabled,
    )


def render_config(profile: str, disabled: tuple[str, ...] = ()) -> str:
    """The text of a new sheyin.toml."""
    lines = [
        "# sheyin workspace: commands run in this folder or below use these settings.",
        f'profile = "{profile}"',
        'lang = "zh"',
        "",
        "[plugins]",
        '# Entry-point names of installed plugins to ignore, e.g. ["example"].',
        "disabled = [" + ", ".join(f'"{name}"' for name in disabled) + "]",
        "",
    ]
    return "\n".join(lines)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None

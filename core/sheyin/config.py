"""The workspace file ``sheyin.toml`` and the ``SHEYIN_*`` environment variables.

:class:`Config` is the one place commands ask for a workspace setting; each answer
is a :class:`~sheyin.origin.Setting` that remembers whether it came from an
environment variable or from a key of ``sheyin.toml``, so that a message about a
bad value names that place. A new setting needs no new code here::

    config.from_env("SHEYIN_REGISTRY")                 # Setting or None
    config.from_file("registry", "url")                # [registry] url
    first(option, config.from_env("SHEYIN_ACTOR"), config.from_file("user", "name"))

An environment variable that is set but empty counts as not set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from sheyin.documents import read_file
from sheyin.echo import literal
from sheyin.errors import InputError, pointer
from sheyin.i18n import Lang, Text, parse_lang
from sheyin.origin import Origin, Setting, first
from sheyin.profile.cache import ProfileCache
from sheyin.schemas import SchemaStore, problems

CONFIG_NAME = "sheyin.toml"
ENV_PROFILE = "SHEYIN_PROFILE"
ENV_LANG = "SHEYIN_LANG"
ENV_REGISTRY = "SHEYIN_REGISTRY"
ENV_ACTOR = "SHEYIN_ACTOR"
ENV_JOBS = "SHEYIN_JOBS"
DEFAULT_REGISTRY = "sqlite:///sheyin.db"  # relative to sheyin.toml

_EMPTY: Mapping[str, Any] = MappingProxyType({})

_HEADER = (
    "# sheyin workspace: commands run in this folder or below use these settings.\n"
    "# [plugins] disabled: entry-point names of installed plugins to ignore.\n"
    "# [registry] url: sqlite:///sheyin.db is relative to this file; SHEYIN_REGISTRY overrides it.\n"
    "# [user] name: the real name recorded for writes; --actor and SHEYIN_ACTOR override it.\n\n"
)


@frozen
class Config:
    """Settings from the nearest sheyin.toml and the ``SHEYIN_*`` environment variables."""

    path: Path | None = None
    data: Mapping[str, Any] = field(default=_EMPTY)  # sheyin.toml as read and validated
    environ: Mapping[str, str] = field(default=_EMPTY)  # the SHEYIN_* variables at start-up

    def from_env(self, name: str) -> Setting[str] | None:
        """The environment variable ``name`` when set and not empty."""
        value = self.environ.get(name)
        return Setting(value, Origin.env(name)) if value else None

    def from_file(self, *keys: str) -> Setting[Any] | None:
        """The value at ``keys`` (a table path) in sheyin.toml, when the file gives one."""
        value: Any = self.data
        for key in keys:
            if not isinstance(value, Mapping) or key not in value:
                return None
            value = value[key]
        assert self.path is not None  # data is only ever read from a file
        return Setting(value, Origin.workspace(str(self.path), pointer(*keys)))

    @property
    def profile(self) -> Setting[str] | None:
        """``SHEYIN_PROFILE``, else sheyin.toml's ``profile`` (a snapshot's own key comes before both)."""
        return first(self.from_env(ENV_PROFILE), self.from_file("profile"))

    @property
    def lang(self) -> Setting[str] | None:
        """``SHEYIN_LANG``, else sheyin.toml's ``lang``."""
        return first(self.from_env(ENV_LANG), self.from_file("lang"))

    @property
    def registry(self) -> Setting[str] | None:
        """``SHEYIN_REGISTRY``, else sheyin.toml's ``[registry] url``, else the default
        ``sqlite:///sheyin.db`` beside sheyin.toml; None without a workspace."""
        found = first(self.from_env(ENV_REGISTRY), self.from_file("registry", "url"))
        if found is None and self.path is not None:
            return Setting(DEFAULT_REGISTRY, Origin.workspace(str(self.path), "/registry/url"))
        return found

    @property
    def jobs(self) -> Setting[int] | None:
        """``SHEYIN_JOBS``, else sheyin.toml's ``jobs``: how many processes ``check`` uses
        (a value that is not a positive integer is an input error naming the variable)."""
        variable = self.from_env(ENV_JOBS)
        if variable is None:
            return self.from_file("jobs")
        value = variable.value.strip()
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise InputError(
                (
                    variable.origin.problem(
                        Text(
                            f"应为正整数（进程数），实际为 {literal(variable.value)}",
                            f"expected a positive integer (processes), got {literal(variable.value)}",
                        )
                    ),
                )
            )
        return Setting(int(value), variable.origin)

    def actor(self, given: str | None) -> Setting[str] | None:
        """Who acts: ``--actor``, else ``SHEYIN_ACTOR``, else sheyin.toml's ``[user] name``."""
        option = Setting(given, Origin.option("--actor")) if given else None
        for candidate in (option, self.from_env(ENV_ACTOR), self.from_file("user", "name")):
            if candidate is not None and str(candidate.value).strip():
                return Setting(str(candidate.value).strip(), candidate.origin)
        return None

    @property
    def disabled_plugins(self) -> tuple[str, ...]:
        """Entry-point names listed under ``[plugins] disabled``."""
        found = self.from_file("plugins", "disabled")
        return tuple(found.value) if found is not None else ()

    @property
    def parameters(self) -> Mapping[str, Any]:
        """``[parameters]``: the workspace's values for the profile's parameters."""
        found = self.from_file("parameters")
        return dict(found.value) if found is not None else {}


def find_config(start: Path) -> Path | None:
    """The nearest sheyin.toml in ``start`` or one of its parents (a directory of that name is skipped)."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(
    start: Path,
    schemas: SchemaStore,
    environ: Mapping[str, str] = os.environ,
    cache: ProfileCache | None = None,
) -> Config:
    """Read the workspace configuration and check the ``SHEYIN_*`` variables it relies on.

    With a ``cache``, settings found valid before are not checked against the schema again.
    """
    path = find_config(start)
    data: dict[str, Any] = {}
    if path is not None:
        data = read_file(path)
        _check_settings(data, str(path), schemas, cache)
    config = Config(
        path=path,
        data=MappingProxyType(data),
        environ=MappingProxyType({k: v for k, v in environ.items() if k.startswith("SHEYIN_")}),
    )
    language = config.from_env(ENV_LANG)
    if language is not None and parse_lang(language.value) is None:
        raise InputError(
            (
                language.origin.problem(
                    Text(
                        "应为 zh、zh-CN 或 en",
                        "expected zh, zh-CN or en",
                    )
                ),
            )
        )
    return config


def _check_settings(
    data: Mapping[str, Any], file: str, schemas: SchemaStore, cache: ProfileCache | None
) -> None:
    """Check sheyin.toml against its schema, unless the cache remembers these very settings
    valid under this very schema (validating would import jsonschema on every command)."""
    key = None
    if cache is not None:
        settings = json.dumps(data, ensure_ascii=False, sort_keys=True, default=repr)
        key = cache.key({CONFIG_NAME: settings.encode()}, {"config": schemas.source("config")})
        if cache.get(f"settings {file}", key) is not None:
            return
    found = problems(schemas.validator("config"), data, file)
    if found:
        raise InputError(found)
    if cache is not None and key is not None:
        cache.put(f"settings {file}", key, {})


def config_lang(config: Config, option: str | None) -> Lang:
    """The language: ``--lang``, else ``SHEYIN_LANG``, else sheyin.toml, else Chinese."""
    chosen = option or (config.lang.value if config.lang is not None else None)
    return parse_lang(chosen) or "zh"


def new_config(profile: str, disabled: tuple[str, ...] = (), lang: Lang = "zh") -> dict[str, Any]:
    """The settings a new sheyin.toml holds; commands may add tables before :func:`render_config`."""
    return {"profile": profile, "lang": lang, "plugins": {"disabled": list(disabled)}}


def render_config(settings: Mapping[str, Any]) -> str:
    """The text of a sheyin.toml holding ``settings`` (written by tomli-w, so any value round-trips)."""
    import tomli_w  # only sheyin init writes settings

    return _HEADER + tomli_w.dumps(dict(settings))

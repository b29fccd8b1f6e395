"""Installed plugins found without importlib.metadata on every start.

Finding the ``sheyin`` entry points with :mod:`importlib.metadata` imports it (with the
email, zipfile and csv modules it needs) and reads every installed distribution: about
one and a half times what starting Python costs, on every command. The entry points
found are kept in the profile cache (:mod:`sheyin.profile.cache`) under a stamp of
where distributions are installed: for each folder on ``sys.path``, the name of each
``*.dist-info`` or ``*.egg-info`` in it (which carries the version) and the size and
modification time of its ``entry_points.txt``; a zip file on the path counts by its own
size and time. Installing, upgrading or removing a distribution, or rewriting its entry
points, changes the stamp, and importlib.metadata is asked again.

A remembered entry point names a module to import, so the cache folder is trusted as
the user's environment is: it is the user's own (created private to them), and whoever
can write there could as well change what the user's Python imports.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sheyin.profile.cache import installation_stamp

if TYPE_CHECKING:
    from sheyin.plugin.manager import EntryPointLike
    from sheyin.profile.cache import ProfileCache

__all__ = ["FoundDistribution", "FoundEntryPoint", "installation_stamp", "remembered_entry_points"]

CACHE_LABEL = "entry points"

# importlib.metadata.EntryPoint.pattern: "module.path:attr.path [extras]"
_PATTERN = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@frozen
class FoundDistribution:
    """The distribution an entry point came from, as remembered: its name and version."""

    name: str
    version: str


@frozen
class FoundEntryPoint:
    """An entry point as remembered; loads what it names as importlib.metadata does."""

    name: str
    value: str
    group: str
    dist: FoundDistribution | None

    def load(self) -> Any:
        """Import the module the value names and return the attribute it names in it."""
        match = _PATTERN.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value: {self.value!r}")
        module = import_module(match.group("module"))
        attributes = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attributes, module)


def remembered_entry_points(
    cache: ProfileCache, group: str, find: Callable[[], Iterable[EntryPointLike]]
) -> Callable[[], Iterable[EntryPointLike]]:
    """Entry points of ``group`` as ``find`` gives them, remembered in ``cache`` while the
    installed distributions stay as they are (see the module's documentation)."""

    def entry_points() -> Iterable[EntryPointLike]:
        label = f"{CACHE_LABEL} {group} {sys.path!r}"
        key = cache.key({"installed": repr(installation_stamp(sys.path)).encode()}, {})
        cached = cache.get(label, key)
        if cached is not None:
            remembered = _from_plain(cached.get("entry_points"), group)
            if remembered is not None:
                return remembered
        found = list(find())
        plain = _to_plain(found)
        if plain is not None:
            cache.put(label, key, {"entry_points": plain})
        return found

    return entry_points


def _to_plain(found: Iterable[EntryPointLike]) -> list[dict[str, Any]] | None:
    """Entry points as JSON data, or None when one cannot be described (then none is kept)."""
    plain = []
    try:
        for entry_point in found:
            dist = entry_point.dist
            plain.append(
                {
                    "name": str(entry_point.name),
                    "value": str(entry_point.value),
                    "dist": None if dist is None else [str(dist.name), str(dist.version)],
                }
            )
    except Exception:  # broken metadata: Plugins reports it when it reads the real thing
        return None
    return plain


def _from_plain(data: Any, group: str) -> list[FoundEntryPoint] | None:
    """Entry points from :func:`_to_plain` data, or None when it is not of that shape."""
    if not isinstance(data, list):
        return None
    found = []
    for item in data:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("value"), str)
        ):
            return None
        dist = item.get("dist")
        if dist is not None and not (
            isinstance(dist, list) and len(dist) == 2 and all(isinstance(d, str) for d in dist)
        ):
            return None
        found.append(
            FoundEntryPoint(
                name=item["name"],
                value=item["value"],
                group=group,
                dist=None if dist is None else FoundDistribution(dist[0], dist[1]),
            )
        )
    return found

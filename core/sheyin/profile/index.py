"""Which profiles are installed, in which versions, from which distributions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from attrs import frozen

from sheyin.echo import shown
from sheyin.errors import Problem, ProfileError, problem
from sheyin.i18n import Text
from sheyin.origin import Origin
from sheyin.plugin.manager import PluginInfo, Plugins
from sheyin.profile.cache import ProfileCache
from sheyin.profile.load import RawProfile, read_source
from sheyin.schemas import SchemaStore


@frozen
class ProfileListing:
    """One installed profile version as ``sheyin profiles`` shows it."""

    name: str
    plugin: PluginInfo
    manifest: Mapping[str, Any] | None
    errors: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The listing as JSON types."""
        manifest = self.manifest or {}
        return {
            "name": self.name,
            "title": manifest.get("title"),
            "title_en": manifest.get("title_en"),
            "extends": manifest.get("extends"),
            "valid_from": manifest.get("valid_from"),
            "valid_to": manifest.get("valid_to"),
            "documents": [d["title"] for d in manifest.get("documents", ())],
            "plugin": self.plugin.name,
            "distribution": self.plugin.distribution,
            "version": self.plugin.version,
            "errors": [p.render("zh") for p in self.errors],
            "errors_en": [p.render("en") for p in self.errors],
        }


class ProfileIndex:
    """Reads every profile source once and answers which version of a name is in force."""

    def __init__(
        self, plugins: Plugins, schemas: SchemaStore, cache: ProfileCache | None = None
    ) -> None:
        self._versions: dict[str, list[RawProfile]] = defaultdict(list)
        self._listings: list[ProfileListing] = []
        for info in plugins.profile_sources():
            try:
                raw = read_source(info, schemas, cache)
            except ProfileError as exc:
                self._listings.append(
                    ProfileListing(info.source.name, info.plugin, None, exc.problems)
                )
                continue
            self._versions[raw.name].append(raw)
            self._listings.append(ProfileListing(raw.name, info.plugin, raw.manifest))
        self._conflicts = {
            name: sorted({str(r.plugin.distribution) for r in versions})
            for name, versions in self._versions.items()
            if len({r.plugin.distribution for r in versions}) > 1
        }

    def listings(self) -> Sequence[ProfileListing]:
        """Every profile source found, broken ones included, with conflicts marked."""
        result = []
        for listing in self._listings:
            conflict = self._conflicts.get(listing.name)
            if conflict:
                listing = ProfileListing(
                    listing.name,
                    listing.plugin,
                    listing.manifest,
                    (*listing.errors, self._conflict(listing.name)),
                )
            result.append(listing)
        return sorted(result, key=lambda item: item.name)

    def names(self) -> list[str]:
        """The names of the profiles that can be loaded."""
        return sorted(name for name in self._versions if name not in self._conflicts)

    def select(self, name: str, day: date, origin: Origin | None = None) -> RawProfile:
        """The version of ``name`` in force on ``day``; ``origin`` is where the name came from."""
        if name in self._conflicts:
            raise ProfileError((self._conflict(name),))
        versions = self._versions.get(name)
        if not versions:
            broken = [
                p for listing in self._listings if listing.name == name for p in listing.errors
            ]
            if broken:
                raise ProfileError(tuple(broken))
            known = "、".join(self.names()) or "（无）"
            text = Text(
                f"未安装名为“{shown(name)}”的规范；已安装：{known}",
                f"no profile named '{shown(name)}' is installed; installed: {', '.join(self.names()) or '(none)'}",
            )
            where = origin or Origin.api("profile")
            raise ProfileError((where.problem(text),))
        in_force = [v for v in versions if v.valid_on(day)]
        if not in_force:
            raise ProfileError(
                (
                    problem(
                        f"profile {name}",
                        "",
                        f"规范“{name}”在 {day} 没有有效的版本",
                        f"profile '{name}' has no version in force on {day}",
                    ),
                )
            )
        return max(in_force, key=lambda v: v.manifest.get("valid_from") or "")

    def _conflict(self, name: str) -> Problem:
        dists = ", ".join(self._conflicts[name])
        return problem(
            f"profile {name}",
            "",
            f"多个发行包提供了同名规范“{name}”：{dists}；请卸载或停用其中之一",
            f"several distributions provide profile '{name}': {dists}; uninstall or disable one",
        )

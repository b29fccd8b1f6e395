"""Building a plugin manager: entry-point discovery, validation, and a typed facade.

Nothing here runs at import time; each application object builds its own manager.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import pluggy
from attrs import frozen

from sheyin import builtin
from sheyin.errors import Problem
from sheyin.i18n import Text
from sheyin.plugin import spec
from sheyin.plugin.types import CheckKind, ProfileSource
from sheyin.vocabulary import Term

ENTRY_POINT_GROUP = "sheyin"
CORE = "sheyin.core"


@frozen
class PluginInfo:
    """One discovered plugin: its entry-point name and the distribution that installed it."""

    name: str
    module: str
    distribution: str | None
    version: str | None
    disabled: bool = False
    error: Problem | None = None


@frozen
class SourceInfo:
    """A profile source with the plugin that provided it."""

    source: ProfileSource
    plugin: PluginInfo


class Distribution(Protocol):
    """What is read of the distribution that installed a plugin."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...


class EntryPointLike(Protocol):
    """What is read of an entry point: an :class:`importlib.metadata.EntryPoint`, or one
    remembered by :mod:`sheyin.plugin.discovery`."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> str: ...

    @property
    def dist(self) -> Distribution | None: ...

    def load(self) -> Any:
        """The object the entry point names."""


EntryPoints = Callable[[], Iterable[EntryPointLike]]


def installed_entry_points() -> Iterable[EntryPointLike]:
    """The entry points of the ``sheyin`` group of every installed distribution."""
    from importlib import metadata  # a command that loads no plugin need not import it

    return metadata.entry_points(group=ENTRY_POINT_GROUP)


class Plugins:
    """A pluggy manager with core's default plugin and every enabled installed plugin.

    A plugin that fails to import, registers an unknown ``sheyin_`` hook, or raises from
    a hook is set aside with one error naming it; every other plugin keeps working.
    """

    def __init__(
        self,
        disabled: Iterable[str] = (),
        entry_points: EntryPoints = installed_entry_points,
    ) -> None:
        self._pm = pluggy.PluginManager("sheyin")
        self._pm.add_hookspecs(spec)
        self._pm.register(builtin, name=CORE)
        self._infos: dict[str, PluginInfo] = {}
        disabled_names = frozenset(disabled)
        for entry_point in entry_points():
            self._add(entry_point, entry_point.name in disabled_names)
        self._check_pending()

    @property
    def infos(self) -> tuple[PluginInfo, ...]:
        """Every discovered plugin, loaded, disabled or broken."""
        return tuple(self._infos.values())

    def broken(self) -> tuple[PluginInfo, ...]:
        """Plugins that were set aside because of an error."""
        return tuple(info for info in self._infos.values() if info.error is not None)

    def _add(self, entry_point: EntryPointLike, disabled: bool) -> None:
        dist = entry_point.dist
        info = PluginInfo(
            name=entry_point.name,
            module=entry_point.value,
            distribution=dist.name if dist else None,
            version=dist.version if dist else None,
            disabled=disabled,
        )
        if entry_point.name in self._infos:
            other = self._infos[entry_point.name]
            self._infos[f"{entry_point.name}@{info.distribution}"] = _failed(
                info,
                Text(
                    f"插件名“{info.name}”已由发行包 {other.distribution} 注册",
                    f"plugin name '{info.name}' is already registered by {other.distribution}",
                ),
            )
            return
        self._infos[info.name] = info
        if disabled:
            return
        try:
            module = entry_point.load()
            self._pm.register(module, name=info.name)
        except Exception as exc:  # a broken third-party plugin must not stop the others
            self._infos[info.name] = _failed(info, _load_failure(exc))

    def _check_pending(self) -> None:
        while True:
            try:
                self._pm.check_pending()
            except pluggy.PluginValidationError as exc:
                name = self._pm.get_name(exc.plugin) or "?"
                self._pm.unregister(exc.plugin)
                self._infos[name] = _failed(self._infos[name], _load_failure(exc))
            else:
                return

    def _set_aside(self, plugin_name: str, exc: Exception) -> None:
        plugin = self._pm.get_plugin(plugin_name)
        if plugin is not None:
            self._pm.unregister(plugin)
        if plugin_name in self._infos:
            self._infos[plugin_name] = _failed(self._infos[plugin_name], _load_failure(exc))

    def _collect(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call one collecting hook plugin by plugin, setting aside any that raises."""
        results: list[tuple[str, Any]] = []
        caller = getattr(self._pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):  # pluggy's own order: tryfirst first
            try:
                results.append((impl.plugin_name, impl.function()))
            except Exception as exc:
                if impl.plugin_name == CORE:
                    raise
                self._set_aside(impl.plugin_name, exc)
        return results

    # --- typed facade over the hooks ----------------------------------------------------------

    def profile_sources(self) -> list[SourceInfo]:
        """Every profile source with the plugin that provided it."""
        found: list[SourceInfo] = []
        for plugin_name, sources in self._collect("sheyin_profiles"):
            info = self._infos.get(plugin_name)
            if info is None or info.error is not None:
                continue
            found.extend(SourceInfo(source=source, plugin=info) for source in sources or ())
        return found

    def vocabulary_terms(self) -> list[Term]:
        """Every globally contributed term; later plugins' terms replace core's of the same id."""
        terms: list[Term] = []
        for _, contributed in reversed(self._collect("sheyin_vocabulary")):
            terms.extend(contributed or ())
        return terms

    def vocabulary_layers(self) -> list[tuple[str, list[Term]]]:
        """Each plugin's globally contributed terms, core's first, in the order they are stacked."""
        return [
            ("core" if name == CORE else name, list(terms or ()))
            for name, terms in reversed(self._collect("sheyin_vocabulary"))
        ]

    def check_kinds(self) -> dict[str, CheckKind]:
        """Every check kind by name; a second kind with a taken name sets its plugin aside."""
        kinds: dict[str, CheckKind] = {}
        for plugin_name, contributed in reversed(self._collect("sheyin_check_kinds")):
            for kind in contributed or ():
                if kind.name in kinds:
                    self._set_aside(plugin_name, ValueError(f"check kind {kind.name!r} is taken"))
                    continue
                kinds[kind.name] = kind
        return kinds


def _failed(info: PluginInfo, text: Text) -> PluginInfo:
    who = f"{info.name} ({info.distribution or info.module})"
    message = Text(
        f"插件 {who} 无法加载：{text.zh}", f"plugin {who} could not be loaded: {text.en}"
    )
    return PluginInfo(
        name=info.name,
        module=info.module,
        distribution=info.distribution,
        version=info.version,
        disabled=info.disabled,
        error=Problem(
            file=f"entry point {ENTRY_POINT_GROUP}:{info.name}", pointer="", text=message
        ),
    )


def _load_failure(exc: BaseException) -> Text:
    detail = f"{type(exc).__name__}: {exc}"
    return Text(detail, detail)

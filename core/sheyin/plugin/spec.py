"""Hook specifications. Every hook is documented in docs/plugins.md (a test checks).

Hooks evolve only by adding arguments; implementations may take any subset.
"""

from __future__ import annotations

import pluggy

from sheyin.plugin.types import CheckKind, ProfileSource
from sheyin.vocabulary import Term

hookspec = pluggy.HookspecMarker("sheyin")


# --- profiles -------------------------------------------------------------------------------


@hookspec
def sheyin_profiles() -> list[ProfileSource]:  # type: ignore[empty-body]
    """Return the profiles this plugin provides, each as a folder of data files.

    Collecting hook: every plugin's list is gathered. Two distributions that provide
    the same profile name are an error; one distribution may provide several dated
    versions of one profile (``valid_from``/``valid_to`` in each profile.toml).
    Called once per application object; must not read files itself.
    """


# --- vocabulary -----------------------------------------------------------------------------


@hookspec
def sheyin_vocabulary() -> list[Term]:  # type: ignore[empty-body]
    """Return terms (zones, equipment, posts, ...) that every profile understands.

    Collecting hook. Core's own vocabulary comes from core's default plugin through
    this hook (``trylast``), so a plugin's term with the same id wins. Terms that only
    one profile uses belong in that profile's ``[vocabulary]`` table instead.
    """


# --- checks ---------------------------------------------------------------------------------


@hookspec
def sheyin_check_kinds() -> list[CheckKind]:  # type: ignore[empty-body]
    """Return kinds of checks that requirements may name in ``check.kind``.

    Collecting hook. Core's declarative kinds (``outlet_has``, ``lifecycle``, ...) come
    from core's default plugin. A plugin adds kinds for what data cannot express: a
    check spanning several records, a computed deadline. Kind names must be unique;
    a plugin's own kinds are best prefixed with its name (``guangdong.forced_exit_ratio``).
    Each kind should also ``describe`` what a requirement using it demands, as
    :class:`~sheyin.plugin.Fact` values: that is all ``profile show``, ``profile diff``
    and ``profile compare`` know of it.
    """

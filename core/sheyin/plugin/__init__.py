"""What a plugin imports: the ``hookimpl`` marker and the types its hooks return.

A plugin module registered in the ``sheyin`` entry-point group implements some of
the hooks in :mod:`sheyin.plugin.spec`::

    from sheyin.plugin import ProfileSource, hookimpl

    @hookimpl
    def sheyin_profiles():
        return [ProfileSource.from_package("yulin", __package__)]
"""

from __future__ import annotations

import pluggy

from sheyin.plugin.types import CheckKind, ProfileSource

hookimpl = pluggy.HookimplMarker("sheyin")

__all__ = ["CheckKind", "ProfileSource", "hookimpl"]

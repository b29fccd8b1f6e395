"""sheyin (社银): check government-bank cooperation on social-insurance services against regional rules.

    >>> import sheyin
    >>> report = sheyin.check("snapshot.toml", profile="guangdong")  # doctest: +SKIP
    >>> report.to_dict()                                             # doctest: +SKIP

Importing this package reads no file and loads no plugin: that happens when a
:class:`Sheyin` application object first needs them.
"""

from __future__ import annotations

from sheyin.app import Sheyin, check, load_profile
from sheyin.engine.findings import Finding, Report
from sheyin.errors import InputError, PluginError, ProfileError, SheyinError
from sheyin.profile.model import Profile, Requirement
from sheyin.snapshot.model import Snapshot

__all__ = [
    "Finding",
    "InputError",
    "PluginError",
    "Profile",
    "ProfileError",
    "Report",
    "Requirement",
    "Sheyin",
    "SheyinError",
    "Snapshot",
    "check",
    "load_profile",
]

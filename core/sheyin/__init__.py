"""sheyin (社银): check government-bank cooperation on social-insurance services against regional rules.

    >>> import sheyin
    >>> report = sheyin.check("snapshot.toml", profile="guangdong")  # doctest: +SKIP
    >>> report.to_dict()                                             # doctest: +SKIP

Importing this package reads no file and loads no plugin: the public names below
are imported on first use (PEP 562), and plugins load when a :class:`Sheyin`
application object first needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sheyin.app import Sheyin, check, due, load_profile
    from sheyin.engine.due import Agenda, Deadline
    from sheyin.engine.findings import Finding, Report
    from sheyin.errors import InputError, PluginError, ProfileError, SheyinError
    from sheyin.profile.model import Profile, Requirement
    from sheyin.snapshot.model import Snapshot

_PUBLIC = {
    "Sheyin": "sheyin.app",
    "check": "sheyin.app",
    "due": "sheyin.app",
    "Agenda": "sheyin.engine.due",
    "Deadline": "sheyin.engine.due",
    "load_profile": "sheyin.app",
    "Finding": "sheyin.engine.findings",
    "Report": "sheyin.engine.findings",
    "InputError": "sheyin.errors",
    "PluginError": "sheyin.errors",
    "ProfileError": "sheyin.errors",
    "SheyinError": "sheyin.errors",
    "Profile": "sheyin.profile.model",
    "Requirement": "sheyin.profile.model",
    "Snapshot": "sheyin.snapshot.model",
}

__all__ = [
    "Agenda",
    "Deadline",
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
    "due",
    "load_profile",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'sheyin' has no attribute {name!r}")

"""The public API for plugins: everything a profile's code needs, from one module.

A plugin module registered in the ``sheyin`` entry-point group implements some of
the hooks in :mod:`sheyin.plugin.spec` and imports only from here::

    from sheyin.plugin import CheckContext, CheckKind, ProfileSource, Violation, hookimpl

    @hookimpl
    def sheyin_profiles():
        return [ProfileSource.from_package("yulin", __package__)]

Every name in ``__all__`` is stable: it changes only by additions. docs/plugins.md
walks through writing a plugin with them; the package is typed (``py.typed``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pluggy

    from sheyin.dates import add_days, add_months
    from sheyin.echo import word
    from sheyin.engine.context import CheckContext, Record
    from sheyin.engine.due import Due
    from sheyin.engine.findings import Value, Violation
    from sheyin.engine.lifecycle import Trace, event_matches, event_values
    from sheyin.errors import pointer
    from sheyin.i18n import Lang, Text, join
    from sheyin.kinds.duration import Duration
    from sheyin.plugin.describe import ASPECTS, EXIT_EVENTS, DescribeContext, Fact
    from sheyin.plugin.fields import kinds_field, terms_field
    from sheyin.plugin.types import CheckKind, Describer, DueRunner, ProfileSource, Runner
    from sheyin.profile.model import (
        Catalogue,
        CatalogueItem,
        Lifecycle,
        Parameter,
        Profile,
        Requirement,
        Severity,
        State,
        Subject,
        Transition,
    )
    from sheyin.services import Service
    from sheyin.snapshot.model import (
        Bank,
        Department,
        Event,
        HandoverCount,
        OfferedItem,
        Outlet,
        Partnership,
        Snapshot,
        Staff,
    )
    from sheyin.vocabulary import Domain, Term, Vocabulary, terms_from_table

    hookimpl: pluggy.HookimplMarker

# Where each public name is defined: importing this package imports none of them, so a
# plugin (or sheyin itself) pays only for the names it uses (PEP 562).
_PUBLIC = {
    "add_days": "sheyin.dates",
    "add_months": "sheyin.dates",
    "word": "sheyin.echo",
    "CheckContext": "sheyin.engine.context",
    "Record": "sheyin.engine.context",
    "Due": "sheyin.engine.due",
    "Value": "sheyin.engine.findings",
    "Violation": "sheyin.engine.findings",
    "Trace": "sheyin.engine.lifecycle",
    "event_matches": "sheyin.engine.lifecycle",
    "event_values": "sheyin.engine.lifecycle",
    "pointer": "sheyin.errors",
    "Lang": "sheyin.i18n",
    "Text": "sheyin.i18n",
    "join": "sheyin.i18n",
    "Duration": "sheyin.kinds.duration",
    "ASPECTS": "sheyin.plugin.describe",
    "DescribeContext": "sheyin.plugin.describe",
    "EXIT_EVENTS": "sheyin.plugin.describe",
    "Fact": "sheyin.plugin.describe",
    "kinds_field": "sheyin.plugin.fields",
    "terms_field": "sheyin.plugin.fields",
    "CheckKind": "sheyin.plugin.types",
    "Describer": "sheyin.plugin.types",
    "DueRunner": "sheyin.plugin.types",
    "ProfileSource": "sheyin.plugin.types",
    "Runner": "sheyin.plugin.types",
    "Catalogue": "sheyin.profile.model",
    "CatalogueItem": "sheyin.profile.model",
    "Lifecycle": "sheyin.profile.model",
    "Parameter": "sheyin.profile.model",
    "Profile": "sheyin.profile.model",
    "Requirement": "sheyin.profile.model",
    "Severity": "sheyin.profile.model",
    "State": "sheyin.profile.model",
    "Subject": "sheyin.profile.model",
    "Transition": "sheyin.profile.model",
    "Service": "sheyin.services",
    "Bank": "sheyin.snapshot.model",
    "Department": "sheyin.snapshot.model",
    "Event": "sheyin.snapshot.model",
    "HandoverCount": "sheyin.snapshot.model",
    "OfferedItem": "sheyin.snapshot.model",
    "Outlet": "sheyin.snapshot.model",
    "Partnership": "sheyin.snapshot.model",
    "Snapshot": "sheyin.snapshot.model",
    "Staff": "sheyin.snapshot.model",
    "Domain": "sheyin.vocabulary",
    "Term": "sheyin.vocabulary",
    "Vocabulary": "sheyin.vocabulary",
    "terms_from_table": "sheyin.vocabulary",
}


__all__ = [
    "ASPECTS",
    "EXIT_EVENTS",
    "Bank",
    "Catalogue",
    "CatalogueItem",
    "CheckContext",
    "CheckKind",
    "Department",
    "DescribeContext",
    "Describer",
    "Domain",
    "Due",
    "DueRunner",
    "Duration",
    "Event",
    "Fact",
    "HandoverCount",
    "Lang",
    "Lifecycle",
    "OfferedItem",
    "Outlet",
    "Parameter",
    "Partnership",
    "Profile",
    "ProfileSource",
    "Record",
    "Requirement",
    "Runner",
    "Service",
    "Severity",
    "Snapshot",
    "Staff",
    "State",
    "Subject",
    "Term",
    "Text",
    "Trace",
    "Transition",
    "Value",
    "Violation",
    "Vocabulary",
    "add_days",
    "add_months",
    "event_matches",
    "event_values",
    "hookimpl",
    "join",
    "kinds_field",
    "pointer",
    "terms_field",
    "terms_from_table",
    "word",
]


def __getattr__(name: str) -> Any:
    if name == "hookimpl":  # pluggy loads with the first plugin that marks a hook
        import pluggy

        value: Any = pluggy.HookimplMarker("sheyin")
    elif name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later look-ups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

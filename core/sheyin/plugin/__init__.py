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

hookimpl = pluggy.HookimplMarker("sheyin")

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

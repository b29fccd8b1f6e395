"""Core's declarative check kinds, offered to every profile through core's default plugin.

Each module holds the kinds of one domain; docs/checks.md documents their parameters.
"""

from __future__ import annotations

from sheyin.kinds import catalogue, events, identity, inventory, lifecycle, records, staffing
from sheyin.plugin.types import CheckKind

ALL: tuple[CheckKind, ...] = (
    *inventory.KINDS,
    *staffing.KINDS,
    *records.KINDS,
    *catalogue.KINDS,
    *events.KINDS,
    *lifecycle.KINDS,
    *identity.KINDS,
)

"""How many processes a check uses (``sheyin check --jobs``).

Apart from :mod:`sheyin.engine.shard`, which does the checking in several processes, so
that a check in one process (every snapshot under :data:`AUTO_MIN_OUTLETS` outlets when
no number is given) does not import it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

AUTO_MIN_OUTLETS = 2000
"""With no number of jobs given, smaller snapshots are checked in one process: starting
workers would cost more than it saves."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def jobs_for(jobs: int | None, document: Mapping[str, Any]) -> int:
    """How many processes to use: ``jobs``, or with None the cores available for a
    snapshot of at least :data:`AUTO_MIN_OUTLETS` outlets (else one)."""
    if jobs is not None:
        return jobs
    outlets = document.get("outlets") if isinstance(document, dict) else None
    if not isinstance(outlets, list) or len(outlets) < AUTO_MIN_OUTLETS:
        return 1
    return available_cores()

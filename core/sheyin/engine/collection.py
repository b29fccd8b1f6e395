"""Pausing Python's cyclic garbage collector while a snapshot is checked, or while the
``sheyin`` command imports what it runs.

Checking 20,000 outlets builds a quarter of a million model objects and as many
findings, none of them in reference cycles: the collector finds nothing, yet its
full collections walk everything built so far, again and again (37% of the time of
a national check of 20,000 outlets). Reference counting still frees what a check
drops; the collector resumes as it was when the check ends, however it ends.

Importing is the same at start-up: the modules, classes and functions it builds are kept
as long as the process runs, yet every collection walks them again, and one at the end
of each pause walks all that the pause built (:func:`imports_kept`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; leave it as it was found.

    Another thread that pauses it at the same time sees it already off and leaves it
    to the first to turn it back on, so it is never left off by a check.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def imports_kept() -> Iterator[None]:
    """Run the block, which imports modules, with the cyclic collector off; then move
    every object alive into the collector's permanent generation (:func:`gc.freeze`)
    and leave the collector as it was found.

    What the ``sheyin`` command imports (click, attrs, the models, the check kinds and
    their generated methods) lives until the process ends, so no collection need walk
    it: the collections during the imports, the one that pausing only postpones, and
    later ones no longer do (4% of the CPU time of a one-outlet ``sheyin check``). The
    price: the few reference cycles dropped before the block ends (attrs replaces each
    class it gives slots) are freed at exit, not at some later collection, and in a
    process that runs the command in-process (tests), the objects it had are frozen too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()

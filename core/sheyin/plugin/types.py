"""Values plugins hand to core through hooks."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen
from attrs.validators import in_

from sheyin.packagefiles import package_files

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    from sheyin.engine.context import CheckContext
    from sheyin.engine.due import Due
    from sheyin.engine.findings import Violation
    from sheyin.plugin.describe import DescribeContext, Fact
    from sheyin.profile.model import Requirement


@frozen
class ProfileSource:
    """Where a profile's data files are: a folder holding profile.toml, requirements.toml, ..."""

    name: str
    data: Traversable

    @classmethod
    def from_package(cls, name: str, package: str, folder: str = "data") -> ProfileSource:
        """The ``folder`` inside an installed package (no file is read yet)."""
        return cls(name=name, data=package_files(package) / folder)


Runner = Callable[["CheckContext", "Requirement", Any], Iterable["Violation"]]
Describer = Callable[["DescribeContext", "Requirement", Any], Iterable["Fact"]]
DueRunner = Callable[["CheckContext", "Requirement", Any], Iterable["Due"]]
Scope = Literal["bank", "snapshot"]
SCOPES: tuple[Scope, ...] = ("bank", "snapshot")


@frozen
class CheckKind:
    """A kind of check that requirements can use, with the attrs class of its parameters.

    ``run(ctx, requirement, params)`` yields a :class:`~sheyin.plugin.Violation` per
    record that fails. ``describe(ctx, requirement, params)`` yields the
    :class:`~sheyin.plugin.Fact` values that ``profile show``, ``profile diff`` and
    ``profile compare`` report; a kind without it appears there as one "other rule" per
    requirement, compared by its parameters.

    Parameter fields whose metadata names a vocabulary ``domain`` (or ``domain_from``,
    the parameter whose value names the domain) are resolved to canonical ids when the
    profile loads, so a misspelt zone fails at start-up, not mid-run.

    ``due``, for kinds that judge time, lists what falls due: called like ``run``, it
    yields a :class:`~sheyin.engine.due.Due` for each record whose requirement is still
    unmet, dated the last day on which meeting it satisfies ``run`` (docs/checks.md,
    "Deadlines").

    ``scope`` says how much of the snapshot one finding may depend on, so that
    ``sheyin check --jobs N`` can check whole banks in separate processes (docs/plugins.md,
    "Scope: checking in several processes"):

    - ``"snapshot"`` (the default, and what a kind that says nothing gets): anything.
      With ``--jobs`` the kind runs once over the whole snapshot.
    - ``"bank"``: what the kind reports about a record follows from every department,
      bank and partnership, the outlets (and their staff) of that record's bank, and the
      snapshot-wide facts :class:`~sheyin.plugin.CheckContext` offers
      (:meth:`~sheyin.plugin.CheckContext.outlet_code_counts`). A finding on a department
      may follow from any one bank's outlets.
    """

    name: str
    params: type
    run: Runner
    doc: str
    describe: Describer | None = None
    due: DueRunner | None = None
    scope: Scope = field(default="snapshot", validator=in_(SCOPES))

"""The application object: plugins, schemas and loaded profiles for one caller.

Everything lives on the instance; two instances share nothing. An instance is
safe to use from several threads: loading happens under a lock, and what it
hands out (profiles, snapshots, reports) is immutable.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sheyin.engine.due import Agenda, collect_deadlines
from sheyin.engine.findings import Report
from sheyin.engine.run import run_checks
from sheyin.errors import InputError, ProfileError, problem
from sheyin.i18n import Lang, as_lang
from sheyin.plugin.manager import EntryPoints, PluginInfo, Plugins, installed_entry_points
from sheyin.plugin.types import CheckKind
from sheyin.profile.index import ProfileIndex, ProfileListing
from sheyin.profile.load import Builder, core_requirements
from sheyin.profile.model import Profile
from sheyin.schemas import SchemaStore, to_jsonable
from sheyin.services import Service, load_services
from sheyin.snapshot.model import Snapshot
from sheyin.snapshot.parse import SnapshotParser, read_file, snapshot_schema
from sheyin.vocabulary import Vocabulary

SnapshotSource = Mapping[str, Any] | str | Path


class Sheyin:
    """Entry point of the Python API.

    >>> app = Sheyin()
    >>> report = app.check("snapshot.toml", profile="guangdong")  # doctest: +SKIP
    >>> report.to_dict()["summary"]  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        disabled_plugins: Iterable[str] = (),
        entry_points: EntryPoints = installed_entry_points,
    ) -> None:
        self._disabled = tuple(disabled_plugins)
        self._entry_points = entry_points
        self._lock = threading.RLock()
        self.schemas = SchemaStore()
        self._plugins: Plugins | None = None
        self._index: ProfileIndex | None = None
        self._kinds: dict[str, CheckKind] | None = None
        self._vocabulary: Vocabulary | None = None
        self._services: Mapping[str, Service] | None = None
        self._profiles: dict[tuple[str, int], Profile] = {}
        self._parsers: dict[int, SnapshotParser] = {}

    # --- plugins and profiles -----------------------------------------------------------------

    @property
    def plugins(self) -> Plugins:
        """The plugin manager, built on first use."""
        with self._lock:
            if self._plugins is None:
                self._plugins = Plugins(self._disabled, self._entry_points)
                self._kinds = self._plugins.check_kinds()
                self._vocabulary = Vocabulary.of(self._plugins.vocabulary_terms())
                self._index = ProfileIndex(self._plugins, self.schemas)
            return self._plugins

    @property
    def kinds(self) -> Mapping[str, CheckKind]:
        """Every check kind core and the plugins provide."""
        with self._lock:
            self.plugins  # noqa: B018 - builds the kinds on first use
            assert self._kinds is not None
            return self._kinds

    @property
    def index(self) -> ProfileIndex:
        """The installed profiles."""
        with self._lock:
            self.plugins  # noqa: B018 - builds the index on first use
            assert self._index is not None
            return self._index

    @property
    def services(self) -> Mapping[str, Service]:
        """The canonical services catalogue items map to."""
        with self._lock:
            if self._services is None:
                self._services = load_services()
            return self._services

    def plugin_infos(self) -> tuple[PluginInfo, ...]:
        """Every discovered plugin (after profiles were read, so data errors are included)."""
        self.index  # noqa: B018
        return self.plugins.infos

    def profiles(self) -> Sequence[ProfileListing]:
        """Every installed profile version, broken ones with their errors."""
        return self.index.listings()

    def load_profile(self, name: str, as_of: date | None = None) -> Profile:
        """The version of profile ``name`` in force on ``as_of`` (today when omitted)."""
        return self._load(name, as_of or date.today(), ())

    def _load(self, name: str, day: date, chain: tuple[str, ...]) -> Profile:
        if name in chain:
            cycle = " → ".join((*chain, name))
            raise ProfileError(
                (
                    problem(
                        f"profile {name}",
                        "/extends",
                        f"extends 形成循环：{cycle}",
                        f"extends forms a cycle: {cycle}",
                    ),
                )
            )
        with self._lock:
            raw = self.index.select(name, day)
            key = (name, id(raw))
            if key not in self._profiles:
                extends = raw.manifest.get("extends")
                relates_to = raw.manifest.get("relates_to")
                parent = self._load(extends, day, (*chain, name)) if extends else None
                related = self._load(relates_to, day, (*chain, name)) if relates_to else None
                assert self._vocabulary is not None
                builder = Builder(
                    raw,
                    parent,
                    self.kinds,
                    self._vocabulary,
                    core_requirements(self.schemas),
                    related=related,
                    services=self.services,
                )
                self._profiles[key] = builder.build()
            return self._profiles[key]

    # --- snapshots and checks -----------------------------------------------------------------

    def snapshot_schema(self, profile: Profile) -> dict[str, Any]:
        """The snapshot JSON Schema with the fields and event types ``profile`` adds."""
        return snapshot_schema(self.schemas.schema("snapshot"), profile)

    def parser(self, profile: Profile) -> SnapshotParser:
        """A snapshot parser for ``profile``, built once."""
        with self._lock:
            if id(profile) not in self._parsers:
                self._parsers[id(profile)] = SnapshotParser(profile, self.snapshot_schema(profile))
            return self._parsers[id(profile)]

    def check(
        self,
        snapshot: SnapshotSource,
        *,
        profile: str | None = None,
        as_of: date | None = None,
        lang: str = "zh",
    ) -> Report:
        """Check a snapshot (a dict, or a TOML/JSON file) and return the report.

        The profile is ``profile``, else the snapshot's ``profile`` key; the date is
        ``as_of``, else the snapshot's ``as_of``, else today.
        Raises :class:`~sheyin.errors.InputError` for malformed input and
        :class:`~sheyin.errors.ProfileError` for an unknown or broken profile.
        """
        loaded, parsed, day = self._read(snapshot, profile, as_of)
        return run_checks(loaded, parsed, day, self.kinds, as_lang(lang), self.services)

    def due(
        self,
        snapshot: SnapshotSource,
        *,
        profile: str | None = None,
        as_of: date | None = None,
        within: int | None = None,
        subject: str | None = None,
    ) -> Agenda:
        """What falls due in a snapshot: every deadline of the requirements ``check`` enforces.

        Profile and date are chosen as for :meth:`check`. ``within`` keeps what falls due
        in the next ``within`` days (overdue entries always stay); ``subject`` keeps one
        record (``outlets/o1`` or ``o1``) and the records under it.
        """
        loaded, parsed, day = self._read(snapshot, profile, as_of)
        return collect_deadlines(
            loaded, parsed, day, self.kinds, self.services, within=within, subject=subject
        )

    def _read(
        self, snapshot: SnapshotSource, profile: str | None, as_of: date | None
    ) -> tuple[Profile, Snapshot, date]:
        """The profile, the parsed snapshot and the date a check or a due list works on."""
        document, file = _document(snapshot)
        name = profile or document.get("profile")
        if not isinstance(name, str) or not name:
            raise InputError(
                (
                    problem(
                        file,
                        "/profile",
                        "未指定规范：请用 --profile 或在快照中写 profile",
                        "no profile given: use --profile or set profile in the snapshot",
                    ),
                )
            )
        day = as_of or _as_of(document, file) or date.today()
        loaded = self.load_profile(name, day)
        return loaded, self.parser(loaded).parse(document, file), day

    def parse_snapshot(self, snapshot: SnapshotSource, profile: Profile) -> Snapshot:
        """Parse a snapshot for ``profile`` without checking it."""
        document, file = _document(snapshot)
        return self.parser(profile).parse(document, file)


def _document(source: SnapshotSource) -> tuple[dict[str, Any], str]:
    if isinstance(source, Mapping):
        return to_jsonable(source), "<snapshot>"
    path = Path(source)
    return read_file(path), str(path)


def _as_of(document: Mapping[str, Any], file: str) -> date | None:
    value = document.get("as_of")
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            (
                problem(
                    file,
                    "/as_of",
                    f"“{value}”不是有效日期（YYYY-MM-DD）",
                    f"'{value}' is not a valid date (YYYY-MM-DD)",
                ),
            )
        ) from None


def check(
    snapshot: SnapshotSource,
    *,
    profile: str | None = None,
    as_of: date | None = None,
    lang: Lang = "zh",
) -> Report:
    """Check a snapshot with a fresh :class:`Sheyin` (no state is kept between calls)."""
    return Sheyin().check(snapshot, profile=profile, as_of=as_of, lang=lang)


def due(
    snapshot: SnapshotSource,
    *,
    profile: str | None = None,
    as_of: date | None = None,
    within: int | None = None,
    subject: str | None = None,
) -> Agenda:
    """List what falls due in a snapshot with a fresh :class:`Sheyin`."""
    return Sheyin().due(snapshot, profile=profile, as_of=as_of, within=within, subject=subject)


def load_profile(name: str, as_of: date | None = None) -> Profile:
    """Load a profile with a fresh :class:`Sheyin`."""
    return Sheyin().load_profile(name, as_of)

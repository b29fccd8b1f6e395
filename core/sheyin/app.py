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
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sheyin.dates import DateError, date_problem, parse_date
from sheyin.documents import Document, check_document, read_document
from sheyin.echo import literal
from sheyin.engine.collection import collector_paused
from sheyin.engine.due import Agenda, collect_deadlines
from sheyin.engine.findings import Report
from sheyin.engine.jobs import jobs_for
from sheyin.engine.run import run_checks
from sheyin.errors import InputError, ProfileError, SheyinError, pointer, problem
from sheyin.i18n import Lang, Text, as_lang
from sheyin.origin import Origin, Setting, choice_note, first, overruled
from sheyin.plugin.manager import EntryPoints, PluginInfo, Plugins, installed_entry_points
from sheyin.plugin.types import CheckKind
from sheyin.profile.cache import ProfileCache
from sheyin.profile.index import ProfileIndex, ProfileListing
from sheyin.profile.load import Builder, RawProfile, core_requirements
from sheyin.profile.model import Profile
from sheyin.schemas import SchemaStore
from sheyin.services import Service, load_services
from sheyin.snapshot.model import Snapshot
from sheyin.vocabulary import Vocabulary

if TYPE_CHECKING:  # snapshot parsing (and its compiled validators) loads when a check needs it
    from sheyin.snapshot.parse import SnapshotParser

SnapshotSource = Mapping[str, Any] | str | Path | Document
ProfileName = str | Setting[str]

PROFILE_PRECEDENCE = Text(
    "优先级：选项 > 快照中的 profile > 环境变量 SHEYIN_PROFILE > sheyin.toml",
    "precedence: option > the snapshot's profile > SHEYIN_PROFILE > sheyin.toml",
)


@frozen
class ProfileChoice:
    """The profile a snapshot is checked against, where that came from, and what it overruled."""

    chosen: Setting[str]
    overruled: tuple[Setting[str], ...] = ()

    def note(self) -> Text | None:
        """A note for the report when the candidates disagreed, else None."""
        if not self.overruled:
            return None
        return choice_note(self.chosen, self.overruled, Text("规范", "profile"), PROFILE_PRECEDENCE)


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
        parameters: Mapping[str, Any] | None = None,
        parameters_source: str = "sheyin.toml",
        profile_cache: ProfileCache | None = None,
    ) -> None:
        """``profile_cache`` keeps validated profile data between runs (the command line
        passes :meth:`ProfileCache.from_environment`); without one, every profile's data
        files are validated whenever an application object first reads them."""
        self._disabled = tuple(disabled_plugins)
        self._profile_cache = profile_cache
        # A workspace's values for profile parameters ([parameters] in sheyin.toml).
        self._parameters: Mapping[str, Any] = dict(parameters or {})
        self._parameters_source = parameters_source
        self._entry_points = entry_points
        self._lock = threading.RLock()
        self.schemas = SchemaStore()
        self._plugins: Plugins | None = None
        self._index: ProfileIndex | None = None
        self._kinds: dict[str, CheckKind] | None = None
        self._vocabulary: Vocabulary | None = None
        self._services: Mapping[str, Service] | None = None
        self._profiles: dict[tuple[str, int], Profile] = {}
        self._core_requirements: list[dict[str, Any]] | None = None
        self._shared_digest: str | None = None  # sheyin.profile.fingerprint, computed once
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
                self._index = ProfileIndex(self._plugins, self.schemas, self._profile_cache)
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

    def load_profile(self, name: ProfileName, as_of: date | None = None) -> Profile:
        """The version of profile ``name`` in force on ``as_of`` (today when omitted).

        ``name`` may be a :class:`~sheyin.origin.Setting`, so that an unknown or empty
        name is reported against the option, argument, variable or file it came from.
        """
        setting = name if isinstance(name, Setting) else Setting(name, Origin.api("profile"))
        _require_name(setting)
        return self._load(setting.value, as_of or date.today(), (), setting.origin)

    def _load(
        self, name: str, day: date, chain: tuple[str, ...], origin: Origin | None = None
    ) -> Profile:
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
            raw = self.index.select(name, day, origin)
            key = (name, id(raw))
            if key not in self._profiles:
                extends = raw.manifest.get("extends")
                relates_to = raw.manifest.get("relates_to")
                parent = self._load(extends, day, (*chain, name)) if extends else None
                related, related_ids = (
                    self._related(relates_to, day, (*chain, name)) if relates_to else (None, None)
                )
                assert self._vocabulary is not None
                builder = Builder(
                    raw,
                    parent,
                    self.kinds,
                    self._vocabulary,
                    self._core(),
                    related=related,
                    services=self.services,
                    overrides=self._parameters,
                    overrides_source=self._parameters_source,
                    related_requirements=related_ids,
                )
                self._profiles[key] = builder.build()
            return self._profiles[key]

    def _related(
        self, name: str, day: date, chain: tuple[str, ...]
    ) -> tuple[Profile | None, tuple[str, ...] | None]:
        """The ``relates_to`` profile ``name``, or only its requirement ids (all that a
        profile's baseline needs of it) when the profile cache remembers that it built
        from the very same inputs: building it again would cost as much as the profile
        that relates to it. Either way, a profile whose related profile does not build
        does not build either."""
        cache = self._profile_cache
        digest = None
        if cache is not None and name not in chain:
            digest = self._build_digest(name, day)
            ids = cache.built_requirements(name, digest) if digest is not None else None
            if ids is not None:
                return None, ids
        related = self._load(name, day, chain)
        if cache is not None and digest is not None:
            cache.remember_build(name, digest, (r.id for r in related.requirements))
        return related, None

    def check_loads(self, name: str, day: date) -> None:
        """Raise the :class:`~sheyin.errors.ProfileError` that loading profile ``name`` in
        force on ``day`` raises, if any. With a profile cache, a profile that loaded before
        from the same data, code and settings is not built again (what ``sheyin profiles``
        needs to know; :mod:`sheyin.profile.fingerprint`)."""
        cache = self._profile_cache
        digest = self._build_digest(name, day) if cache is not None else None
        if cache is not None and digest is not None and cache.remembers_build(name, digest):
            return
        built = self.load_profile(name, day)
        if cache is not None and digest is not None:
            cache.remember_build(name, digest, (r.id for r in built.requirements))

    def _build_digest(self, name: str, day: date) -> str | None:
        """The digest of what building ``name`` as on ``day`` depends on, or None."""
        from sheyin.profile.fingerprint import build_digest, shared_digest

        def select(parent: str) -> RawProfile:
            return self.index.select(parent, day)

        with self._lock:
            try:
                raw = select(name)
                core = self._core()
            except SheyinError:
                return None  # building reports it
            if self._shared_digest is None:
                assert self._vocabulary is not None
                plugins = {
                    info.module.partition(":")[0].partition(".")[0]
                    for info in self.plugins.infos
                    if info.error is None and not info.disabled
                }
                self._shared_digest = shared_digest(
                    core=core,
                    parameters=self._parameters,
                    parameters_source=self._parameters_source,
                    kinds=self.kinds,
                    vocabulary=self._vocabulary,
                    services=self.services,
                    code_packages=("sheyin", *plugins),
                )
            return build_digest(raw, select, self._shared_digest)

    def _core(self) -> list[dict[str, Any]]:
        """Core's own requirements, read once."""
        with self._lock:
            if self._core_requirements is None:
                self._core_requirements = core_requirements(self.schemas, self._profile_cache)
            return self._core_requirements

    # --- snapshots and checks -----------------------------------------------------------------

    def snapshot_schema(self, profile: Profile) -> dict[str, Any]:
        """The snapshot JSON Schema with the fields and event types ``profile`` adds."""
        from sheyin.snapshot.parse import snapshot_schema

        return snapshot_schema(self.schemas.schema("snapshot"), profile)

    def parser(self, profile: Profile) -> SnapshotParser:
        """A snapshot parser for ``profile``, built once."""
        from sheyin.snapshot.parse import SnapshotParser

        with self._lock:
            if id(profile) not in self._parsers:
                self._parsers[id(profile)] = SnapshotParser(profile, self.snapshot_schema(profile))
            return self._parsers[id(profile)]

    def check(
        self,
        snapshot: SnapshotSource,
        *,
        profile: ProfileName | None = None,
        as_of: date | None = None,
        lang: str = "zh",
        fallback_profiles: Iterable[Setting[str] | None] = (),
        jobs: int | None = 1,
    ) -> Report:
        """Check a snapshot (a dict, a :class:`~sheyin.documents.Document`, or a TOML/JSON
        file) and return the report.

        The profile is ``profile``, else the snapshot's ``profile`` key, else the first of
        ``fallback_profiles`` (the CLI passes ``SHEYIN_PROFILE`` and sheyin.toml there);
        the date is ``as_of``, else the snapshot's ``as_of``, else today.

        ``jobs`` checks in up to that many processes, whole banks in each (forked: on
        platforms without ``fork``, and while other threads run, in this process); None
        uses the cores available for snapshots of at least
        :data:`~sheyin.engine.jobs.AUTO_MIN_OUTLETS` outlets. The report, and every
        error, are the same whatever ``jobs``. The default, 1, never starts a process.

        Raises :class:`~sheyin.errors.InputError` for malformed input and
        :class:`~sheyin.errors.ProfileError` for an unknown or broken profile.
        """
        _require_jobs(jobs)
        with collector_paused():
            return self._check(snapshot, profile, as_of, lang, fallback_profiles, jobs)

    def _check(
        self,
        snapshot: SnapshotSource,
        profile: ProfileName | None,
        as_of: date | None,
        lang: str,
        fallback_profiles: Iterable[Setting[str] | None],
        jobs: int | None,
    ) -> Report:
        document, loaded, day = self._prepare(snapshot, profile, as_of, fallback_profiles)
        parser = self.parser(loaded)
        workers = jobs_for(jobs, document.data)
        if workers > 1:
            # Imported here: a check in one process (most snapshots) never needs it.
            from sheyin.engine.shard import check_in_shards

            report = check_in_shards(
                document.data,
                document.file,
                parser.parse,
                loaded,
                day,
                self.kinds,
                as_lang(lang),
                self.services,
                workers,
            )
            if report is not None:
                return report
        parsed = parser.parse(document.data, document.file)
        return run_checks(loaded, parsed, day, self.kinds, as_lang(lang), self.services)

    def due(
        self,
        snapshot: SnapshotSource,
        *,
        profile: ProfileName | None = None,
        as_of: date | None = None,
        within: int | None = None,
        subject: str | None = None,
        fallback_profiles: Iterable[Setting[str] | None] = (),
    ) -> Agenda:
        """What falls due in a snapshot: every deadline of the requirements ``check`` enforces.

        Profile and date are chosen as for :meth:`check`. ``within`` keeps what falls due
        in the next ``within`` days (overdue entries always stay); ``subject`` keeps one
        record (``outlets/o1`` or ``o1``) and the records under it.
        """
        with collector_paused():
            loaded, parsed, day = self._read(snapshot, profile, as_of, fallback_profiles)
            return collect_deadlines(
                loaded, parsed, day, self.kinds, self.services, within=within, subject=subject
            )

    def _read(
        self,
        snapshot: SnapshotSource,
        profile: ProfileName | None,
        as_of: date | None,
        fallback_profiles: Iterable[Setting[str] | None] = (),
    ) -> tuple[Profile, Snapshot, date]:
        """The profile, the parsed snapshot and the date a check or a due list works on."""
        document, loaded, day = self._prepare(snapshot, profile, as_of, fallback_profiles)
        return loaded, self.parser(loaded).parse(document.data, document.file), day

    def _prepare(
        self,
        snapshot: SnapshotSource,
        profile: ProfileName | None,
        as_of: date | None,
        fallback_profiles: Iterable[Setting[str] | None] = (),
    ) -> tuple[Document, Profile, date]:
        """The document, the profile and the date, before the snapshot is parsed."""
        document = _document(snapshot)
        choice = choose_profile(document, profile, fallback_profiles)
        day = as_of or snapshot_as_of(document) or date.today()
        loaded = self.load_profile(choice.chosen, day)
        unknown = sorted(set(self._parameters) - set(loaded.parameters))
        if unknown:
            known = ", ".join(sorted(loaded.parameters)) or "-"
            raise InputError(
                tuple(
                    problem(
                        self._parameters_source,
                        pointer("parameters", n),
                        f"规范“{loaded.name}”没有参数“{n}”；可用：{known}",
                        f"profile '{loaded.name}' has no parameter '{n}'; known: {known}",
                    )
                    for n in unknown
                )
            )
        return document, loaded, day

    def parse_snapshot(self, snapshot: SnapshotSource, profile: Profile) -> Snapshot:
        """Parse a snapshot for ``profile`` without checking it."""
        document = _document(snapshot)
        return self.parser(profile).parse(document.data, document.file)


def choose_profile(
    snapshot: SnapshotSource,
    given: ProfileName | None = None,
    fallbacks: Iterable[Setting[str] | None] = (),
) -> ProfileChoice:
    """Which profile checks ``snapshot``: ``given``, else its own ``profile``, else ``fallbacks``."""
    document = _document(snapshot)
    option = Setting(given, Origin.api("profile")) if isinstance(given, str) else given
    own = _own_profile(document)
    candidates = (option, own, *fallbacks)
    chosen = first(*candidates)
    if chosen is None:
        raise InputError(
            (
                problem(
                    document.file,
                    "/profile",
                    "未指定规范：请用 --profile，或在快照中写 profile，或设置 SHEYIN_PROFILE，或用 sheyin init 选择",
                    "no profile given: use --profile, set profile in the snapshot, set SHEYIN_PROFILE, or choose one with sheyin init",
                ),
            )
        )
    _require_name(chosen)
    return ProfileChoice(chosen, overruled(chosen, candidates))


def _own_profile(document: Document) -> Setting[str] | None:
    if "profile" not in document.data:
        return None
    value = document.data["profile"]
    origin = Origin.snapshot(document.file, "/profile")
    if not isinstance(value, str):
        raise InputError(
            (
                origin.problem(
                    Text(
                        f"应为字符串（规范名称），实际为 {literal(value)}",
                        f"expected a string (a profile name), got {literal(value)}",
                    )
                ),
            )
        )
    return Setting(value, origin)


def _require_name(setting: Setting[str]) -> None:
    value: object = setting.value
    if not isinstance(value, str):
        raise InputError(
            (
                setting.origin.problem(
                    Text(
                        f"应为字符串（规范名称），实际为 {literal(value)}",
                        f"expected a string (a profile name), got {literal(value)}",
                    )
                ),
            )
        )
    if not value.strip():
        raise InputError(
            (
                setting.origin.problem(
                    Text("规范名称不能为空", "the profile name must not be empty")
                ),
            )
        )


def _require_jobs(jobs: object) -> None:
    if jobs is None or (isinstance(jobs, int) and not isinstance(jobs, bool) and jobs >= 1):
        return
    raise InputError(
        (
            Origin.api("jobs").problem(
                Text(
                    f"应为正整数（进程数）或 None，实际为 {literal(jobs)}",
                    f"expected a positive integer (processes) or None, got {literal(jobs)}",
                )
            ),
        )
    )


def _document(source: object) -> Document:
    """The snapshot as a document; anything but a mapping, path or document is an input error."""
    if isinstance(source, Document):
        return source
    if isinstance(source, Mapping):
        return Document(check_document(source, "<snapshot>"), "<snapshot>")
    if isinstance(source, (str, Path)):
        return read_document(source, allow_stdin=False)
    return Document(check_document(source, "<snapshot>"), "<snapshot>")  # refused there


def snapshot_as_of(document: Document) -> date | None:
    """The snapshot's ``as_of``, checked before the schema because the profile version depends on it."""
    value = document.data.get("as_of")
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateError as exc:
        raise InputError(
            (Origin.snapshot(document.file, "/as_of").problem(date_problem(value, exc)),)
        ) from None


def check(
    snapshot: SnapshotSource,
    *,
    profile: ProfileName | None = None,
    as_of: date | None = None,
    lang: Lang = "zh",
    jobs: int | None = 1,
) -> Report:
    """Check a snapshot with a fresh :class:`Sheyin` (no state is kept between calls)."""
    return Sheyin().check(snapshot, profile=profile, as_of=as_of, lang=lang, jobs=jobs)


def due(
    snapshot: SnapshotSource,
    *,
    profile: ProfileName | None = None,
    as_of: date | None = None,
    within: int | None = None,
    subject: str | None = None,
) -> Agenda:
    """List what falls due in a snapshot with a fresh :class:`Sheyin`."""
    return Sheyin().due(snapshot, profile=profile, as_of=as_of, within=within, subject=subject)


def load_profile(name: ProfileName, as_of: date | None = None) -> Profile:
    """Load a profile with a fresh :class:`Sheyin`."""
    return Sheyin().load_profile(name, as_of)

"""Loading profiles: read → schema-validate → resolve names → structure → layer on ``extends``.

Every problem names the plugin's file and the key path, and is raised before any
snapshot is checked: a profile either loads whole or not at all.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from sheyin import _toml
from sheyin.errors import Problem, ProfileError, pointer, problem
from sheyin.i18n import Text
from sheyin.packagefiles import package_files
from sheyin.plugin.manager import PluginInfo, SourceInfo
from sheyin.plugin.types import CheckKind
from sheyin.profile.cache import ProfileCache
from sheyin.profile.model import (
    MODAL_SEVERITY,
    BaselineRelation,
    Catalogue,
    CatalogueItem,
    Check,
    Document,
    Form,
    Lifecycle,
    Parameter,
    Profile,
    Requirement,
    State,
    Transition,
)
from sheyin.profile.structure import Structurer
from sheyin.schemas import SchemaStore, problems, to_jsonable
from sheyin.vocabulary import DOMAINS, Domain, Vocabulary, terms_from_table

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

# data file → (schema it follows, whether a profile must have it)
FILES: Mapping[str, tuple[str, bool]] = MappingProxyType(
    {
        "profile.toml": ("profile", True),
        "requirements.toml": ("profile-requirements", True),
        "catalogue.toml": ("profile-catalogue", False),
        "lifecycle.toml": ("profile-lifecycle", False),
        "forms.toml": ("profile-forms", False),
    }
)


@frozen
class RawProfile:
    """A profile's validated documents, not yet resolved or layered."""

    name: str
    label: str  # how errors name the data folder: "<distribution>:<name>"
    plugin: PluginInfo
    documents: Mapping[str, Any]  # file name → validated document (JSON types)
    templates: Mapping[str, str] = MappingProxyType({})  # data/templates/: file name → text
    digest: str | None = None  # the profile cache's key of the documents, when there is one

    @property
    def manifest(self) -> Mapping[str, Any]:
        """The contents of profile.toml."""
        return self.documents["profile.toml"]  # type: ignore[no-any-return]

    def file(self, name: str) -> str:
        """How errors name one of this profile's files."""
        return f"{self.label}/{name}"

    def valid_on(self, day: date) -> bool:
        """True when this version of the profile is in force on ``day``."""
        start, end = self.manifest.get("valid_from"), self.manifest.get("valid_to")
        return (start is None or date.fromisoformat(start) <= day) and (
            end is None or day <= date.fromisoformat(end)
        )


def read_document(text: str, file: str) -> Any:
    """Parse TOML text, naming the file and position of a syntax error."""
    try:
        return to_jsonable(_toml.loads(text))
    except _toml.TOMLDecodeError as exc:
        raise ProfileError(
            (problem(file, "", f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}"),)
        ) from None


def read_source(
    info: SourceInfo, schemas: SchemaStore, cache: ProfileCache | None = None
) -> RawProfile:
    """Read and schema-validate every data file of one profile source.

    With a ``cache``, documents found valid before, from the same bytes under the same
    schemas, are taken from it instead of being parsed and validated again.
    """
    label = f"{info.plugin.distribution or info.plugin.module}:{info.source.name}"
    contents = {name: _read_bytes(info.source.data / name) for name in FILES}
    key = _cache_key(cache, contents, schemas)
    documents = cache.get(label, key) if cache is not None and key is not None else None
    if documents is None or set(documents) != {n for n, c in contents.items() if c is not None}:
        documents = _validated(label, contents, schemas)
        if cache is not None and key is not None:
            cache.put(label, key, documents)
    raw = RawProfile(
        name=info.source.name,
        label=label,
        plugin=info.plugin,
        documents=documents,
        templates=MappingProxyType(
            read_templates(info.source.data / TEMPLATES, f"{label}/{TEMPLATES}")
        ),
        digest=key,
    )
    if raw.manifest["name"] != info.source.name:
        raise ProfileError(
            (
                problem(
                    raw.file("profile.toml"),
                    "/name",
                    f"名称“{raw.manifest['name']}”与插件注册的名称“{info.source.name}”不一致",
                    f"name '{raw.manifest['name']}' differs from the registered name '{info.source.name}'",
                ),
            )
        )
    return raw


def _read_bytes(path: Traversable) -> bytes | OSError | None:
    """A data file's bytes, None when there is no such file, or the error reading it."""
    if not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


def _cache_key(
    cache: ProfileCache | None,
    contents: Mapping[str, bytes | OSError | None],
    schemas: SchemaStore,
) -> str | None:
    """The cache key of a source's files, or None when there is no cache or a file is
    missing or unreadable (its error is then reported by :func:`_validated`)."""
    if cache is None:
        return None
    files: dict[str, bytes] = {}
    for name, content in contents.items():
        if (content is None and FILES[name][1]) or isinstance(content, OSError):
            return None
        if content is not None:
            files[name] = content
    try:
        used = {FILES[name][0]: schemas.source(FILES[name][0]) for name in files}
    except OSError:
        return None
    return cache.key(files, used)


def _validated(
    label: str, contents: Mapping[str, bytes | OSError | None], schemas: SchemaStore
) -> dict[str, Any]:
    """The documents of a source's files, each parsed and checked against its schema."""
    documents: dict[str, Any] = {}
    for file_name, (schema_name, required) in FILES.items():
        content = contents[file_name]
        where = f"{label}/{file_name}"
        if content is None:
            if required:
                raise ProfileError(
                    (problem(where, "", "缺少必需的数据文件", "required data file is missing"),)
                )
            continue
        try:
            text = _text(content)
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(
                (problem(where, "", f"无法读取：{exc}", f"cannot be read: {exc}"),)
            ) from None
        document = read_document(text, where)
        found = problems(schemas.validator(schema_name), document, where)
        if found:
            raise ProfileError(found)
        documents[file_name] = document
    return documents


def _text(content: bytes | OSError) -> str:
    """The text of a file's bytes, decoded as ``Path.read_text("utf-8")`` decodes it."""
    if isinstance(content, OSError):
        raise content
    with io.TextIOWrapper(io.BytesIO(content), encoding="utf-8") as text:
        return text.read()


TEMPLATES = "templates"


def read_templates(folder: Traversable, where: str) -> dict[str, str]:
    """The form templates a profile ships (HTML layouts, SVG drawings), by file name."""
    if not folder.is_dir():
        return {}
    found: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.is_file():
            try:
                found[entry.name] = entry.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ProfileError(
                    (
                        problem(
                            f"{where}/{entry.name}",
                            "",
                            f"无法读取：{exc}",
                            f"cannot be read: {exc}",
                        ),
                    )
                ) from None
    return found


def core_requirements(
    schemas: SchemaStore, cache: ProfileCache | None = None
) -> list[dict[str, Any]]:
    """Core's own requirements (identifier standards), applied under every root profile."""
    name = "core_requirements.toml"
    content = (package_files("sheyin") / "data" / name).read_bytes()
    where = f"sheyin:core/{name}"
    key = None
    if cache is not None:
        key = cache.key({name: content}, {"schema": schemas.source("profile-requirements")})
        cached = cache.get(where, key)
        if cached is not None and isinstance(cached.get(name), dict):
            return list(cached[name]["requirements"])
    document = read_document(_text(content), where)
    found = problems(schemas.validator("profile-requirements"), document, where)
    if found:
        raise ProfileError(found)
    if cache is not None and key is not None:
        cache.put(where, key, {name: document})
    return list(document["requirements"])


CORE_DOCUMENTS = (
    Document(id="gb11643", title="GB 11643-1999《公民身份号码》", kind="national-standard"),
    Document(
        id="gb32100",
        title="GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
        kind="national-standard",
    ),
)


class Builder:
    """Turns one raw profile, layered on its loaded parent, into a :class:`Profile`."""

    def __init__(
        self,
        raw: RawProfile,
        parent: Profile | None,
        kinds: Mapping[str, CheckKind],
        base_vocabulary: Vocabulary,
        core: Sequence[Mapping[str, Any]],
        related: Profile | None = None,
        services: Collection[str] = (),
        overrides: Mapping[str, Any] | None = None,
        overrides_source: str = "sheyin.toml",
        related_requirements: Collection[str] | None = None,
    ) -> None:
        """``related`` is the ``relates_to`` profile; when it is known to build (the profile
        cache remembers it), ``related_requirements``, the ids of its requirements, stand
        for it, since the baseline needs nothing else of it."""
        # Plain data is structured directly; cattrs (and the functions it generates) loads
        # only for the rest (sheyin.profile.structure).
        self.structurer = Structurer()
        self.raw = raw
        # A workspace's [parameters] in sheyin.toml: values for parameters the profile declares.
        self.overrides: Mapping[str, Any] = overrides or {}
        self.overrides_source = overrides_source
        self.parent = parent
        self.related = related  # the relates_to profile: compared with, not inherited
        self.related_requirements: frozenset[str] | None = None
        if related is not None:
            self.related_requirements = frozenset(r.id for r in related.requirements)
        elif related_requirements is not None:
            self.related_requirements = frozenset(related_requirements)
        self.services = frozenset(services)
        self.kinds = kinds
        self.core = core
        self.base_vocabulary = base_vocabulary
        self.problems: list[Problem] = []
        # Requirements that were declared but failed to build: references to them are
        # not reported again as "no such requirement", which would mislead.
        self.unbuilt: set[str] = set()

    def fail(self, file: str, where: str, zh: str, en: str) -> None:
        """Record one problem; the build raises them all at the end."""
        self.problems.append(problem(self.raw.file(file), where, zh, en))

    def build(self) -> Profile:
        """The merged profile, or a :class:`ProfileError` listing every problem found."""
        manifest = self.raw.manifest
        vocabulary = self._vocabulary()
        parameters = self._parameters()
        documents = self._documents()
        requirements = self._requirements(vocabulary, parameters, documents)
        lifecycles = self._lifecycles(vocabulary, requirements)
        catalogues = self._catalogues()
        forms = self._forms()
        baseline = self._baseline(requirements)
        if self.problems:
            raise ProfileError(tuple(self.problems))
        fields = manifest.get("fields", {})
        inherited_fields = self.parent.fields if self.parent else {}
        inherited_events = self.parent.event_fields if self.parent else {}
        return Profile(
            name=self.raw.name,
            title=manifest["title"],
            title_en=manifest["title_en"],
            region=manifest.get("region"),
            extends=manifest.get("extends"),
            relates_to=manifest.get("relates_to"),
            valid_from=_date(manifest.get("valid_from")),
            valid_to=_date(manifest.get("valid_to")),
            documents=documents,
            vocabulary=vocabulary,
            requirements=requirements,
            outlet_kinds=tuple(
                vocabulary.resolve("outlet_kinds", k) or k for k in manifest.get("outlet_kinds", ())
            )
            or (self.parent.outlet_kinds if self.parent else ()),
            parameters=MappingProxyType(parameters),
            catalogues=catalogues,
            inherited_catalogues=(
                tuple(
                    c
                    for c in (*self.parent.catalogues, *self.parent.inherited_catalogues)
                    if c not in catalogues
                )
                if self.parent
                else ()
            ),
            lifecycles=MappingProxyType(lifecycles),
            forms=forms,
            templates=MappingProxyType(self._templates()),
            baseline=baseline,
            fields=MappingProxyType(
                {
                    record: MappingProxyType(
                        {**inherited_fields.get(record, {}), **fields.get(record, {})}
                    )
                    for record in ("department", "bank", "partnership", "outlet", "staff")
                }
            ),
            event_fields=MappingProxyType(
                {
                    t: MappingProxyType(
                        {**inherited_events.get(t, {}), **fields.get("events", {}).get(t, {})}
                    )
                    for t in {*inherited_events, *fields.get("events", {})}
                }
            ),
            distribution=self.raw.plugin.distribution,
            version=self.raw.plugin.version,
        )

    # --- parts --------------------------------------------------------------------------------

    def _vocabulary(self) -> Vocabulary:
        base = self.parent.vocabulary if self.parent else self.base_vocabulary
        terms = terms_from_table(self.raw.manifest.get("vocabulary", {}))
        return base.extended(terms)

    def _parameters(self) -> dict[str, Parameter]:
        inherited = dict(self.parent.parameters) if self.parent else {}
        own = {
            name: Parameter(name=name, **spec)
            for name, spec in self.raw.manifest.get("parameters", {}).items()
        }
        merged = {**inherited, **own}
        for name, value in self.overrides.items():
            parameter = merged.get(name)
            if parameter is None:
                continue  # the application reports names the profile does not declare
            if not _fits(parameter.value, value):
                self.problems.append(
                    problem(
                        self.overrides_source,
                        pointer("parameters", name),
                        f"参数“{name}”应为{_kind_zh(parameter.value)}，而不是 {value!r}",
                        f"parameter '{name}' should be {_kind_en(parameter.value)}, not {value!r}",
                    )
                )
                continue
            merged[name] = attrs.evolve(parameter, value=value)
        return merged

    def _documents(self) -> tuple[Document, ...]:
        own = tuple(self.structurer.structure(d, Document) for d in self.raw.manifest["documents"])
        inherited = self.parent.documents if self.parent else CORE_DOCUMENTS
        taken = {d.id for d in inherited}
        for position, document in enumerate(own):
            if document.id in taken:
                self.fail(
                    "profile.toml",
                    pointer("documents", position, "id"),
                    f"文件标识“{document.id}”已被所扩展的规范使用",
                    f"document id '{document.id}' is already used by the extended profile",
                )
        return own + inherited

    def _requirements(
        self,
        vocabulary: Vocabulary,
        parameters: Mapping[str, Parameter],
        documents: tuple[Document, ...],
    ) -> tuple[Requirement, ...]:
        own_file = "requirements.toml"
        default_document = self.raw.manifest["documents"][0]["id"]
        document_ids = {d.id for d in documents}
        own: list[Requirement] = []
        seen: set[str] = set()
        entries = list(enumerate(self.raw.documents[own_file]["requirements"]))
        for position, entry in entries:
            where = pointer("requirements", position)
            if not entry["id"].startswith(self.raw.name + "."):
                self.fail(
                    own_file,
                    where + "/id",
                    f"要求标识应以“{self.raw.name}.”开头",
                    f"requirement ids must start with '{self.raw.name}.'",
                )
            built = self._requirement(
                entry, own_file, where, vocabulary, parameters, default_document, document_ids
            )
            if built is None:
                self.unbuilt.add(entry["id"])
                continue
            if built.id in seen:
                self.fail(
                    own_file,
                    where + "/id",
                    f"要求标识“{built.id}”重复",
                    f"duplicate requirement id '{built.id}'",
                )
            seen.add(built.id)
            own.append(built)
        if self.parent is None:
            core = [
                self._requirement(
                    e,
                    "core_requirements.toml",
                    pointer("requirements", i),
                    vocabulary,
                    parameters,
                    "gb11643",
                    {"gb11643", "gb32100"},
                )
                for i, e in enumerate(self.core)
            ]
            inherited = tuple(attrs.evolve(r, profile="core") for r in core if r is not None)
        else:
            superseded = {
                b["requirement"]
                for b in self.raw.manifest.get("baseline", ())
                if b["relation"] in ("tightens", "relaxes", "replaces")
            }
            inherited = tuple(
                self._rebuilt(r, vocabulary, parameters)
                for r in self.parent.requirements
                if r.id not in superseded
            )
        clashes = seen & {r.id for r in inherited}
        for clash in sorted(clashes):
            self.fail(
                own_file,
                "/requirements",
                f"要求标识“{clash}”与所扩展规范重复",
                f"requirement id '{clash}' clashes with the extended profile",
            )
        return tuple(own) + inherited

    def _rebuilt(
        self, requirement: Requirement, vocabulary: Vocabulary, parameters: Mapping[str, Parameter]
    ) -> Requirement:
        """An inherited requirement whose check reads this profile's parameter values."""
        if requirement.check is None or not (self.raw.manifest.get("parameters") or self.overrides):
            return requirement
        where = f"(inherited {requirement.id})/check"
        check = self._check(requirement.check.spec, "profile.toml", where, vocabulary, parameters)
        return attrs.evolve(requirement, check=check) if check else requirement

    def _requirement(
        self,
        entry: Mapping[str, Any],
        file: str,
        where: str,
        vocabulary: Vocabulary,
        parameters: Mapping[str, Parameter],
        default_document: str,
        document_ids: set[str],
    ) -> Requirement | None:
        modal = entry["modal"]
        severity = entry.get("severity") or MODAL_SEVERITY.get(modal)
        if severity is None:
            self.fail(
                file,
                where + "/severity",
                f"情态动词为“{modal}”时须给出 severity",
                f"modal '{modal}' needs an explicit severity",
            )
            return None
        if (
            entry.get("severity")
            and entry["severity"] != MODAL_SEVERITY.get(modal)
            and not entry.get("interpretation")
        ):
            self.fail(
                file,
                where + "/interpretation",
                "改变情态动词所对应的严重程度时须在 interpretation 中说明理由",
                "overriding the severity the modal verb gives needs an interpretation",
            )
        document = entry.get("document", default_document)
        if document not in document_ids:
            self.fail(
                file,
                where + "/document",
                f"未声明的文件标识“{document}”",
                f"undeclared document id '{document}'",
            )
        check = None
        if "check" in entry:
            check = self._check(entry["check"], file, where + "/check", vocabulary, parameters)
            if check is None:
                return None
        message = entry.get("message")
        return Requirement(
            id=entry["id"],
            clause=entry["clause"],
            document=document,
            title=entry["title"],
            title_en=entry.get("title_en"),
            text=entry["text"],
            modal=modal,
            severity=severity,
            check=check,
            manual=entry.get("manual"),
            interpretation=entry.get("interpretation"),
            message=Text(zh=message["zh"], en=message["en"]) if message else None,
            dimension=entry.get("dimension"),
            profile=self.raw.name,
        )

    def _check(
        self,
        spec: Mapping[str, Any],
        file: str,
        where: str,
        vocabulary: Vocabulary,
        parameters: Mapping[str, Parameter],
    ) -> Check | None:
        kind = self.kinds.get(spec["kind"])
        if kind is None:
            known = ", ".join(sorted(self.kinds))
            self.fail(
                file,
                where + "/kind",
                f"未知的核查方式“{spec['kind']}”；可用：{known}",
                f"unknown check kind '{spec['kind']}'; known: {known}",
            )
            return None
        raw_params = {k: v for k, v in spec.items() if k != "kind"}
        before = len(self.problems)
        substituted = self._substitute(raw_params, parameters, file, where)
        resolved = self._resolve_terms(kind, substituted, vocabulary, file, where)
        if len(self.problems) > before:
            return None  # structuring unresolved names would only repeat the problem
        try:
            params: Any = self.structurer.structure(resolved, kind.params)
        except Exception as exc:
            for message in _cattrs_messages(exc):
                self.fail(
                    file,
                    where,
                    f"核查参数不正确：{message}",
                    f"invalid check parameters: {message}",
                )
            return None
        return Check(kind=kind.name, params=params, spec=MappingProxyType(dict(spec)))

    def _substitute(
        self, value: Any, parameters: Mapping[str, Parameter], file: str, where: str
    ) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            parameter = parameters.get(value[1:])
            if parameter is None:
                self.fail(
                    file, where, f"未定义的参数“{value[1:]}”", f"undefined parameter '{value[1:]}'"
                )
                return value
            return parameter.value
        if isinstance(value, Mapping):
            return {
                k: self._substitute(v, parameters, file, f"{where}/{k}") for k, v in value.items()
            }
        if isinstance(value, list):
            return [
                self._substitute(v, parameters, file, f"{where}/{i}") for i, v in enumerate(value)
            ]
        return value

    def _resolve_terms(
        self, kind: CheckKind, params: dict[str, Any], vocabulary: Vocabulary, file: str, where: str
    ) -> dict[str, Any]:
        resolved = dict(params)
        for spec_field in attrs.fields(kind.params):
            if spec_field.name not in params:
                continue
            domain = spec_field.metadata.get("domain") or params.get(
                spec_field.metadata.get("domain_from", "")
            )
            if domain not in DOMAINS:
                continue
            resolved[spec_field.name] = self._resolve_value(
                params[spec_field.name], domain, vocabulary, file, f"{where}/{spec_field.name}"
            )
        return resolved

    def _resolve_value(
        self, value: Any, domain: Domain, vocabulary: Vocabulary, file: str, where: str
    ) -> Any:
        if isinstance(value, list):
            return [
                self._resolve_value(v, domain, vocabulary, file, f"{where}/{i}")
                for i, v in enumerate(value)
            ]
        if not isinstance(value, str):
            return value
        term_id = vocabulary.resolve(domain, value)
        if term_id is None:
            self.fail(file, where, f"未知的名称“{value}”", f"unknown name '{value}'")
            return value
        return term_id

    def _lifecycles(
        self, vocabulary: Vocabulary, requirements: tuple[Requirement, ...]
    ) -> dict[str, Lifecycle]:
        machines = dict(self.parent.lifecycles) if self.parent else {}
        document = self.raw.documents.get("lifecycle.toml", {})
        lifecycle_requirements = {
            r.id for r in requirements if r.check and r.check.kind == "lifecycle"
        }
        for subject, spec in document.items():
            where = pointer(subject)
            states = tuple(State(**s) for s in spec["states"])
            state_ids = {s.id for s in states}
            transitions = []
            for position, t in enumerate(spec["transitions"]):
                at = f"{where}/transitions/{position}"
                event = vocabulary.resolve("event_types", t["event"])
                if event is None:
                    self.fail(
                        "lifecycle.toml",
                        at + "/event",
                        f"未知的事件类型“{t['event']}”",
                        f"unknown event type '{t['event']}'",
                    )
                    continue
                for state in (*t["from"], *([t["to"]] if "to" in t else [])):
                    if state not in state_ids:
                        self.fail(
                            "lifecycle.toml",
                            at,
                            f"未声明的状态“{state}”",
                            f"undeclared state '{state}'",
                        )
                if (
                    t["requirement"] not in lifecycle_requirements
                    and t["requirement"] not in self.unbuilt
                ):
                    self.fail(
                        "lifecycle.toml",
                        at + "/requirement",
                        f"“{t['requirement']}”不是以 lifecycle 方式核查的要求",
                        f"'{t['requirement']}' is not a requirement checked by kind lifecycle",
                    )
                transitions.append(
                    Transition(
                        event=event,
                        from_=tuple(t["from"]),
                        to=t.get("to"),
                        when=MappingProxyType(dict(t.get("when", {}))),
                        partnership=tuple(t.get("partnership", ())),
                        requirement=t["requirement"],
                    )
                )
            for state in (spec["initial"], *spec.get("active", ()), *spec.get("ended", ())):
                if state not in state_ids:
                    self.fail(
                        "lifecycle.toml",
                        where,
                        f"未声明的状态“{state}”",
                        f"undeclared state '{state}'",
                    )
            machines[subject] = Lifecycle(
                subject=subject,
                states=states,
                initial=spec["initial"],
                active=tuple(spec.get("active", ())),
                ended=tuple(spec.get("ended", ())),
                transitions=tuple(transitions),
            )
        return machines

    def _catalogues(self) -> tuple[Catalogue, ...]:
        document = self.raw.documents.get("catalogue.toml")
        if document is None:
            return self.parent.catalogues if self.parent else ()
        inherited = {c.id: c for c in self.parent.catalogues} if self.parent else {}
        built = []
        for position, spec in enumerate(document["catalogues"]):
            where = pointer("catalogues", position)
            items = tuple(
                self.structurer.structure(i, CatalogueItem) for i in spec.get("items", ())
            )
            if "base" in spec:
                base = inherited.get(spec["base"])
                if base is None:
                    self.fail(
                        "catalogue.toml",
                        where + "/base",
                        f"所扩展规范中没有目录“{spec['base']}”",
                        f"the extended profile has no catalogue '{spec['base']}'",
                    )
                    continue
                items = self._narrow(base, spec, where) + items
            for index, item in enumerate(spec.get("items", ())):
                if "service" in item and item["service"] not in self.services:
                    self.fail(
                        "catalogue.toml",
                        f"{where}/items/{index}/service",
                        f"未知的标准服务标识“{item['service']}”（见 sheyin/data/services.toml）",
                        f"unknown canonical service '{item['service']}' (see sheyin/data/services.toml)",
                    )
            ids = [i.id for i in items]
            for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
                self.fail(
                    "catalogue.toml",
                    where,
                    f"事项标识“{duplicate}”重复",
                    f"duplicate item id '{duplicate}'",
                )
            built.append(
                Catalogue(
                    id=spec["id"],
                    title=spec["title"],
                    items=items,
                    clause=spec.get("clause"),
                    document=spec.get("document"),
                    valid_from=_date(spec.get("valid_from")),
                    valid_to=_date(spec.get("valid_to")),
                )
            )
        return tuple(built)

    def _narrow(
        self, base: Catalogue, spec: Mapping[str, Any], where: str
    ) -> tuple[CatalogueItem, ...]:
        include = spec.get("include")
        levels = spec.get("levels", {})
        for item_id in [*(include or ()), *levels]:
            if base.item(item_id) is None:
                self.fail(
                    "catalogue.toml",
                    where,
                    f"基础目录中没有事项“{item_id}”",
                    f"the base catalogue has no item '{item_id}'",
                )
        kept = [i for i in base.items if include is None or i.id in include]
        narrowed = []
        for item in kept:
            level = levels.get(item.id)
            if level == "complete" and item.level == "accept":
                self.fail(
                    "catalogue.toml",
                    where + "/levels",
                    f"事项“{item.id}”只能收窄办理权限，不能放宽",
                    f"item '{item.id}' may only be narrowed, not widened",
                )
            narrowed.append(attrs.evolve(item, level=level) if level else item)
        return tuple(narrowed)

    def _forms(self) -> tuple[Form, ...]:
        inherited = {f.id: f for f in self.parent.forms} if self.parent else {}
        document = self.raw.documents.get("forms.toml", {"forms": []})
        own = {spec["id"]: self.structurer.structure(spec, Form) for spec in document["forms"]}
        templates = self._templates()
        for index, form in enumerate(own.values()):
            self._check_form_layout(form, index, templates)
        return tuple({**inherited, **own}.values())

    def _templates(self) -> dict[str, str]:
        return {**(self.parent.templates if self.parent else {}), **self.raw.templates}

    def _check_form_layout(self, form: Form, index: int, templates: Mapping[str, str]) -> None:
        """A layout names only the form's own fields and templates the profile ships."""
        where = f"/forms/{index}"
        for key in ("template", "drawing"):
            name = getattr(form, key)
            if name is not None and name not in templates:
                self.fail(
                    "forms.toml",
                    f"{where}/{key}",
                    f"表单 {form.id} 的模板“{name}”不在 {TEMPLATES}/ 中",
                    f"form {form.id}: template '{name}' is not in {TEMPLATES}/",
                )
        for number, block in enumerate(form.blocks):
            for field_id in block.named_fields():
                if form.find_field(field_id) is None:
                    self.fail(
                        "forms.toml",
                        f"{where}/blocks/{number}",
                        f"表单 {form.id} 没有字段“{field_id}”",
                        f"form {form.id} has no field '{field_id}'",
                    )
        if form.rows is not None and form.rows.totals is not None:
            ids = {f.id for f in form.rows.fields}
            for field_id in (form.rows.totals.at, *form.rows.totals.sum):
                if field_id not in ids:
                    self.fail(
                        "forms.toml",
                        f"{where}/rows/totals",
                        f"表单 {form.id} 的行中没有字段“{field_id}”",
                        f"form {form.id} has no row field '{field_id}'",
                    )

    def _baseline(self, requirements: tuple[Requirement, ...]) -> tuple[BaselineRelation, ...]:
        entries = self.raw.manifest.get("baseline", ())
        if self.parent is not None and self.related_requirements is not None:
            self.fail(
                "profile.toml",
                "/relates_to",
                "extends 与 relates_to 只能给出其一",
                "give extends or relates_to, not both",
            )
            return ()
        if self.parent is not None:
            reference: Collection[str] | None = {r.id for r in self.parent.requirements}
        else:
            reference = self.related_requirements
        if entries and reference is None:
            self.fail(
                "profile.toml",
                "/baseline",
                "未声明 extends 或 relates_to 时不能给出 baseline",
                "baseline needs extends or relates_to",
            )
            return ()
        relations = []
        own_ids = {r.id for r in requirements if r.profile == self.raw.name}
        parent_ids = reference or set()
        for position, entry in enumerate(entries):
            where = pointer("baseline", position)
            if entry["requirement"] not in parent_ids:
                self.fail(
                    "profile.toml",
                    where + "/requirement",
                    f"基准规范中没有要求“{entry['requirement']}”",
                    f"the baseline profile has no requirement '{entry['requirement']}'",
                )
            if entry["relation"] in ("replaces", "tightens") and not entry.get("by"):
                self.fail(
                    "profile.toml",
                    where + "/by",
                    f"relation = {entry['relation']} 须在 by 中列出本规范的对应要求",
                    f"relation {entry['relation']} needs by: this profile's requirements that carry it",
                )
            for by in entry.get("by", ()):
                if by not in own_ids and by not in self.unbuilt:
                    self.fail(
                        "profile.toml",
                        where + "/by",
                        f"本规范中没有要求“{by}”",
                        f"this profile has no requirement '{by}'",
                    )
            relations.append(self.structurer.structure(entry, BaselineRelation))
        return tuple(relations)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _cattrs_messages(exc: Exception) -> Iterable[str]:
    from cattrs import ClassValidationError, IterableValidationError, transform_error

    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        return transform_error(exc)
    return [str(exc)]


def _fits(default: Any, value: Any) -> bool:
    """True when a workspace value may replace a parameter's ``default`` (same kind of value)."""
    if default is None:  # the source gives no figure: any number, text or flag the kind takes
        return isinstance(value, (int, float, str, bool))
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, str)


def _kind_zh(default: Any) -> str:
    if isinstance(default, bool):
        return "true 或 false"
    if isinstance(default, int):
        return "整数"
    if isinstance(default, float):
        return "数值"
    return "文本"


def _kind_en(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number"
    if isinstance(default, float):
        return "a number"
    return "text"

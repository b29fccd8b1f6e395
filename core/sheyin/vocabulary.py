"""Canonical terms (zones, equipment, posts, ...) and the names users may type for them.

Inputs may say ``"受理区"`` or ``"acceptance"``; both resolve to the canonical id.
Core ships the shared terms (``data/vocabulary.toml``); a profile adds its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal, get_args

from attrs import field, frozen

from sheyin.i18n import Lang, Text

Domain = Literal[
    "outlet_kinds", "zones", "equipment", "facilities", "posts", "permissions", "event_types"
]
DOMAINS: tuple[Domain, ...] = get_args(Domain)

DOMAIN_NAMES: Mapping[Domain, Text] = MappingProxyType(
    {
        "outlet_kinds": Text("网点类型", "outlet kind"),
        "zones": Text("功能区", "zone"),
        "equipment": Text("设备", "equipment"),
        "facilities": Text("设施物品", "facility"),
        "posts": Text("岗位", "post"),
        "permissions": Text("权限", "permission"),
        "event_types": Text("事件类型", "event type"),
    }
)


@frozen
class Term:
    """One canonical term: its id, Chinese and English names, and other accepted spellings."""

    domain: Domain
    id: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: Lang) -> str:
        """The term's name in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def names(self) -> tuple[str, ...]:
        """Every spelling that resolves to this term, the id first."""
        return (self.id, self.zh, *self.aliases)


def terms_from_table(table: Mapping[str, Any]) -> list[Term]:
    """Terms from a vocabulary table as TOML writes it: ``[<domain>.<id>] zh = … en = … aliases = […]``."""
    return [
        Term(
            domain=domain,
            id=term_id,
            zh=term["zh"],
            en=term["en"],
            aliases=tuple(term.get("aliases", ())),
        )
        for domain in DOMAINS
        for term_id, term in table.get(domain, {}).items()
    ]


def _index(terms: Mapping[str, Term]) -> Mapping[str, str]:
    index: dict[str, str] = {}
    for term in terms.values():
        for name in term.names():
            index.setdefault(name, term.id)
            index.setdefault(name.casefold(), term.id)
    return MappingProxyType(index)


@frozen
class Vocabulary:
    """An immutable set of terms per domain, with lookup by any accepted name."""

    terms: Mapping[Domain, Mapping[str, Term]]
    _names: Mapping[Domain, Mapping[str, str]] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = {domain: _index(self.terms.get(domain, {})) for domain in DOMAINS}
        object.__setattr__(self, "_names", MappingProxyType(names))

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Vocabulary:
        """Build a vocabulary from terms; a later term with the same id replaces an earlier one."""
        by_domain: dict[Domain, dict[str, Term]] = {domain: {} for domain in DOMAINS}
        for term in terms:
            by_domain[term.domain][term.id] = term
        return cls(MappingProxyType({d: MappingProxyType(t) for d, t in by_domain.items()}))

    def extended(self, terms: Iterable[Term]) -> Vocabulary:
        """Return a new vocabulary with ``terms`` added (replacing terms of the same id)."""
        return Vocabulary.of([*self.all_terms(), *terms])

    def all_terms(self) -> tuple[Term, ...]:
        """Every term of every domain."""
        return tuple(term for domain in DOMAINS for term in self.terms.get(domain, {}).values())

    def resolve(self, domain: Domain, name: str) -> str | None:
        """The canonical id for ``name`` in ``domain``, or None when no term has that name."""
        names = self._names[domain]
        return names.get(name) or names.get(name.strip().casefold())

    def term(self, domain: Domain, term_id: str) -> Term | None:
        """The term with canonical id ``term_id``."""
        return self.terms.get(domain, {}).get(term_id)

    def label(self, domain: Domain, term_id: str, lang: Lang) -> str:
        """The display name of ``term_id``, or the id itself for an unknown one."""
        term = self.term(domain, term_id)
        return term.label(lang) if term else term_id

    def ids(self, domain: Domain) -> tuple[str, ...]:
        """Every canonical id of ``domain``."""
        return tuple(self.terms.get(domain, {}))

    def suggest(self, domain: Domain, name: str) -> str | None:
        """The closest accepted name to a mistyped ``name``, if any is close."""
        import difflib  # only a mistyped name needs it

        matches = difflib.get_close_matches(name, list(self._names[domain]), n=1, cutoff=0.6)
        return matches[0] if matches else None

    def other_domain(self, domain: Domain, name: str) -> Domain | None:
        """The domain ``name`` belongs to when it was put under the wrong one."""
        for other in DOMAINS:
            if other != domain and self.resolve(other, name) is not None:
                return other
        return None


@frozen
class Origin:
    """A term of a vocabulary and the layer that gave it its present names."""

    term: Term
    source: str  # "core", a plugin's entry-point name, or a profile's name

    def to_dict(self) -> dict[str, Any]:
        """As ``sheyin vocabulary --format json`` prints it."""
        return {
            "domain": self.term.domain,
            "id": self.term.id,
            "zh": self.term.zh,
            "en": self.term.en,
            "aliases": list(self.term.aliases),
            "source": self.source,
        }


def origins(layers: Iterable[tuple[str, Iterable[Term]]]) -> tuple[Origin, ...]:
    """Every term after stacking ``layers`` (base first), each with the layer that last changed it.

    A layer that repeats a term unchanged does not take it over: the term keeps the
    source that introduced it.
    """
    current: dict[tuple[Domain, str], Origin] = {}
    for source, terms in layers:
        for term in terms:
            key = (term.domain, term.id)
            if key not in current or current[key].term != term:
                current[key] = Origin(term, source)
    order = {domain: i for i, domain in enumerate(DOMAINS)}
    return tuple(sorted(current.values(), key=lambda o: order[o.term.domain]))

"""What a profile's build depends on, as one digest: the key under which the profile cache
remembers that a profile loaded.

``sheyin profiles`` lists a profile as available only once it builds (every check kind,
parameter, term and transition resolves), and building every installed profile costs
more than everything else the command does. The build is a function of:

- the validated data of the profile and of every profile it extends or relates to
  (their cache keys: data bytes, schemas, sheyin's version), and their templates;
- core's own requirements, the workspace's parameter values and where they came from;
- the vocabulary, the canonical services and the check kinds (names and the fields of
  their parameter classes);
- the code that builds and validates: every source file of sheyin and of every loaded
  plugin's package, by path, size and modification time, so that an edited plugin in a
  development checkout is built again although its version did not change.

A digest that cannot be computed (no cache key for some data, a cycle, an unknown
parent) is None, and the profile is simply built.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from sheyin.plugin.types import CheckKind
from sheyin.profile.cache import source_stamp
from sheyin.profile.load import RawProfile
from sheyin.services import Service
from sheyin.vocabulary import Vocabulary

Select = Callable[[str], RawProfile]


def shared_digest(
    *,
    core: Iterable[Mapping[str, Any]],
    parameters: Mapping[str, Any],
    parameters_source: str,
    kinds: Mapping[str, CheckKind],
    vocabulary: Vocabulary,
    services: Mapping[str, Service],
    code_packages: Iterable[str],
) -> str:
    """The digest of what every profile's build depends on alike (all but its own data)."""
    return _digest(
        [
            list(core),
            [parameters_source, sorted(parameters.items())],
            sorted(_kind(kind) for kind in kinds.values()),
            sorted(
                (domain, t.id, t.zh, t.en, list(t.aliases))
                for domain, terms in vocabulary.terms.items()
                for t in terms.values()
            ),
            sorted((s.id, s.zh, s.en, s.category) for s in services.values()),
            source_stamp(code_packages),
        ]
    )


def build_digest(raw: RawProfile, select: Select, shared: str) -> str | None:
    """The digest of everything building ``raw`` depends on (see the module's documentation),
    or None; ``shared`` is :func:`shared_digest`, ``select`` finds the raw profile that a
    name in ``extends`` or ``relates_to`` means."""
    chain = _chain(raw, select)
    if chain is None:
        return None
    return _digest([shared, [[r.label, r.digest, sorted(r.templates.items())] for r in chain]])


def _digest(parts: list[Any]) -> str:
    """SHA-256 of the parts as canonical JSON (anything JSON has no type for by its repr)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chain(raw: RawProfile, select: Select) -> list[RawProfile] | None:
    """``raw`` and every profile it extends or relates to, or None when one is unknown,
    forms a cycle, or has no cache key (its build then reports whatever is wrong)."""
    chain: list[RawProfile] = []
    pending = [raw]
    while pending:
        current = pending.pop()
        if current.digest is None or any(current.name == r.name for r in chain):
            return None
        chain.append(current)
        for key in ("extends", "relates_to"):
            name = current.manifest.get(key)
            if name:
                try:
                    pending.append(select(name))
                except Exception:  # an unknown or broken parent: building reports it
                    return None
    return chain


def _kind(kind: CheckKind) -> list[Any]:
    params = kind.params
    fields = (
        [
            [f.name, _annotation(params, f), repr(sorted(f.metadata.items()))]
            for f in attrs.fields(params)
        ]
        if attrs.has(params)
        else []
    )
    return [kind.name, f"{params.__module__}.{params.__qualname__}", fields]


def _annotation(params: type, field: attrs.Attribute[Any]) -> str:
    """A field's type as its class declares it. Not ``field.type``, which building a profile
    changes (cattrs resolves string annotations to types in place): the digest would then
    differ in a process that has built a profile before."""
    for klass in params.__mro__:
        declared = inspect.get_annotations(klass)
        if field.name in declared:
            return str(declared[field.name])
    return str(field.type)

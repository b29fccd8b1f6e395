"""Core's default plugin: the shared vocabulary and the declarative check kinds.

Registered like any plugin but ``trylast``, so installed plugins can add to it.
"""

from __future__ import annotations

from importlib import resources
from typing import get_args

import pluggy

from sheyin import _toml, kinds
from sheyin.plugin.types import CheckKind
from sheyin.vocabulary import Domain, Term

hookimpl = pluggy.HookimplMarker("sheyin")


@hookimpl(trylast=True)
def sheyin_vocabulary() -> list[Term]:
    """Core's canonical terms from data/vocabulary.toml."""
    text = (resources.files("sheyin") / "data" / "vocabulary.toml").read_text("utf-8")
    data = _toml.loads(text)
    return [
        Term(
            domain=domain,
            id=term_id,
            zh=term["zh"],
            en=term["en"],
            aliases=tuple(term.get("aliases", ())),
        )
        for domain in get_args(Domain)
        for term_id, term in data.get(domain, {}).items()
    ]


@hookimpl(trylast=True)
def sheyin_check_kinds() -> list[CheckKind]:
    """Core's declarative check kinds (docs/checks.md)."""
    return list(kinds.ALL)

"""Core's default plugin: the shared vocabulary and the declarative check kinds.

Registered like any plugin but ``trylast``, so installed plugins can add to it.
"""

from __future__ import annotations

from sheyin import _toml, kinds
from sheyin.packagefiles import package_files
from sheyin.plugin import CheckKind, hookimpl
from sheyin.vocabulary import Term, terms_from_table


@hookimpl(trylast=True)
def sheyin_vocabulary() -> list[Term]:
    """Core's canonical terms from data/vocabulary.toml."""
    text = (package_files("sheyin") / "data" / "vocabulary.toml").read_text("utf-8")
    return terms_from_table(_toml.loads(text))


@hookimpl(trylast=True)
def sheyin_check_kinds() -> list[CheckKind]:
    """Core's declarative check kinds (docs/checks.md)."""
    return list(kinds.ALL)

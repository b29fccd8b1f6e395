"""How completely a profile accounts for its source documents."""

from __future__ import annotations

import re
from typing import Any

from attrs import frozen

from sheyin.profile.model import Document, Profile

_CITATION_SEPARATORS = re.compile(r"[、，,;；]")
_SUBPART_MARKERS = frozenset(".第 （(表图")


@frozen
class DocumentCoverage:
    """Counts for one source document."""

    document: Document
    checked: int
    manual: int
    missing: tuple[str, ...]  # declared clauses no requirement cites

    @property
    def total(self) -> int:
        """Requirements citing the document."""
        return self.checked + self.manual

    def to_dict(self) -> dict[str, Any]:
        """As JSON types."""
        return {
            "document": self.document.id,
            "title": self.document.title,
            "checked": self.checked,
            "manual": self.manual,
            "total": self.total,
            "missing": list(self.missing),
        }


def cites(clause: str, citation: str) -> bool:
    """True when ``citation`` cites ``clause`` or a part of it.

    ``4.3`` is cited by ``4.3.1`` (not by ``4.30``), ``第八条`` by ``第八条第（一）项``,
    ``附录E`` by ``附录E 表E.1``; a citation may list several parts: ``4.6.1、4.6.2``.
    """
    for part in _CITATION_SEPARATORS.split(citation):
        part = part.strip()
        if part == clause or (part.startswith(clause) and part[len(clause)] in _SUBPART_MARKERS):
            return True
    return False


def coverage(profile: Profile) -> tuple[DocumentCoverage, ...]:
    """Per document: requirements checked, manual, and declared clauses no requirement cites."""
    result = []
    for document in profile.documents:
        own = [r for r in profile.requirements if r.document == document.id]
        if not own and not document.clauses:
            continue
        missing = tuple(c for c in document.clauses if not any(cites(c, r.clause) for r in own))
        result.append(
            DocumentCoverage(
                document=document,
                checked=sum(1 for r in own if r.check is not None),
                manual=sum(1 for r in own if r.check is None),
                missing=missing,
            )
        )
    return tuple(result)

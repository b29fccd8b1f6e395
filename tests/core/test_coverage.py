"""Coverage of source documents by requirements."""

from __future__ import annotations

import pytest

from sheyin import Sheyin
from sheyin.profile.coverage import cites, coverage


@pytest.mark.parametrize(
    ("clause", "citation", "expected"),
    [
        ("4.3", "4.3.1", True),
        ("4.3", "4.3", True),
        ("4.1", "4.10", False),
        ("第八条", "第八条第（一）项", True),
        ("第八条", "第十八条", False),
        ("附录E", "附录E 表E.1", True),
        ("4.6.2", "4.6.1、4.6.2", True),
        ("7", "7 d)", True),
    ],
)
def test_cites(clause: str, citation: str, expected: bool) -> None:
    assert cites(clause, citation) is expected


def test_counts_per_document(toy_app: Sheyin) -> None:
    by_document = {c.document.id: c for c in coverage(toy_app.load_profile("toy"))}
    toy = by_document["toy"]
    assert (toy.checked, toy.manual, toy.total, toy.missing) == (22, 1, 23, ())
    assert by_document["gb11643"].checked == 1


def test_uncited_clause_is_missing(toy_app: Sheyin) -> None:
    import attrs

    profile = toy_app.load_profile("toy")
    document = attrs.evolve(profile.documents[0], clauses=(*profile.documents[0].clauses, "4"))
    widened = attrs.evolve(profile, documents=(document, *profile.documents[1:]))
    toy = next(c for c in coverage(widened) if c.document.id == "toy")
    assert toy.missing == ("4",)

"""``sheyin profile diff A B``: what two profiles require, side by side."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from attrs import frozen

from sheyin.compare.facts import Fact, aspect_label, aspect_rank, facts
from sheyin.i18n import Lang, Text
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Profile
from sheyin.services import Service

Status = Literal["same", "differs", "only_a", "only_b"]
STATUS_NAMES: Mapping[str, Text] = {
    "same": Text("相同", "same"),
    "differs": Text("不同", "differs"),
    "only_a": Text("仅 A", "only A"),
    "only_b": Text("仅 B", "only B"),
}


@frozen
class DiffRow:
    """One aspect and key, as each profile states it."""

    aspect: str
    key: str
    label: Text
    status: Status
    a: Fact | None
    b: Fact | None


@frozen
class ProfileDiff:
    """Every difference (and sameness) between two profiles."""

    a: Profile
    b: Profile
    rows: tuple[DiffRow, ...]

    def summary(self) -> dict[str, int]:
        """Rows per status."""
        return {status: sum(1 for r in self.rows if r.status == status) for status in STATUS_NAMES}

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        """As in schemas/profile-diff.schema.json."""

        def side(fact: Fact | None) -> dict[str, Any] | None:
            return (
                None
                if fact is None
                else {"value": fact.value.render(lang), "cites": list(fact.cites)}
            )

        return {
            "a": self.a.name,
            "b": self.b.name,
            "rows": [
                {
                    "aspect": row.aspect,
                    "aspect_label": aspect_label(row.aspect, row.a or row.b).render(lang),
                    "key": row.key,
                    "label": row.label.render(lang),
                    "status": row.status,
                    "a": side(row.a),
                    "b": side(row.b),
                }
                for row in self.rows
            ],
            "summary": self.summary(),
        }


def diff(
    a: Profile,
    b: Profile,
    services: Mapping[str, Service],
    day: date,
    kinds: Mapping[str, CheckKind],
) -> ProfileDiff:
    """Compare two profiles aspect by aspect, with the catalogues in force on ``day``.

    ``kinds`` describe the requirements (``Sheyin.kinds``): a plugin's kind is compared
    as its own ``describe`` states it.
    """
    left = {(f.aspect, f.key): f for f in facts(a, services, day, kinds)}
    right = {(f.aspect, f.key): f for f in facts(b, services, day, kinds)}
    keys = sorted({*left, *right}, key=lambda k: (aspect_rank(k[0]), k[1]))
    rows = []
    for key in keys:
        fa, fb = left.get(key), right.get(key)
        status: Status
        if fa and fb:
            status = "same" if fa.atoms == fb.atoms else "differs"
        else:
            status = "only_a" if fa else "only_b"
        present = fa or fb
        assert present is not None  # every key comes from one side or the other
        rows.append(DiffRow(key[0], key[1], present.key_label, status, fa, fb))
    return ProfileDiff(a, b, tuple(rows))

"""The registry's answers as JSON: a recorded (or refused) event and the audit verdict.

The same documents ``sheyin record --format json`` and ``sheyin audit verify --format
json`` print.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sheyin.i18n import Lang

if TYPE_CHECKING:
    from sheyin.audit import Verdict
    from sheyin.registry import Judgement


def judgement_document(judgement: Judgement) -> dict[str, Any]:
    """Whether the event was written, its log entry, and the refusals (schemas/record-result)."""
    return {
        "recorded": judgement.recorded,
        "seq": judgement.entry["seq"] if judgement.entry else None,
        "refusals": [
            {"rule": f.rule, "clause": f.clause, "subject": f.subject, "message": f.message}
            for f in judgement.refusals
        ],
    }


def verdict_document(verdict: Verdict, lang: Lang) -> dict[str, Any]:
    """The log's size, Merkle root and first failure (schemas/audit-verdict)."""
    failure = verdict.failure
    return {
        "intact": verdict.intact,
        "size": verdict.size,
        "root": verdict.root.hex(),
        "failure": None
        if failure is None
        else {"seq": failure.seq, "kind": failure.kind, "message": failure.text.render(lang)},
    }

"""The hash chain: each entry's hash covers its canonical JSON, its predecessor's hash included.

An entry is a mapping with ``seq`` (1, 2, …), ``recorded_at``, ``actor``, ``action``,
``subject``, ``data``, ``profile``, ``prev`` and ``hash``. Verification walks the entries
in order and names the first one that fails, then checks the RFC 9162 root of the entry
hashes against a checkpoint (size and root) taken earlier, if one is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from attrs import frozen

from sheyin.audit.canonical import canonical_json
from sheyin.audit.merkle import consistency_proof, leaf_hash, root, verify_consistency
from sheyin.i18n import Lang, Text

GENESIS = "0" * 64  # ``prev`` of the first entry

FailureKind = Literal["hash", "link", "sequence", "truncated", "checkpoint", "malformed"]


@frozen
class Failure:
    """The first thing wrong with a log: where (``seq``, 0 for the log as a whole) and how."""

    seq: int
    kind: FailureKind
    text: Text


@frozen
class Verdict:
    """The outcome of verifying a log: its size, its Merkle root, and the first failure."""

    size: int
    root: bytes
    failure: Failure | None = None

    @property
    def intact(self) -> bool:
        """True when nothing failed."""
        return self.failure is None

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        """What ``audit verify --format json`` prints and GET /v1/audit/verify answers
        (schemas/audit-verdict.schema.json)."""
        failure = self.failure
        return {
            "intact": self.intact,
            "size": self.size,
            "root": self.root.hex(),
            "failure": None
            if failure is None
            else {"seq": failure.seq, "kind": failure.kind, "message": failure.text.render(lang)},
        }


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of ``entry`` without its own ``hash``."""
    body = {key: value for key, value in entry.items() if key != "hash"}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def entry_leaf(entry_hash_hex: str) -> bytes:
    """The Merkle leaf of an entry: the leaf hash of its 32-byte entry hash."""
    return leaf_hash(bytes.fromhex(entry_hash_hex))


def verify_chain(
    entries: Iterable[Mapping[str, Any]],
    checkpoint: tuple[int, bytes] | None = None,
) -> Verdict:
    """Recompute every hash and link; with ``checkpoint`` = (size, root) taken earlier,
    prove the log still extends it (RFC 9162 consistency), so truncation is caught too."""
    leaves: list[bytes] = []
    previous = GENESIS
    failure: Failure | None = None
    for position, entry in enumerate(entries, start=1):
        failure = _check_entry(entry, position, previous)
        if failure is not None:
            break
        previous = str(entry["hash"])
        leaves.append(entry_leaf(previous))
    current = root(leaves)
    if failure is not None:
        return Verdict(len(leaves), current, failure)
    if checkpoint is not None:
        failure = _against(checkpoint, leaves, current)
    return Verdict(len(leaves), current, failure)


def _check_entry(entry: Mapping[str, Any], position: int, previous: str) -> Failure | None:
    seq = entry.get("seq")
    if not isinstance(seq, int) or not isinstance(entry.get("hash"), str):
        return Failure(
            position,
            "malformed",
            Text(f"第 {position} 条记录缺少 seq 或 hash", f"entry {position} lacks seq or hash"),
        )
    if seq != position:
        return Failure(
            position,
            "sequence",
            Text(
                f"第 {position} 个位置上是序号 {seq}：记录被删除、插入或调换了顺序",
                f"position {position} holds seq {seq}: entries were deleted, inserted or reordered",
            ),
        )
    if entry.get("prev") != previous:
        return Failure(
            seq,
            "link",
            Text(
                f"第 {seq} 条记录的 prev 与前一条记录的哈希不符：前面的记录被删除、插入、调换或修改",
                f"entry {seq}: prev does not match the previous entry's hash "
                "(an entry before it was deleted, inserted, reordered or edited)",
            ),
        )
    try:
        recomputed = entry_hash(entry)
    except (TypeError, ValueError):
        recomputed = ""
    if recomputed != entry["hash"]:
        return Failure(
            seq,
            "hash",
            Text(
                f"第 {seq} 条记录的内容与其哈希不符：记录被修改",
                f"entry {seq}: its content does not match its hash (the entry was edited)",
            ),
        )
    return None


def _against(checkpoint: tuple[int, bytes], leaves: list[bytes], current: bytes) -> Failure | None:
    size, old_root = checkpoint
    if size > len(leaves):
        return Failure(
            0,
            "truncated",
            Text(
                f"日志只有 {len(leaves)} 条记录，而检查点记录了 {size} 条：日志被截断",
                f"the log has {len(leaves)} entries but the checkpoint recorded {size}: "
                "the log was truncated",
            ),
        )
    proof = consistency_proof(leaves, size)
    if not verify_consistency(size, len(leaves), old_root, current, proof):
        return Failure(
            0,
            "checkpoint",
            Text(
                f"日志的前 {size} 条记录与检查点不一致：检查点之后有记录被改写",
                f"the first {size} entries do not match the checkpoint: "
                "the log was rewritten after it was taken",
            ),
        )
    return None

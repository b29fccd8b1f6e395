"""Tamper evidence as pure functions over bytes: canonical JSON, the hash chain, the
RFC 9162 Merkle tree and checkpoints. Nothing here touches a database or a file."""

from sheyin.audit.canonical import canonical_json
from sheyin.audit.chain import GENESIS, Failure, Verdict, entry_hash, entry_leaf, verify_chain
from sheyin.audit.checkpoint import Checkpoint, parse_checkpoint
from sheyin.audit.merkle import (
    EMPTY_ROOT,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    verify_consistency,
    verify_inclusion,
)

__all__ = [
    "EMPTY_ROOT",
    "GENESIS",
    "Checkpoint",
    "Failure",
    "Verdict",
    "canonical_json",
    "consistency_proof",
    "entry_hash",
    "entry_leaf",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "parse_checkpoint",
    "root",
    "verify_chain",
    "verify_consistency",
    "verify_inclusion",
]

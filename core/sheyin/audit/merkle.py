"""The Merkle tree of RFC 9162 §2.1, written from the RFC's own definitions.

Leaves and interior nodes are hashed with different prefixes (0x00 and 0x01, §2.1.1) so
that a leaf can never pass for a node. ``leaves`` arguments are leaf hashes
(:func:`leaf_hash` of each entry), so that a tree of n entries hashes each entry once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()  # MTH({}) = HASH()
HASH_SIZE = 32


def leaf_hash(data: bytes) -> bytes:
    """MTH({d(0)}) = HASH(0x00 || d(0))."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """HASH(0x01 || left || right), an interior node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) over the leaf hashes ``leaves``.

    Computed bottom-up: the perfect subtrees of the binary decomposition of n, from the
    left, are folded from the right, which is exactly the recursion with k the largest
    power of two smaller than n.
    """
    stack: list[tuple[int, bytes]] = []  # (size, hash) of perfect subtrees, largest first
    for leaf in leaves:
        size, value = 1, leaf
        while stack and stack[-1][0] == size:
            _, left = stack.pop()
            size, value = size * 2, node_hash(left, value)
        stack.append((size, value))
    if not stack:
        return EMPTY_ROOT
    result = stack[-1][1]
    for _, left in reversed(stack[:-1]):
        result = node_hash(left, result)
    return result


def inclusion_proof(leaves: Sequence[bytes], index: int, size: int | None = None) -> list[bytes]:
    """PATH(m, D[n]) (§2.1.3.1): the audit path of leaf ``index`` in the tree of ``size`` leaves."""
    n = len(leaves) if size is None else size
    if not 0 <= index < n <= len(leaves):
        raise ValueError(f"leaf {index} is not in a tree of {n} leaves")
    return _path(leaves, index, 0, n)


def _path(leaves: Sequence[bytes], m: int, lo: int, hi: int) -> list[bytes]:
    n = hi - lo
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return [*_path(leaves, m, lo, lo + k), root(leaves[lo + k : hi])]
    return [*_path(leaves, m - k, lo + k, hi), root(leaves[lo : lo + k])]


def consistency_proof(
    leaves: Sequence[bytes], first: int, second: int | None = None
) -> list[bytes]:
    """PROOF(m, D[n]) (§2.1.4.1): proves the tree of ``first`` leaves is a prefix of the
    tree of ``second`` leaves. Empty when ``first`` is 0 or equals ``second``."""
    n = len(leaves) if second is None else second
    if not 0 <= first <= n <= len(leaves):
        raise ValueError(f"no consistency proof from {first} to {n} leaves")
    if first in (0, n):
        return []
    return _subproof(leaves, first, 0, n, True)


def _subproof(leaves: Sequence[bytes], m: int, lo: int, hi: int, whole: bool) -> list[bytes]:
    n = hi - lo
    if m == n:
        return [] if whole else [root(leaves[lo:hi])]
    k = _split(n)
    if m <= k:
        return [*_subproof(leaves, m, lo, lo + k, whole), root(leaves[lo + k : hi])]
    return [*_subproof(leaves, m - k, lo + k, hi, False), root(leaves[lo : lo + k])]


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes
) -> bool:
    """§2.1.3.2: does ``proof`` show leaf hash ``leaf`` at ``index`` in the tree with
    ``expected_root`` of ``size`` leaves?"""
    if not 0 <= index < size or not _sound(leaf, expected_root, *proof):
        return False
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == expected_root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    """§2.1.4.2: does ``proof`` show the tree ``first_root`` of ``first`` leaves is a prefix
    of the tree ``second_root`` of ``second`` leaves?"""
    if not 0 <= first <= second or not _sound(first_root, second_root, *proof):
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:  # every tree extends the empty one
        return not proof and first_root == EMPTY_ROOT
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # an exact power of two: the old root is a node of the new tree
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _sound(*hashes: bytes) -> bool:
    return all(isinstance(h, bytes) and len(h) == HASH_SIZE for h in hashes)

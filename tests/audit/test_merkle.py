"""The Merkle tree against the reference vectors of RFC 6962/9162 (Certificate Transparency)."""

from __future__ import annotations

import hashlib

import pytest

from sheyin.audit import (
    EMPTY_ROOT,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root,
    verify_consistency,
    verify_inclusion,
)

# The eight leaf inputs of the Certificate Transparency reference tests and the published
# tree heads for sizes 1..8 (certificate-transparency merkle_tree_test).
CT_INPUTS = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = [
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
]
CT_CONSISTENCY = [
    (
        2,
        8,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
]
LEAVES = [leaf_hash(d) for d in CT_INPUTS]
MANY = [leaf_hash(i.to_bytes(2, "big")) for i in range(40)]


def test_empty_tree_is_the_hash_of_nothing() -> None:
    assert root([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()


def test_leaf_and_node_hashes_are_domain_separated() -> None:
    assert leaf_hash(b"x") == hashlib.sha256(b"\x00x").digest()
    assert (
        node_hash(b"a" * 32, b"b" * 32) == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()
    )


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_match_the_reference_tree_heads(size: int) -> None:
    assert root(LEAVES[:size]).hex() == CT_ROOTS[size - 1]


@pytest.mark.parametrize(("index", "size", "expected"), CT_INCLUSION)
def test_inclusion_proofs_match_the_reference(index: int, size: int, expected: list[str]) -> None:
    proof = inclusion_proof(LEAVES, index, size)
    assert [p.hex() for p in proof] == expected
    assert verify_inclusion(LEAVES[index], index, size, proof, bytes.fromhex(CT_ROOTS[size - 1]))


@pytest.mark.parametrize(("first", "second", "expected"), CT_CONSISTENCY)
def test_consistency_proofs_match_the_reference(
    first: int, second: int, expected: list[str]
) -> None:
    proof = consistency_proof(LEAVES, first, second)
    assert [p.hex() for p in proof] == expected
    old, new = bytes.fromhex(CT_ROOTS[first - 1]), bytes.fromhex(CT_ROOTS[second - 1])
    assert verify_consistency(first, second, old, new, proof)


def test_every_inclusion_proof_verifies_in_every_size() -> None:
    for size in range(1, len(MANY) + 1):
        tree_root = root(MANY[:size])
        for index in range(size):
            proof = inclusion_proof(MANY, index, size)
            assert verify_inclusion(MANY[index], index, size, proof, tree_root)


def test_an_inclusion_proof_for_the_wrong_leaf_fails() -> None:
    proof = inclusion_proof(MANY, 7, 20)
    assert not verify_inclusion(MANY[8], 7, 20, proof, root(MANY[:20]))


def test_every_consistency_proof_verifies_between_every_pair_of_sizes() -> None:
    roots = [root(MANY[:n]) for n in range(len(MANY) + 1)]
    for second in range(len(MANY) + 1):
        for first in range(second + 1):
            proof = consistency_proof(MANY, first, second)
            assert verify_consistency(first, second, roots[first], roots[second], proof)


def test_a_consistency_proof_from_a_rewritten_prefix_fails() -> None:
    rewritten = [*MANY[:3], leaf_hash(b"forged"), *MANY[4:]]
    old_root = root(rewritten[:10])
    proof = consistency_proof(MANY, 10, 30)
    assert not verify_consistency(10, 30, old_root, root(MANY[:30]), proof)


def test_mangled_consistency_proofs_fail() -> None:
    proof = consistency_proof(MANY, 13, 37)
    old, new = root(MANY[:13]), root(MANY[:37])
    flipped = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
    assert not verify_consistency(13, 37, old, new, flipped)
    assert not verify_consistency(13, 37, old, new, proof[:-1])
    assert not verify_consistency(13, 37, old, new, [*proof, b"\xcd" * 32])
    assert not verify_consistency(37, 13, new, old, proof)


def test_proofs_outside_the_tree_are_refused() -> None:
    with pytest.raises(ValueError, match="not in a tree"):
        inclusion_proof(LEAVES, 8, 8)
    with pytest.raises(ValueError, match="no consistency proof"):
        consistency_proof(LEAVES, 5, 9)
    assert not verify_inclusion(LEAVES[0], 8, 8, [], root(LEAVES))
    assert not verify_inclusion(b"short", 0, 1, [], root(LEAVES[:1]))

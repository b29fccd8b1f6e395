"""The hash chain: every single-entry edit, deletion, insertion, reordering and a
truncation is detected, and the first failing entry is named."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sheyin.audit import GENESIS, Checkpoint, entry_hash, parse_checkpoint, verify_chain
from sheyin.errors import InputError

SIZE = 8


def make_log(size: int = SIZE) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    prev = GENESIS
    for seq in range(1, size + 1):
        entry: dict[str, Any] = {
            "seq": seq,
            "recorded_at": f"2026-12-01T10:00:{seq:02d}Z",
            "actor": "张三",
            "action": "record",
            "subject": f"outlets/o{seq % 3}",
            "data": {"type": "inspection", "on": "2026-11-01", "n": seq},
            "profile": {"name": "yulin", "version": "1", "data_hash": "ab" * 32},
            "prev": prev,
        }
        entry["hash"] = entry_hash(entry)
        prev = entry["hash"]
        entries.append(entry)
    return entries


def test_an_untouched_log_verifies() -> None:
    verdict = verify_chain(make_log())
    assert verdict.intact
    assert verdict.size == SIZE


@pytest.mark.parametrize("position", range(SIZE))
def test_every_single_entry_edit_is_detected(position: int) -> None:
    log = make_log()
    log[position]["data"]["n"] = 99
    failure = verify_chain(log).failure
    assert failure is not None
    assert (failure.seq, failure.kind) == (position + 1, "hash")


@pytest.mark.parametrize("position", range(SIZE))
def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(position: int) -> None:
    log = make_log()
    log[position]["actor"] = "李四"
    log[position]["hash"] = entry_hash(log[position])
    failure = verify_chain(log).failure
    if position == SIZE - 1:  # the last entry: only a checkpoint can tell (below)
        assert failure is None
    else:
        assert failure is not None
        assert failure.seq == position + 2


def test_a_rewritten_last_entry_is_caught_by_the_checkpoint() -> None:
    log = make_log()
    checkpoint = verify_chain(log)
    log[-1]["actor"] = "李四"
    log[-1]["hash"] = entry_hash(log[-1])
    failure = verify_chain(log, (checkpoint.size, checkpoint.root)).failure
    assert failure is not None
    assert failure.kind == "checkpoint"


@pytest.mark.parametrize("position", range(SIZE))
def test_every_single_deletion_is_detected(position: int) -> None:
    log = make_log()
    del log[position]
    if position == SIZE - 1:
        return  # deleting the last entry is a truncation: see below
    failure = verify_chain(log).failure
    assert failure is not None
    assert failure.seq == position + 1


@pytest.mark.parametrize("position", range(SIZE + 1))
def test_every_single_insertion_is_detected(position: int) -> None:
    log = make_log()
    forged = copy.deepcopy(log[min(position, SIZE - 1)])
    forged["data"]["n"] = -1
    log.insert(position, forged)
    checkpoint = (SIZE, verify_chain(make_log()).root)
    failure = verify_chain(log, checkpoint).failure
    assert failure is not None


@pytest.mark.parametrize("position", range(SIZE - 1))
def test_every_swap_of_neighbours_is_detected(position: int) -> None:
    log = make_log()
    log[position], log[position + 1] = log[position + 1], log[position]
    failure = verify_chain(log).failure
    assert failure is not None
    assert failure.seq == position + 1


@pytest.mark.parametrize("kept", range(SIZE))
def test_truncation_is_detected_against_a_checkpoint(kept: int) -> None:
    full = verify_chain(make_log())
    failure = verify_chain(make_log()[:kept], (full.size, full.root)).failure
    assert failure is not None
    assert failure.kind == "truncated"


def test_a_log_that_grew_still_extends_its_checkpoint() -> None:
    earlier = verify_chain(make_log(5))
    assert verify_chain(make_log(SIZE), (earlier.size, earlier.root)).intact


def test_a_checkpoint_round_trips_through_its_text() -> None:
    verdict = verify_chain(make_log())
    checkpoint = Checkpoint(verdict.size, verdict.root, "2026-12-01T10:00:00Z", "yulin 1")
    text = checkpoint.render()
    assert text.splitlines()[1] == f"size {SIZE}"
    assert parse_checkpoint(text) == checkpoint


def test_a_text_that_is_not_a_checkpoint_is_an_input_error() -> None:
    with pytest.raises(InputError, match="checkpoint"):
        parse_checkpoint("size 3\nroot nothing\n", "cp.txt")

"""The registry's state, derived from the log by folding its entries in order.

Entries of action ``import`` or ``record`` carry either ``set`` (fields of a record; staff
members merged by id) or ``event`` (one event appended to a partnership or outlet).
``erase`` entries remove personal data and leave the state's shape alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sheyin.registry.document import LISTS
from sheyin.registry.personal import PERSONAL_FIELDS, is_reference, mask

Records = dict[str, dict[str, dict[str, Any]]]  # list name → id → record document


def empty() -> Records:
    """A state with no records."""
    return {name: {} for name in LISTS}


def fold(entries: Iterable[Mapping[str, Any]], records: Records | None = None) -> Records:
    """Apply ``entries`` in order to ``records`` (a new empty state when omitted)."""
    state = records if records is not None else empty()
    for entry in entries:
        apply(state, entry)
    return state


def apply(state: Records, entry: Mapping[str, Any]) -> None:
    """Apply one entry to ``state`` in place."""
    if entry["action"] not in ("import", "record"):
        return
    kind, _, record_id = str(entry["subject"]).partition("/")
    if kind not in state:
        return
    data = entry["data"]
    record = state[kind].setdefault(record_id, {"id": record_id})
    for key, value in data.get("set", {}).items():
        if key == "staff":
            record["staff"] = merge_staff(record.get("staff", []), value)
        else:
            record[key] = value
    if "event" in data:
        record.setdefault("events", []).append(data["event"])


def merge_staff(current: list[dict[str, Any]], given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Staff lists merged by id: a given member replaces the one with its id, new ones append."""
    by_id = {s["id"]: i for i, s in enumerate(current)}
    merged = list(current)
    for member in given:
        if member["id"] in by_id:
            merged[by_id[member["id"]]] = member
        else:
            by_id[member["id"]] = len(merged)
            merged.append(member)
    return merged


def document(
    state: Records,
    numbers: Mapping[str, str],
    *,
    profile: str | None,
    as_of: date | None = None,
    masked: bool = True,
) -> dict[str, Any]:
    """The state as a snapshot document: events after ``as_of`` left out, personal numbers
    looked up (masked unless ``masked`` is False; erased ones absent)."""
    result: dict[str, Any] = {}
    if profile:
        result["profile"] = profile
    if as_of is not None:
        result["as_of"] = as_of.isoformat()
    day = as_of.isoformat() if as_of else None
    for name in LISTS:
        records = []
        for record in state[name].values():
            copy = dict(record)
            if "events" in copy:
                copy["events"] = [e for e in copy["events"] if day is None or e["on"] <= day]
                if not copy["events"]:
                    del copy["events"]
            if "staff" in copy:
                copy["staff"] = [_person(s, numbers, masked) for s in copy["staff"]]
            records.append(_person(copy, numbers, masked))
        result[name] = records
    return result


def _person(staff: Mapping[str, Any], numbers: Mapping[str, str], masked: bool) -> dict[str, Any]:
    person = dict(staff)
    for kind in PERSONAL_FIELDS:
        value = person.get(kind)
        if not is_reference(value):
            continue
        number = numbers.get(str(value))
        if number is None:  # erased
            del person[kind]
        else:
            person[kind] = mask(kind, number) if masked else number
    return person

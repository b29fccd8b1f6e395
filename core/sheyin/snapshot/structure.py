"""Building snapshot models from documents the schema has already accepted.

A snapshot of 20,000 outlets holds a quarter of a million records, so this is a hot
path: each model gets a plan, derived once from its attrs fields, of how to convert
each key (dates read, lists made tuples, nested tables built); keys the model does
not define are a profile's own fields and go to ``extra``. Nothing is checked again
here: the schema's ``date`` format is :func:`~sheyin.dates.is_date`, so every date
string reaching :func:`~sheyin.dates.parse_date` is one it accepts.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import attrs

from sheyin.dates import parse_date

T = TypeVar("T")
Convert = Callable[[Any], Any] | None  # None: the value is kept as it is
_EXTRA: Any = object()  # a key the model does not define: a profile's own field


class Builder:
    """Builds models for one snapshot; remembers each date text it has read."""

    def __init__(self) -> None:
        self._plans: dict[tuple[type, tuple[str, ...]], dict[str, Convert]] = {}
        self._dates: dict[str, date] = {}

    def build(self, cls: type[T], values: Mapping[str, Any], built: tuple[str, ...] = ()) -> T:
        """A ``cls`` from ``values``; the keys in ``built`` hold finished models (made a tuple)."""
        plan = self._plans.get((cls, built)) or self._plan(cls, built)
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in values.items():
            convert = plan.get(key, _EXTRA)
            if convert is None:
                fields[key] = value
            elif convert is _EXTRA:
                extra[key] = value
            else:
                fields[key] = convert(value)
        if extra:
            fields["extra"] = extra
        return cls(**fields)

    def date(self, text: str) -> date:
        """The date ``text`` names (read once per distinct text)."""
        day = self._dates.get(text)
        if day is None:
            day = self._dates[text] = parse_date(text)
        return day

    def _plan(self, cls: type, built: tuple[str, ...]) -> dict[str, Convert]:
        hints = typing.get_type_hints(cls)
        plan = {
            f.name: tuple if f.name in built else self._convert(hints[f.name])
            for f in attrs.fields(cls)
            if f.name != "extra"
        }
        self._plans[(cls, built)] = plan
        return plan

    def _convert(self, hint: Any) -> Convert:
        """How to turn a JSON value into a field of type ``hint``."""
        if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            return self._convert(inner[0]) if len(inner) == 1 else None
        if hint is date:
            return self.date
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            if attrs.has(item):
                return lambda values: tuple(self.build(item, v) for v in values)
            return tuple
        return None

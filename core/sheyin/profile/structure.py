"""Validated profile data into frozen models: directly where the data is plain, else cattrs.

Building a profile structures a few hundred small documents (check parameters, forms,
catalogue items) into some forty attrs classes. The private cattrs converter
(:mod:`sheyin._convert`) generates and compiles a function for each class the first
time it meets it, in every process: about as much CPU time as starting Python, on
every ``sheyin check``. Most of that data is already exactly what the model holds
(strings where a field is a string, lists of strings for a tuple of strings), so
:class:`Structurer` builds those models directly, by the same rules, and hands anything
else to cattrs whole: a value of another type (cattrs decides whether to convert or
refuse it), a missing or unknown key, a field type it does not know (dates, sets,
unions of several types), a class whose constructor refuses the values. Every error
message is therefore cattrs's own, and a test builds every installed profile both
ways and compares the results.
"""

from __future__ import annotations

import collections.abc
import types
import typing
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    from cattrs import Converter

T = TypeVar("T")

_SCALARS = (str, int, float, bool)


class _Unsure(Exception):
    """The direct path does not know for certain what cattrs would make of a value."""


class Structurer:
    """Structures documents into attrs classes as the cattrs converter does (see the module)."""

    def __init__(self, direct: bool = True) -> None:
        """``direct=False`` leaves everything to cattrs (what the tests compare against)."""
        self.direct = direct
        self._converter: Converter | None = None

    @property
    def converter(self) -> Converter:
        """The cattrs converter, imported when first needed."""
        if self._converter is None:
            from sheyin._convert import converter

            self._converter = converter
        return self._converter

    def structure(self, value: Any, cls: type[T]) -> T:
        """``value`` as an instance of the attrs class ``cls``; errors are cattrs's."""
        if self.direct:
            try:
                return self._instance(value, cls)
            except _Unsure:
                pass
        return self.converter.structure(value, cls)

    def _instance(self, value: Any, cls: type[T]) -> T:
        if type(value) is not dict or not attrs.has(cls):
            raise _Unsure
        try:
            attrs.resolve_types(cls)  # as cattrs does: string annotations become types, once
        except Exception:  # a name only a type checker sees: cattrs says what it makes of it
            raise _Unsure from None
        fields = attrs.fields(cls)
        known = set()
        arguments = {}
        for field in fields:
            if not field.init or field.alias != field.name:
                raise _Unsure
            known.add(field.name)
            if field.name in value:
                arguments[field.name] = self._value(value[field.name], field.type)
            elif field.default is attrs.NOTHING:
                raise _Unsure  # cattrs reports the missing key
        if len(known) != len(fields) or not known.issuperset(value):
            raise _Unsure  # cattrs reports the unknown key
        try:
            return typing.cast(T, cls(**arguments))
        except Exception:  # a validator or __attrs_post_init__ refused: cattrs says how
            raise _Unsure from None

    def _value(self, value: Any, kind: Any) -> Any:
        if kind is Any:
            return value
        if kind in _SCALARS:
            if type(value) is not kind:
                raise _Unsure
            return value
        origin = typing.get_origin(kind)
        arguments = typing.get_args(kind)
        if origin is typing.Literal:
            if type(value) in _SCALARS and any(
                type(a) is type(value) and a == value for a in arguments
            ):
                return value
            raise _Unsure
        if origin is typing.Union or origin is types.UnionType:
            if value is None and type(None) in arguments:
                return None
            others = [a for a in arguments if a is not type(None)]
            if len(others) == 1:
                return self._value(value, others[0])
            if all(a in _SCALARS for a in others) and type(value) in others:
                return value  # the converter passes such a value through unchanged
            raise _Unsure
        if origin is tuple:
            if len(arguments) != 2 or arguments[1] is not Ellipsis:
                raise _Unsure
            if type(value) not in (list, tuple):
                raise _Unsure
            return tuple(self._value(item, arguments[0]) for item in value)
        if origin is dict or origin is collections.abc.Mapping:  # both become a dict
            if type(value) is not dict or len(arguments) != 2 or arguments[0] is not str:
                raise _Unsure
            if not all(type(key) is str for key in value):
                raise _Unsure
            return {key: self._value(item, arguments[1]) for key, item in value.items()}
        if isinstance(kind, type) and attrs.has(kind):
            return self._instance(value, kind)
        raise _Unsure

"""A snapshot schema as msgspec types: "valid or not" for a whole snapshot in one C pass.

:mod:`sheyin.snapshot.validate` answers "valid or not" with fastjsonschema, record by
record, in Python; for 20,000 outlets that took four times as long as reading the file.
msgspec checks Python objects against types (``msgspec.convert``) in C. This module
translates the (profile-composed) snapshot schema into such types, keyword by keyword,
**only where msgspec means exactly what the schema means**:

- ``type`` string/integer/number/boolean/array/object, ``enum`` of strings, ``minLength``,
  ``pattern`` (both search a string by code points, as Python's ``re`` does for the
  compiled validators), ``minimum``, ``minItems``, ``required``, ``properties``,
  ``additionalProperties: false`` (unknown keys forbidden; absent, they are allowed),
  ``$ref``, a ``oneOf`` of a string and an object;
- the snapshot's event definitions (an ``allOf`` of ``if type is one of these names, then
  that type's definition``) as a union tagged by ``type``, one tag per name.

Any other sub-schema (``uniqueItems``, the ``date`` format, anything unforeseen) becomes
a type msgspec hands back to :meth:`TypedSnapshot._hook`, which checks that part with
the compiled validator of that very sub-schema. So nothing is judged by a rule of this
module's own: a snapshot these types accept is one the schema accepts. The opposite may
not hold (msgspec refuses ``1.0`` for an integer, an event type it has no tag for): a
snapshot they refuse is judged again by the record-by-record validators, which also
locate each problem.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, Union

import msgspec

_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples", "default"})
_STRING = frozenset({"type", "minLength", "pattern"})
_INTEGER = frozenset({"type", "minimum"})
_ARRAY = frozenset({"type", "items", "minItems"})
_OBJECT = frozenset({"type", "properties", "required", "additionalProperties"})
_SCALARS: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}


class Unsupported(Exception):
    """The schema has a shape this module does not translate (a snapshot schema always has
    the shapes it does; anything else is judged by the other validators alone)."""


class _Checked:
    """The base of the types standing for sub-schemas msgspec cannot express: each
    subclass carries the test of its sub-schema."""

    accepts: Callable[[Any], bool]
    checked: _Checked  # what a value becomes once accepted (msgspec wants an instance)


CompileSchema = Callable[[Mapping[str, Any]], Callable[[Any], bool]]


class TypedSnapshot:
    """The snapshot schema as one msgspec type; :meth:`valid` is True only for a document
    the schema accepts."""

    def __init__(
        self,
        schema: Mapping[str, Any],
        compile_schema: CompileSchema,
        formats: Mapping[str, Callable[[Any], bool]],
    ) -> None:
        """``compile_schema`` compiles a sub-schema (resolved against ``schema``'s ``$defs``)
        into a test telling whether it accepts a value; ``formats`` are the format tests
        the compiled validators use."""
        self._formats = formats
        self._defs: Mapping[str, Any] = schema.get("$defs", {})
        self._compile = compile_schema
        self._refs: dict[str, Any] = {}
        self._names = (f"S{n}" for n in itertools.count())
        top = {k: v for k, v in schema.items() if k not in ("$defs", "$schema", "$id")}
        self.type = self._type(top)

    def valid(self, document: Any) -> bool:
        """True when ``document`` (JSON types) is valid against the schema; False when it
        is not, or may not be."""
        try:
            msgspec.convert(document, self.type, dec_hook=self._hook)
        except Exception:  # refused (ValidationError, _Refused), or anything unforeseen:
            return False  # either way the record-by-record tiers judge the document
        return True

    @staticmethod
    def _hook(kind: type[_Checked], value: Any) -> _Checked:
        if kind.accepts(value):
            return kind.checked
        raise _Refused

    def _type(self, schema: Mapping[str, Any]) -> Any:
        """The msgspec type for ``schema``."""
        if not isinstance(schema, Mapping):
            raise Unsupported(schema)
        keys = set(schema) - _ANNOTATIONS
        if keys == {"$ref"}:
            return self._ref(schema["$ref"])
        if keys == {"oneOf"}:
            return self._one_of(schema["oneOf"])
        if "allOf" in keys:
            return self._events(schema)
        kind = schema.get("type")
        if keys == {"enum"} or (keys == {"type", "enum"} and kind == "string"):
            values = schema["enum"]
            if values and all(isinstance(v, str) for v in values):
                return Literal[tuple(values)]
        elif kind == "string" and keys <= _STRING and _readable(schema.get("pattern")):
            return _constrained(
                str, min_length=schema.get("minLength"), pattern=schema.get("pattern")
            )
        elif kind in ("integer", "number") and keys <= _INTEGER:
            return _constrained(_SCALARS[kind], ge=schema.get("minimum"))
        elif kind == "boolean" and keys == {"type"}:
            return bool
        elif kind == "array" and keys <= _ARRAY:
            item = self._type(schema["items"]) if "items" in schema else Any
            return _constrained(list[item], min_length=schema.get("minItems"))  # type: ignore[valid-type]
        elif kind == "object" and keys <= _OBJECT:
            return self._object(schema)
        return self._checked(schema)

    def _ref(self, ref: str) -> Any:
        if not ref.startswith("#/$defs/") or ref[8:] not in self._defs:
            raise Unsupported(ref)
        if ref not in self._refs:
            self._refs[ref] = self._type(self._defs[ref[8:]])
        return self._refs[ref]

    def _object(self, schema: Mapping[str, Any]) -> Any:
        closed = schema.get("additionalProperties", True)
        if closed not in (True, False):
            return self._checked(schema)
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        if not required <= set(properties):
            return self._checked(schema)
        if not properties and closed:
            return dict[str, Any]
        return self._struct(properties, required, forbid=not closed)

    def _struct(
        self,
        properties: Mapping[str, Any],
        required: set[str],
        *,
        forbid: bool,
        tag: str | None = None,
    ) -> Any:
        # Keys need not be Python names: every field gets one, and is renamed to its key.
        fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        rename: dict[str, str] = {}
        for n, (key, sub) in enumerate(properties.items()):
            name = f"f{n}"
            rename[name] = key
            kind = self._type(sub)
            if key in required:
                fields.append((name, kind))
            else:
                fields.append((name, Union[kind, msgspec.UnsetType], msgspec.UNSET))  # noqa: UP007
        fields.sort(key=len)  # fields with defaults last
        return msgspec.defstruct(
            next(self._names),
            fields,
            rename=rename,
            forbid_unknown_fields=forbid,
            tag_field=None if tag is None else "type",
            tag=tag,
        )

    def _one_of(self, options: Any) -> Any:
        # Exactly one of options of different JSON types is the union of their types.
        if not isinstance(options, list) or len(options) != 2:
            raise Unsupported(options)
        kinds = [o.get("type") if isinstance(o, Mapping) else None for o in options]
        if sorted(map(str, kinds)) != ["object", "string"]:
            raise Unsupported(options)
        return Union[tuple(self._type(o) for o in options)]  # noqa: UP007

    def _events(self, schema: Mapping[str, Any]) -> Any:
        """The event definition: its own properties, and, for each type's names, that
        type's definition. Translated only when each type's definition holds the common
        properties unchanged (so that checking it alone checks both), as the snapshot
        schema's definitions do."""
        common = schema.get("properties", {})
        if set(schema) - _ANNOTATIONS != {"type", "required", "properties", "allOf"}:
            raise Unsupported(schema)
        if schema["type"] != "object" or set(common) != {"on", "type"}:
            raise Unsupported(schema)
        tagged: list[Any] = []
        seen: set[str] = set()
        for branch in schema["allOf"]:
            names, ref = _branch(branch)
            target = self._defs.get(ref[8:]) if ref.startswith("#/$defs/") else None
            if not isinstance(target, Mapping) or seen & set(names):
                raise Unsupported(branch)
            seen.update(names)
            own = target.get("properties", {})
            if (
                set(target) - _ANNOTATIONS
                != {"type", "required", "properties", "additionalProperties"}
                or target["type"] != "object"
                or not set(schema["required"]) <= set(target["required"]) <= set(own)
                or any(_bare(own.get(k)) != _bare(v) for k, v in common.items() if k != "type")
                or target["additionalProperties"] is not False
                or not all(
                    self._accepts(s, n) for s in (common["type"], own["type"]) for n in names
                )
            ):
                raise Unsupported(branch)
            fields = {k: v for k, v in own.items() if k != "type"}
            required = set(target["required"]) - {"type"}
            tagged.extend(self._struct(fields, required, forbid=True, tag=n) for n in names)
        if not tagged:
            raise Unsupported(schema)
        return Union[tuple(tagged)]  # noqa: UP007

    def _accepts(self, schema: Mapping[str, Any], value: Any) -> bool:
        """True when ``schema`` accepts ``value``."""
        return self._test(schema)(value)

    def _checked(self, schema: Mapping[str, Any]) -> type[_Checked]:
        """A type standing for ``schema``: its values are tested by the compiled validator."""
        checked: type[_Checked] = type(
            next(self._names), (_Checked,), {"accepts": staticmethod(self._test(schema))}
        )
        checked.checked = checked()
        return checked

    def _test(self, schema: Mapping[str, Any]) -> Callable[[Any], bool]:
        """A function telling whether ``schema`` accepts a value."""
        bare = _bare(schema)
        fmt = bare.get("format") if isinstance(bare, dict) else None
        if (
            isinstance(fmt, str)
            and fmt in self._formats
            and bare == {"type": "string", "format": fmt}
        ):
            # What the compiled validators do with such a schema, without their overhead.
            is_format = self._formats[fmt]
            return lambda value: type(value) is str and bool(is_format(value))
        return self._compile(schema)


class _Refused(Exception):
    """A compiled validator refused a part of the document."""


def _branch(branch: Any) -> tuple[list[str], str]:
    """The names and the ``$ref`` of one ``if type is one of these names, then ...`` branch."""
    try:
        condition, then = branch["if"], branch["then"]
        if set(branch) != {"if", "then"} or set(then) != {"$ref"}:
            raise Unsupported(branch)
        if set(condition) != {"properties", "required"} or condition["required"] != ["type"]:
            raise Unsupported(branch)
        (names,) = (t["enum"] for k, t in condition["properties"].items() if k == "type")
        if set(condition["properties"]["type"]) != {"enum"} or len(condition["properties"]) != 1:
            raise Unsupported(branch)
        return list(names), then["$ref"]
    except (KeyError, TypeError, ValueError) as exc:
        raise Unsupported(branch) from exc


def _readable(pattern: Any) -> bool:
    """True when Python's re reads ``pattern`` (or there is none); else the compiled
    validator is left to judge that part."""
    if pattern is None:
        return True
    try:
        re.compile(pattern)
    except (re.error, TypeError):
        return False
    return True


def _bare(schema: Any) -> Any:
    """``schema`` without its annotations (what it requires, not what it says)."""
    if isinstance(schema, Mapping):
        return {k: _bare(v) for k, v in schema.items() if k not in _ANNOTATIONS}
    if isinstance(schema, list):
        return [_bare(v) for v in schema]
    return schema


def _constrained(kind: Any, **constraints: Any) -> Any:
    given = {k: v for k, v in constraints.items() if v is not None}
    return Annotated[kind, msgspec.Meta(**given)] if given else kind

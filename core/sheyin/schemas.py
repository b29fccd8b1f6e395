"""The JSON Schemas of schemas/: loading, validators, and errors in the user's language."""

from __future__ import annotations

import copy
import functools
import json
import sys
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sheyin.dates import is_date
from sheyin.echo import literal
from sheyin.errors import Problem, pointer
from sheyin.i18n import Text
from sheyin.packagefiles import package_files

# jsonschema is imported where a validator is built: it costs more to import than Python
# takes to start, and a command that validates nothing (sheyin --help, a profile read
# from the cache of sheyin.profile.cache) should not pay for it.
if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

MAX_PROBLEMS = 20

_TYPE_NAMES = {
    "string": Text("字符串", "a string"),
    "integer": Text("整数", "an integer"),
    "number": Text("数字", "a number"),
    "boolean": Text("布尔值（true/false）", "a boolean (true/false)"),
    "array": Text("数组（列表）", "an array (list)"),
    "object": Text("表（键值对象）", "a table (object)"),
    "null": Text("空值", "null"),
}


def to_jsonable(value: Any) -> Any:
    """Turn TOML values into JSON ones (dates become ISO strings) so one schema fits both."""
    if isinstance(value, Mapping):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def schema_folder() -> Traversable:
    """The folder of JSON Schemas: inside the installed package, else the source tree's ``schemas/``.

    A wheel carries them as ``sheyin/schemas``; an editable install (``pip install -e .``)
    imports sheyin from ``core/sheyin`` of a source tree, two levels below ``schemas/``.
    """
    installed = package_files("sheyin") / "schemas"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "schemas"


class SchemaStore:
    """Loads the schemas shipped in the package and builds each validator once.

    One store belongs to one application object; nothing here is shared between them.
    """

    def __init__(self) -> None:
        self._sources: dict[str, bytes] = {}
        self._validators: dict[str, Draft202012Validator] = {}

    def source(self, name: str) -> bytes:
        """The bytes of ``schemas/<name>.schema.json`` (what a cached validation depends on)."""
        if name not in self._sources:
            self._sources[name] = (schema_folder() / f"{name}.schema.json").read_bytes()
        return self._sources[name]

    def schema(self, name: str) -> dict[str, Any]:
        """A deep copy of ``schemas/<name>.schema.json``: parsed again from its bytes, which
        for JSON data is the same and about twenty times faster than ``copy.deepcopy``."""
        parsed: dict[str, Any] = json.loads(self.source(name).decode("utf-8"))
        return parsed

    def validator(self, name: str) -> Draft202012Validator:
        """The validator of a shipped schema, built on first use."""
        if name not in self._validators:
            self._validators[name] = build_validator(self.schema(name))
        return self._validators[name]


@functools.cache
def format_checker() -> FormatChecker:
    """The 2020-12 format checker with sheyin's date rule (built once, never changed)."""
    from jsonschema import Draft202012Validator

    checker: FormatChecker = copy.deepcopy(Draft202012Validator.FORMAT_CHECKER)
    checker.checks("date")(is_date)  # sheyin's one date rule (sheyin.dates), on every Python
    return checker


def build_validator(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A 2020-12 validator that also checks formats; ``date`` is :func:`sheyin.dates.is_date`."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=format_checker())


def problems(validator: Draft202012Validator, instance: Any, file: str) -> tuple[Problem, ...]:
    """The schema violations of ``instance`` as problems naming file and key path (capped)."""
    return limited(explain(validator, instance, file), file)


def explain(validator: Draft202012Validator, instance: Any, file: str) -> list[Problem]:
    """Every schema violation of ``instance``, in key-path order."""
    found = sorted(
        validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message)
    )
    result: list[Problem] = []
    for error in found:
        for where, text in _explain(error):
            result.append(Problem(file=file, pointer=where, text=text))
    return result


def limited(found: list[Problem], file: str) -> tuple[Problem, ...]:
    """At most ``MAX_PROBLEMS`` problems, and a line saying how many more there were."""
    if len(found) <= MAX_PROBLEMS:
        return tuple(found)
    rest = len(found) - MAX_PROBLEMS
    more = Problem(file, "", Text(f"……另有 {rest} 处错误", f"... and {rest} more errors"))
    return (*found[:MAX_PROBLEMS], more)


def _explain(error: ValidationError) -> Iterator[tuple[str, Text]]:
    where = pointer(*error.absolute_path)
    kind: Any = error.validator
    expected: Any = error.validator_value
    value: Any = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if kind == "required":
        for key in expected:
            if isinstance(value, Mapping) and key not in value:
                yield where, Text(f"缺少必填的键“{key}”", f"missing required key '{key}'")
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        known = list(schema.get("properties", {}))
        for key in _extra_keys(value, schema):
            yield pointer(*error.absolute_path, key), _unknown_key(key, known)
    elif kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        zh = "或".join(_TYPE_NAMES[t].zh for t in types)
        en = " or ".join(_TYPE_NAMES[t].en for t in types)
        yield where, Text(f"应为{zh}，实际为 {_show(value)}", f"expected {en}, got {_show(value)}")
    elif kind in ("enum", "const"):
        options = expected if kind == "enum" else [expected]
        listed = ", ".join(json.dumps(o, ensure_ascii=False) for o in options)
        yield (
            where,
            Text(
                f"应为以下之一：{listed}；实际为 {_show(value)}",
                f"expected one of {listed}, got {_show(value)}",
            ),
        )
    elif kind == "format":
        yield (
            where,
            Text(
                f"{_show(value)} 不是有效的日期（应为真实存在的 YYYY-MM-DD 日期，在 1900-01-01 至 2199-12-31 之间）",
                f"{_show(value)} is not a valid date (expected a real YYYY-MM-DD date between 1900-01-01 and 2199-12-31)",
            ),
        )
    elif kind == "minLength":
        yield where, Text("不能为空字符串", "must not be an empty string")
    elif kind == "minItems":
        yield where, Text(f"至少需要 {expected} 项", f"needs at least {expected} item(s)")
    elif kind == "minimum":
        yield where, Text(f"应不小于 {expected}", f"must be at least {expected}")
    elif kind == "pattern" and expected == "\\S":
        yield where, Text("不能为空白", "must not be blank")
    elif kind == "pattern":
        yield (
            where,
            Text(
                f"{_show(value)} 不符合格式 {expected}", f"{_show(value)} does not match {expected}"
            ),
        )
    elif kind == "uniqueItems":
        yield where, Text("列表中有重复项", "the list has duplicate entries")
    elif kind == "propertyNames":
        yield where, Text(f"键名不合规：{error.message}", f"invalid key name: {error.message}")
    elif kind == "oneOf" and isinstance(value, Mapping) and {"check", "manual"} <= set(value):
        yield where, Text("check 与 manual 只能给出其一", "give either check or manual, not both")
    elif kind == "oneOf" and isinstance(value, Mapping) and not {"check", "manual"} & set(value):
        yield (
            where,
            Text(
                "必须给出 check（核查方式）或 manual（人工核查的理由）",
                "give a check or a manual reason",
            ),
        )
    else:
        yield (
            where,
            Text(
                f"不符合要求的形式：{error.message}", f"not of the expected form: {error.message}"
            ),
        )


def _extra_keys(instance: Any, schema: Mapping[str, Any]) -> list[str]:
    properties = schema.get("properties", {})
    return (
        [key for key in instance if key not in properties] if isinstance(instance, Mapping) else []
    )


def _unknown_key(key: str, known: list[str]) -> Text:
    import difflib  # only a document with a problem needs it

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return Text(
            f"未知的键“{key}”（是否应为“{close[0]}”？）",
            f"unknown key '{key}' (did you mean '{close[0]}'?)",
        )
    allowed = ", ".join(known)
    return Text(
        f"未知的键“{key}”；允许的键：{allowed}", f"unknown key '{key}'; allowed keys: {allowed}"
    )


def _show(value: Any) -> str:
    return literal(value, limit=60)

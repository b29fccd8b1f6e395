"""Reading the documents users hand to sheyin: snapshots, workspace files, form data.

One reader for every command and the Python API, so every input gets the same
limits and the same messages:

- only a regular file, or ``-`` for standard input (a FIFO, a device such as
  ``/dev/zero`` or a socket is refused before it is opened, so nothing hangs or
  reads without end);
- at most :data:`MAX_BYTES`;
- UTF-8, with or without a byte-order mark; UTF-16/UTF-32 and GBK/GB18030 are
  named so that the user knows what to convert;
- TOML or JSON (by suffix, else by the first character);
- JSON objects with a key given twice are refused (JSON parsers silently keep the
  last value: one appended ``"outlets": []`` would empty a snapshot);
- nesting deeper than :data:`MAX_DEPTH`, integers beyond ±(2^53 − 1) (the range
  JSON can exchange exactly), ``NaN``/``Infinity``, keys that are not strings and
  strings that are not valid Unicode (lone surrogates) are input errors naming the
  key path, never a crash further on.

:func:`check_document` applies the same structural limits to a dict handed to
the Python API.
"""

from __future__ import annotations

import json
import math
import re
import stat
import sys
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from itertools import repeat
from pathlib import Path
from typing import Any, BinaryIO

from attrs import frozen

from sheyin import _toml
from sheyin.echo import shown
from sheyin.engine.collection import collector_paused
from sheyin.errors import InputError, Problem, os_reason, pointer, problem
from sheyin.i18n import Text
from sheyin.schemas import limited, to_jsonable

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64
MAX_INTEGER = 2**53 - 1
STDIN = "-"
STDIN_LABEL = "<stdin>"
_PIECE = 1024 * 1024  # bytes read at a time from standard input
QUICK_JSON_MIN_BYTES = 1024 * 1024
"""JSON documents this large or larger are first read by msgspec (:func:`_quick_json`).
On smaller ones Python's parser is as fast, and importing msgspec would cost more (a
third of what starting Python costs) than it saves."""


@frozen
class Document:
    """A parsed document (JSON types) and how messages name it (file name or ``<stdin>``)."""

    data: Mapping[str, Any]
    file: str


def read_document(
    source: str | Path,
    *,
    stdin: BinaryIO | None = None,
    limit: int = MAX_BYTES,
    allow_stdin: bool = True,
) -> Document:
    """Read and parse ``source``: a path, or ``-`` for standard input (``stdin`` or ``sys.stdin``).

    With ``allow_stdin=False`` (the Python API) ``-`` is an ordinary file name.
    """
    if allow_stdin and str(source) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = _read_limited(stream, limit, STDIN_LABEL)
        return Document(parse_bytes(raw, STDIN_LABEL), STDIN_LABEL)
    path = Path(source)
    return Document(parse_bytes(read_bytes(path, limit), str(path), path.suffix.lower()), str(path))


def read_file(path: Path) -> Any:
    """Parse a TOML or JSON file into JSON types (see :func:`read_document`)."""
    return read_document(path).data


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or an :class:`InputError`."""
    file = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail(file, "这是目录，不是文件", "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(
                file,
                f"不是普通文件（{_kind_zh(info.st_mode)}）；请给出文件路径，或用 - 表示标准输入",
                f"is not a regular file ({_kind_en(info.st_mode)}); give a file, or - for standard input",
            )
        if info.st_size > limit:
            raise _too_large(file, limit)
        with path.open("rb") as stream:
            return _read_limited(stream, limit, file, info.st_size)
    except FileNotFoundError:
        raise _fail(file, "文件不存在", "file not found") from None
    except NotADirectoryError:
        raise _fail(file, "路径中有一段不是目录", "a part of the path is not a directory") from None
    except PermissionError:
        raise _fail(file, "没有读取权限", "permission denied") from None
    except OSError as exc:
        reason = os_reason(exc)
        raise _fail(file, f"无法读取：{reason.zh}", f"cannot be read: {reason.en}") from None
    except ValueError:  # a NUL byte in the path
        raise _fail(
            file, "路径中含有不允许的字符", "the path contains a forbidden character"
        ) from None


def parse_bytes(raw: bytes, file: str, suffix: str = "") -> dict[str, Any]:
    """Parse document bytes into JSON types; ``suffix`` (``.toml``/``.json``) chooses the syntax.

    The cyclic garbage collector is paused meanwhile: a parse builds containers only,
    never a cycle, and the collections their number triggers would walk everything
    built so far again and again (a third of the time of parsing a 20,000-outlet snapshot).
    """
    with collector_paused():
        return _parse_bytes(raw, file, suffix)


def _parse_bytes(raw: bytes, file: str, suffix: str) -> dict[str, Any]:
    text = _decode(raw, file)
    if not text.strip():
        raise _fail(file, "文件为空", "the file is empty")
    is_json = suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith(("{", "[")))
    # Lone surrogates can only come from a JSON \u escape (TOML refuses them itself).
    strings = is_json and _SURROGATE_ESCAPE.search(text) is not None
    if is_json and len(raw) >= QUICK_JSON_MIN_BYTES:
        quick = _quick_json(raw, text, strings)
        if quick is not None:
            return quick
    data = _parse_json(text, file) if is_json else _parse_toml(text, file)
    if not isinstance(data, dict):
        raise _fail(file, "顶层应为表（键值对象）", "the top level must be a table (object)")
    if _clean(data, strings=strings, string_keys=True) is None:
        found = structure_problems(data, file)
        if found:
            raise InputError(found)
    return data if is_json else to_jsonable(data)


def check_document(document: object, file: str) -> dict[str, Any]:
    """A document from the Python API in JSON types, or an :class:`InputError`.

    The top level must be a mapping with string keys; dates and tuples are accepted
    (they become ISO strings and lists); everything else must be JSON types within
    the limits above.
    """
    if not isinstance(document, Mapping):
        raise _fail(
            file,
            f"顶层应为表（键值对象），实际为 {type(document).__name__}",
            f"the top level must be a table (object), got {type(document).__name__}",
        )
    if _clean(document, strings=True, string_keys=False) is None:
        found = structure_problems(document, file)
        if found:
            raise InputError(found)
    return to_jsonable(document)  # type: ignore[no-any-return]


# A JSON escape of a UTF-16 surrogate (\ud800-\udfff), the only way a lone one gets in.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _clean(document: object, *, strings: bool, string_keys: bool) -> int | None:
    """None when :func:`structure_problems` would find something, decided in one quick
    pass; else the number of key-value pairs in the document's tables.

    Only a document that fails it is walked again, slowly, to name each problem: the
    quick pass builds no key paths, checks scalars where their container holds them,
    and skips what the parser already guarantees (``string_keys``: keys are strings;
    not ``strings``: no string can hold a lone surrogate).
    """
    pairs = 0
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        container, depth = stack.pop()
        shape = type(container)
        values: Iterable[Any]
        if shape is list or shape is tuple:
            values = container
        else:  # a mapping: nothing else is stacked
            if shape is not dict and getattr(container, "duplicates", None):
                return None
            if not string_keys and not all(type(k) is str for k in container):
                return None
            if strings and not all(k.isascii() or not _has_surrogate(k) for k in container):
                return None
            pairs += len(container)
            values = container.values()
        kinds = set(map(type, values))
        if not (strings and str in kinds):
            if kinds <= _PLAIN:
                continue  # texts, booleans and nulls only (most tables and lists): nothing to check
            if depth + 1 < MAX_DEPTH and kinds <= _NESTED:
                stack.extend(zip(values, repeat(depth + 1)))  # tables or lists only
                continue
        for value in values:
            kind = type(value)
            if kind is str:
                if strings and not value.isascii() and _has_surrogate(value):
                    return None
            elif kind is dict or kind is list or kind is tuple:
                if depth + 1 > MAX_DEPTH - 1 and value:
                    return None
                stack.append((value, depth + 1))
            elif kind is int:
                if not -MAX_INTEGER <= value <= MAX_INTEGER:
                    return None
            elif kind is float:
                if not math.isfinite(value):
                    return None
            elif kind is bool or value is None or kind in (date, datetime, time):
                continue
            elif isinstance(value, Mapping):
                if depth + 1 > MAX_DEPTH - 1 and value:
                    return None
                stack.append((value, depth + 1))
            else:
                return None
    return pairs


# Values of a table or list the quick pass need not look at one by one, and containers
# it stacks without looking at them first.
_PLAIN = frozenset({str, bool, type(None)})
_NESTED = frozenset({dict, list})


def structure_problems(document: object, file: str) -> tuple[Problem, ...]:
    """Problems no schema can catch: depth, key types, integer size, invalid Unicode, duplicates."""
    found: list[Problem] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while stack and len(found) <= 20:
        value, parts = stack.pop()
        where = pointer(*parts)
        if len(parts) > MAX_DEPTH:
            found.append(
                problem(
                    file,
                    pointer(*parts[:MAX_DEPTH]),
                    f"嵌套超过 {MAX_DEPTH} 层",
                    f"nested more than {MAX_DEPTH} levels deep",
                )
            )
            continue
        if isinstance(value, Mapping):
            for key in getattr(value, "duplicates", ()):
                found.append(
                    problem(
                        file,
                        pointer(*parts, key),
                        f"键“{shown(key)}”在同一对象中出现了不止一次",
                        f"key '{shown(key)}' appears more than once in the same object",
                    )
                )
            for key, item in reversed(list(value.items())):
                if not isinstance(key, str):
                    found.append(
                        problem(
                            file,
                            where,
                            f"键 {shown(key)} 不是字符串",
                            f"key {shown(key)} is not a string",
                        )
                    )
                    continue
                if _has_surrogate(key):
                    found.append(_surrogate(file, where, key))
                    continue
                stack.append((item, (*parts, key)))
        elif isinstance(value, (list, tuple)):
            stack.extend((item, (*parts, i)) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            if _has_surrogate(value):
                found.append(_surrogate(file, where, value))
        elif isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, int):
            if not -MAX_INTEGER <= value <= MAX_INTEGER:
                found.append(
                    problem(
                        file,
                        where,
                        f"整数 {shown(value)} 超出允许范围（±{MAX_INTEGER}）",
                        f"integer {shown(value)} is out of range (±{MAX_INTEGER})",
                    )
                )
        elif isinstance(value, _HugeInteger):
            found.append(
                problem(
                    file,
                    where,
                    f"整数过大（{value.digits} 位，允许范围 ±{MAX_INTEGER}）",
                    f"integer too large ({value.digits} digits; allowed ±{MAX_INTEGER})",
                )
            )
        elif isinstance(value, float):
            if not math.isfinite(value):
                found.append(
                    problem(
                        file,
                        where,
                        f"数值 {value} 不是有限的数",
                        f"number {value} is not finite",
                    )
                )
        elif not isinstance(value, (date, datetime, time)):
            found.append(
                problem(
                    file,
                    where,
                    f"不支持的值类型 {type(value).__name__}（应为字符串、数字、布尔值、日期、列表或表）",
                    f"unsupported value of type {type(value).__name__} (expected a string, number, boolean, date, list or table)",
                )
            )
    return limited(found, file)


# --- decoding ---------------------------------------------------------------------------------

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)


def _decode(raw: bytes, file: str) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise _encoding(file, encoding)
    if b"\x00" in raw:
        head = raw[:64]
        if len(head) >= 4 and head[1::2].count(0) >= len(head) // 4 and 0 not in head[0::2]:
            raise _encoding(file, "UTF-16LE")
        if len(head) >= 4 and head[0::2].count(0) >= len(head) // 4 and 0 not in head[1::2]:
            raise _encoding(file, "UTF-16BE")
        raise _fail(file, "不是文本文件（含二进制内容）", "not a text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail(
                file,
                f"不是 UTF-8 编码的文本（第 {exc.start} 字节）",
                f"not UTF-8 text (byte {exc.start})",
            ) from None
        raise _encoding(file, "GBK/GB18030") from None


def _encoding(file: str, encoding: str) -> InputError:
    return _fail(
        file,
        f"文件编码为 {encoding}，不是 UTF-8；请另存为 UTF-8 编码",
        f"the file is encoded as {encoding}, not UTF-8; save it as UTF-8",
    )


# --- parsing ----------------------------------------------------------------------------------


class _WithDuplicates(dict[str, Any]):
    """A JSON object in which some keys were given more than once."""

    duplicates: tuple[str, ...] = ()


@frozen
class _HugeInteger:
    """A JSON integer literal too long to convert (Python refuses over 4,300 digits)."""

    digits: int


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    marked = _WithDuplicates(pairs)
    marked.duplicates = tuple(dict.fromkeys(repeated))
    return marked


def _integer(literal: str) -> int | _HugeInteger:
    digits = len(literal.lstrip("-"))
    return int(literal) if digits <= 20 else _HugeInteger(digits)


def _quick_json(raw: bytes, text: str, strings: bool) -> dict[str, Any] | None:
    """The document, parsed by msgspec's C parser from ``raw`` (``text`` decoded), when it
    is a table with no problem :func:`structure_problems` would find; else None, and the
    careful parse decides (and names what is wrong).

    msgspec reads standard JSON only: it refuses what Python's parser would take and the
    careful parse must judge (``NaN``, ``Infinity``, a number beyond a float's range, a
    lone surrogate escape, an integer of thousands of digits), and otherwise gives the
    same values as Python's parser, in 0.6 of its time. Like that parser without hooks,
    it keeps the last of a repeated key, so repeats are found by counting: every key written
    ends with a quote, then optional blanks, then a colon, so the text holds at least as
    many such ends as keys written (a string may add more). If it holds no more than the
    parsed tables have pairs, no pair was lost to a repeat.
    """
    import msgspec  # its import is not paid by commands that read no JSON

    body = memoryview(raw)[len(_UTF8_BOM) :] if raw.startswith(_UTF8_BOM) else raw
    try:
        data = msgspec.json.decode(body)
    except (msgspec.DecodeError, RecursionError):  # not standard JSON, or nested too deeply
        return None
    if not isinstance(data, dict):
        return None
    pairs = _clean(data, strings=strings, string_keys=True)
    if pairs is None:
        return None
    written = text.count('":')
    if written != pairs or _BLANK_BEFORE_COLON.search(text):
        written = len(_KEY_END.findall(text))
    return data if written == pairs else None


_UTF8_BOM = b"\xef\xbb\xbf"  # decoded as UTF-8 by _decode; msgspec refuses it

# The end of a key as JSON writes it (with blanks before the colon, as some writers do).
_KEY_END = re.compile(r'"[ \t\r\n]*:')
_BLANK_BEFORE_COLON = re.compile(r'"[ \t\r\n]+:')


def _parse_json(text: str, file: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_int=_integer)
    except json.JSONDecodeError as exc:
        reason = shown(exc.msg)
        raise _fail(
            file,
            f"JSON 语法错误（第 {exc.lineno} 行第 {exc.colno} 列）：{reason}",
            f"JSON syntax error (line {exc.lineno}, column {exc.colno}): {reason}",
        ) from None
    except RecursionError:
        raise _too_deep(file) from None


def _parse_toml(text: str, file: str) -> Any:
    try:
        return _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        reason = shown(str(exc), limit=200)
        raise _fail(file, f"TOML 语法错误：{reason}", f"TOML syntax error: {reason}") from None
    except RecursionError:
        raise _too_deep(file) from None
    except ValueError as exc:  # e.g. an integer literal beyond Python's conversion limit
        reason = shown(str(exc), limit=120)
        raise _fail(file, f"TOML 内容无效：{reason}", f"invalid TOML: {reason}") from None


# --- messages ---------------------------------------------------------------------------------


def _fail(file: str, zh: str, en: str) -> InputError:
    return InputError((problem(file, "", zh, en),))


def _too_large(file: str, limit: int) -> InputError:
    if limit >= 1024 * 1024:
        zh = en = f"{limit // (1024 * 1024)} MiB"
    else:
        zh, en = f"{limit} 字节", f"{limit} bytes"
    return _fail(file, f"文件过大（超过 {zh}）", f"the file is too large (over {en})")


def _too_deep(file: str) -> InputError:
    return _fail(
        file,
        f"嵌套层数过深（最多 {MAX_DEPTH} 层）",
        f"nested too deeply (at most {MAX_DEPTH} levels)",
    )


def _read_limited(stream: BinaryIO, limit: int, file: str, expected: int | None = None) -> bytes:
    """At most ``limit`` bytes of ``stream``, else an error; ``expected`` is a file's size.

    Read in pieces, so that memory follows the input, not the limit: ``read(limit + 1)``
    would allocate the whole limit (256 MiB) up front for every input. A file is read in
    one piece of its size (and one byte more, in case it grew).
    """
    pieces: list[bytes] = []
    total = 0
    want = _PIECE if expected is None else expected + 1
    while piece := stream.read(min(want, limit + 1 - total)):
        pieces.append(piece)
        total += len(piece)
        if total > limit:
            raise _too_large(file, limit)
        want = _PIECE
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate(file: str, where: str, text: str) -> Problem:
    return Problem(
        file,
        where,
        Text(
            f"含有无效的 Unicode 字符（孤立的代理项）：{shown(text)}",
            f"contains an invalid Unicode character (a lone surrogate): {shown(text)}",
        ),
    )


def _kind_zh(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def _kind_en(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INTEGER",
    "STDIN",
    "Document",
    "check_document",
    "parse_bytes",
    "read_bytes",
    "read_document",
    "read_file",
    "structure_problems",
]

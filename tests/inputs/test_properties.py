"""Property tests: whatever a snapshot contains, sheyin answers with a report or an input error.

Each example takes the bundled demo snapshot of a built-in profile and damages it:
a key dropped, a value swapped for one of another type, random Unicode, extreme
numbers and dates, an id or link replaced by another record's. Through the Python
API the result must be a report or an :class:`InputError`/:class:`ProfileError`
(an unknown profile name is bad input too), never any other exception, and never a
check kind failing (:class:`PluginError`). Through the command line, a smaller sample
must exit 0, 1 or 2 without a traceback or an internal error.

The default run is bounded and derandomised (a few dozen examples, seconds); ``nox -s
fuzz`` sets ``SHEYIN_FUZZ=1`` for thousands of random ones.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sheyin import InputError, ProfileError, Report, Sheyin
from sheyin.cli import check, cli, init  # noqa: F401 - registers the commands used here
from sheyin.demo import demo_snapshots

FUZZ = os.environ.get("SHEYIN_FUZZ") == "1"
BOUNDED = settings(
    max_examples=4000 if FUZZ else 40,
    deadline=None,
    derandomize=not FUZZ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CLI_SAMPLE = settings(BOUNDED, max_examples=400 if FUZZ else 10)
NEVER = ("Traceback", "内部错误", "internal error", "核查“", "check kind")


@cache
def app() -> Sheyin:
    """One application object for every example (building one loads every plugin)."""
    return Sheyin()


@cache
def bases() -> tuple[dict[str, Any], ...]:
    """The demo snapshot of every built-in profile, with its profile named inside."""
    return tuple({**document, "profile": name} for name, document, _ in demo_snapshots(app()))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _strings(value: Any) -> list[str]:
    return [p[-1] for p in _paths(value) if p and isinstance(p[-1], str)] + [
        v for v in _leaves(value) if isinstance(v, str)
    ]


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


TRICKY_TEXT = [
    "",
    " ",
    "2025-02-30",
    "20251120",
    "2025-W47-4",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2200-01-01",
    "2199-12-31",
    "1900-01-01",
    "\x1b[31m红\x1b[0m",
    "\x00",
    "\u202e反转",
    "ghost-person",
    "department",
    "受理区",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, -1, 1, 2**53 - 1, 2**53, 10**8, 10**20]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(TRICKY_TEXT),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)).map(date.isoformat),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def damaged_snapshots(draw: st.DrawFn) -> dict[str, Any]:
    """A demo snapshot with one to four things wrong with it."""
    document = copy.deepcopy(draw(st.sampled_from(bases())))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(document)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        action = draw(st.sampled_from(["drop", "replace", "reuse", "add"]))
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(values)
        elif action == "reuse":  # another record's id, name or value: links and duplicates
            parent[key] = draw(st.sampled_from(_strings(document) or [""]))
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from([*map(str, path), "x", "by", "left_on", "as_of"]))] = draw(
                values
            )
        else:
            parent.append(draw(values))
    return document


@BOUNDED
@given(damaged_snapshots())
def test_the_api_gives_a_report_or_an_input_error(document: dict[str, Any]) -> None:
    try:
        report = app().check(document)
    except (InputError, ProfileError):
        return
    assert isinstance(report, Report)
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # printable as UTF-8


@BOUNDED
@given(damaged_snapshots())
def test_due_gives_an_agenda_or_an_input_error(document: dict[str, Any]) -> None:
    try:
        app().due(document)
    except (InputError, ProfileError):
        return


@CLI_SAMPLE
@given(damaged_snapshots(), st.sampled_from(["text", "json"]))
def test_the_command_exits_0_1_or_2_and_never_crashes(
    tmp_path_factory: Any, document: dict[str, Any], fmt: str
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    path = folder / "snapshot.json"
    text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt], env={})
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), output
    for fragment in NEVER:
        assert fragment not in output, output


# --- the quick structural pass agrees with the walk that names each problem -------------------

structures = st.recursive(
    scalars | st.sampled_from(["\ud800", "a\udfffb", float("nan"), 2**70, date(2025, 1, 1)]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=3) | st.sampled_from(["\udc80", 7]), inner, max_size=4)
    ),
    max_leaves=30,
)


def _nested(depth: int) -> dict[str, Any]:
    document: dict[str, Any] = {"leaf": 1}
    for _ in range(depth):
        document = {"a": [document]}
    return document


@BOUNDED
@given(document=structures)
def test_quick_structure_pass_agrees_with_the_full_walk(document: Any) -> None:
    from sheyin.documents import _clean, structure_problems

    found = structure_problems({"x": document}, "f.json")
    assert (_clean({"x": document}, strings=True, string_keys=False) is not None) == (not found)


@pytest.mark.parametrize("depth", [30, 31, 32, 33])
def test_quick_structure_pass_agrees_on_depth(depth: int) -> None:
    from sheyin.documents import _clean, structure_problems

    document = _nested(depth)  # 2 × depth + 1 levels
    found = structure_problems(document, "f.json")
    assert (_clean(document, strings=True, string_keys=False) is not None) == (not found)
    assert (_clean(document, strings=False, string_keys=True) is not None) == (not found)


# JSON text written by hand, so that keys may repeat and blanks may sit anywhere JSON
# allows (some writers put one before the colon): the quick parse must agree with the
# careful one, repeats included.
_BLANKS = st.sampled_from(["", " ", "\n  ", "\t", " \r\n"])
_KEYS = st.sampled_from(["a", "b", "id", 'q"', "x\\", 'k":', "键"])


# Scalars as other writers spell them, and what Python's parser takes beyond standard
# JSON: both parsers must read the first alike, and the quick one leave the rest to the
# careful one.
_LITERALS = st.sampled_from(
    [
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "1e-400",
        "-0",
        "-0.0",
        "0e0",
        "1E5",
        "2.5e-310",
        "1.7976931348623157e308",
        "1.00000000000000011102230246251565404236316680908203125",
        "9007199254740993",
        "18446744073709551616",
        "-9223372036854775809",
        '"\\ud800"',
        '"\\udc00x"',
        '"\\ud83d\\ude00"',
        '"\\u00e9\\/\\b\\f\\n\\r\\t\\u0000"',
        '"\\u0022:"',
    ]
)
_NUMBERS = st.builds(
    "{}{}.{}e{}".format,
    st.sampled_from(["", "-"]),
    st.integers(0, 10**20),
    st.integers(0, 10**20),
    st.integers(-330, 330),
)


@st.composite
def _json_text(draw: st.DrawFn, depth: int = 0) -> str:
    blank = draw(_BLANKS)
    kind = draw(st.sampled_from(["object", "array", "scalar"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        literal = draw(st.one_of(st.none(), _LITERALS, _NUMBERS))
        if literal is not None:
            return literal
        value = draw(
            st.one_of(
                st.integers(-(10**25), 10**25),
                st.floats(allow_nan=False, allow_infinity=False),
                st.text(alphabet=st.sampled_from('a"\\:键 '), max_size=6),
                st.booleans(),
                st.none(),
            )
        )
        return json.dumps(value, ensure_ascii=draw(st.booleans()))
    if kind == "array":
        items = draw(st.lists(_json_text(depth + 1), max_size=3))
        return "[" + blank + ("," + blank).join(items) + "]"
    keys = draw(st.lists(_KEYS, max_size=4))
    members = [
        json.dumps(k, ensure_ascii=False)
        + draw(_BLANKS)
        + ":"
        + draw(_BLANKS)
        + draw(_json_text(depth + 1))
        for k in keys
    ]
    return "{" + blank + ("," + blank).join(members) + blank + "}"


@BOUNDED
@given(body=_json_text(), bom=st.booleans())
@example(body="[1.5, -0.0, 1, 1.0, 1e400]", bom=False)  # refused: 1e400
@example(body="[1.5, -0.0, 1, 1.0, 9007199254740993]", bom=True)
def test_quick_json_parse_reads_what_python_reads(body: str, bom: bool) -> None:
    from sheyin.documents import _quick_json

    text = '{"k": ' + body + "}"
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    quick = _quick_json(raw, text, strings=True)
    if quick is not None:  # the same values, types (1 and 1.0), signs (-0.0) and order
        assert repr(quick) == repr(json.loads(text))


@BOUNDED
@given(body=_json_text(), key=_KEYS, blank=_BLANKS)
@example(body='{"a" :1,"a":2}', key="b", blank="")  # a repeat hidden by a blank before ':'
@example(body='{"a":1,"a":2,"n":"\\":"}', key="b", blank="")  # ... by '":' in a string
@example(body='{"n":"\\":"}', key="b", blank=" ")  # no repeat, '":' in a string
def test_quick_json_parse_agrees_with_the_careful_one(body: str, key: str, blank: str) -> None:
    from sheyin import documents
    from sheyin.documents import _clean, _parse_json, parse_bytes, structure_problems

    text = "{" + json.dumps(key) + blank + ":" + body + "}"
    careful = _parse_json(text, "f.json")
    problems = structure_problems(careful, "f.json")
    with pytest.MonkeyPatch.context() as patch:  # the quick parse, small as the text is
        patch.setattr(documents, "QUICK_JSON_MIN_BYTES", 0)
        if problems:  # the same problems, repeated keys included
            with pytest.raises(InputError) as raised:
                parse_bytes(text.encode(), "f.json", ".json")
            assert raised.value.problems == problems
        else:
            assert parse_bytes(text.encode(), "f.json", ".json") == careful
            assert _clean(careful, strings=True, string_keys=True) is not None

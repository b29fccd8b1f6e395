"""Malformed snapshots: one InputError naming the file, the key path and what was expected."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from sheyin import InputError, Sheyin
from sheyin.documents import read_document
from sheyin.errors import Problem
from sheyin.i18n import Text


def problems(app: Sheyin, source: Any, profile: str = "toy") -> list[tuple[str, str, str]]:
    with pytest.raises(InputError) as caught:
        app.check(source, profile=profile)
    return [(p.file, p.pointer, p.text.render("zh")) for p in caught.value.problems]


def test_unknown_key_suggests_the_right_one(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["zonse"] = []
    [(_, where, message)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/zonse"
    assert message == "未知的键“zonse”（是否应为“zones”？）"


def test_wrong_type(toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]) -> None:
    outlet["zones"] = "受理区"
    [(_, where, message)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/zones"
    assert message.startswith("应为数组（列表）")


def test_impossible_date_in_json(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["staff"][0]["joined_on"] = "2025-02-30"
    [(_, where, message)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/staff/0/joined_on"
    assert "不是有效的日期" in message


def test_impossible_date_in_toml(toy_app: Sheyin, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('profile = "toy"\nas_of = 2025-02-30\n', encoding="utf-8")
    [(file, _, message)] = problems(toy_app, path)
    assert file == str(path)
    assert message.startswith("TOML 语法错误")


def test_missing_required_key(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    del snapshot["outlets"][0]["partnership"]
    [(_, where, message)] = problems(toy_app, snapshot)
    assert (where, message) == ("/outlets/0", "缺少必填的键“partnership”")


def test_unknown_zone_with_suggestion(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["zones"] = ["受理"]
    [(_, where, message)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/zones/0"
    assert message == "未知的功能区“受理”（是否应为“受理区”？）"


def test_term_under_the_wrong_domain(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["equipment"] = ["书架"]
    [(_, _, message)] = problems(toy_app, snapshot)
    assert "书架”是设施物品，应写在 facilities 下" in message


def test_unknown_outlet_kind_and_event_type(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["kind"] = "网吧"
    outlet["events"].append({"on": "2025-04-01", "type": "庆典"})
    found = problems(toy_app, snapshot)
    assert [w for _, w, _ in found] == ["/outlets/0/kind", "/outlets/0/events/4/type"]


def test_unknown_catalogue_item_is_a_finding_not_an_input_error(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["items"] = ["办理护照", "参保登记"]
    [finding] = toy_app.check(snapshot).by_rule("toy.items")
    assert (finding.path, finding.severity) == ("/outlets/0/items/0", "error")
    assert finding.message == "事项“办理护照”不在 2025-06-01 有效的指导目录中"


def test_misspelt_catalogue_item_names_the_nearest(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["items"] = ["参保登计"]
    [finding] = toy_app.check(snapshot).by_rule("toy.items")
    assert finding.message.endswith("（是否为“参保登记”？）")


def test_catalogue_item_that_is_not_a_string_is_an_input_error(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["items"] = [42]
    [(_, where, _message)] = problems(toy_app, snapshot)
    assert where.startswith("/outlets/0/items/0")


def test_dangling_links(toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
    snapshot["partnerships"][0]["bank"] = "nobank"
    snapshot["outlets"][0]["partnership"] = "nop"
    found = problems(toy_app, snapshot)
    assert [(w, m) for _, w, m in found] == [
        ("/partnerships/0/bank", "引用了不存在的银行“nobank”"),
        ("/outlets/0/partnership", "引用了不存在的合作关系“nop”"),
    ]


def test_event_names_unknown_staff(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["events"].append(
        {"on": "2025-04-01", "type": "staff_change", "staff": "ghost", "change": "add"}
    )
    [(_, where, _)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/events/4/staff"


def test_duplicate_ids(toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]) -> None:
    snapshot["outlets"].append({**outlet, "staff": []})
    outlet["staff"].append(dict(outlet["staff"][0]))
    found = [w for _, w, _ in problems(toy_app, snapshot)]
    assert found == ["/outlets/1/id", "/outlets/0/staff/1/id"]


def test_field_not_allowed_for_event_type(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["events"][1]["sealed"] = True  # a plaque event has no 'sealed'
    [(_, where, _)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/events/1/sealed"


def test_profile_added_fields_are_accepted_and_typed(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["pilot"] = True
    outlet["events"].append({"on": "2025-04-01", "type": "自查", "score": 90})
    assert toy_app.check(snapshot).findings == ()
    outlet["events"][-1]["score"] = -1
    [(_, where, _)] = problems(toy_app, snapshot)
    assert where == "/outlets/0/events/4/score"


def test_english_messages(
    toy_app: Sheyin, outlet: dict[str, Any], snapshot: dict[str, Any]
) -> None:
    outlet["zones"] = ["受理"]
    with pytest.raises(InputError) as caught:
        toy_app.check(snapshot)
    assert (
        caught.value.render("en")
        == "<snapshot>:/outlets/0/zones/0: unknown zone '受理' (did you mean '受理区'?)"
    )


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        (b"", ".toml", "文件为空"),
        (b"  \n", ".json", "文件为空"),
        (b"\x00\x01binary", ".toml", "不是文本文件（含二进制内容）"),
        (b"\x80\x80", ".toml", "不是 UTF-8 编码的文本（第 0 字节）"),
        (
            b'{"profile": "toy",}',
            ".json",
            "JSON 语法错误（第 1 行第 1",
        ),  # column: 18 or 19 by Python version
        (b"[1, 2]", ".json", "顶层应为表（键值对象）"),
        (b"profile = ", ".toml", "TOML 语法错误"),
    ],
)
def test_unreadable_files(
    toy_app: Sheyin, tmp_path: Path, content: bytes, suffix: str, expected: str
) -> None:
    path = tmp_path / f"snapshot{suffix}"
    path.write_bytes(content)
    [(file, where, message)] = problems(toy_app, path)
    assert (file, where) == (str(path), "")
    assert message.startswith(expected)


def test_missing_file(toy_app: Sheyin, tmp_path: Path) -> None:
    [(_, _, message)] = problems(toy_app, tmp_path / "nope.toml")
    assert message == "文件不存在"


def test_json_and_toml_give_the_same_report(
    toy_app: Sheyin, tmp_path: Path, snapshot: dict[str, Any]
) -> None:
    snapshot["outlets"][0]["zones"] = ["受理区"]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    assert toy_app.check(path).findings == toy_app.check(snapshot).findings


def test_many_problems_are_reported_together_and_capped(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    outlet["zones"] = [f"区{i}" for i in range(30)]
    found = problems(toy_app, snapshot)
    assert len(found) == 21
    assert found[-1][2] == "……另有 10 处错误"


# --- the Python API refuses what the CLI refuses ----------------------------------------------


@pytest.mark.parametrize(
    ("document", "where", "expected"),
    [
        ({1: "x"}, "", "键 1 不是字符串"),
        ({"profile": "toy", "outlets": {"a"}}, "/outlets", "不支持的值类型 set"),
        ({"profile": "toy", "x": 2**80}, "/x", "超出允许范围"),
        ({"profile": "toy", "x": float("nan")}, "/x", "不是有限的数"),
        ({"profile": "toy", "x": "\ud800"}, "/x", "孤立的代理项"),
    ],
)
def test_api_documents_get_the_reader_limits(
    toy_app: Sheyin, document: dict[Any, Any], where: str, expected: str
) -> None:
    [(file, pointer, message)] = problems(toy_app, document)
    assert (file, pointer) == ("<snapshot>", where)
    assert expected in message


def test_api_refuses_a_snapshot_that_is_not_a_mapping(toy_app: Sheyin) -> None:
    [(_, _, message)] = problems(toy_app, 5)
    assert message == "顶层应为表（键值对象），实际为 int"


def test_api_nesting_beyond_the_limit(toy_app: Sheyin) -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    [(_, where, message)] = problems(toy_app, {"profile": "toy", "x": deep})
    assert where.startswith("/x/0/0")
    assert message == "嵌套超过 64 层"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"profile": "toy"}' + " " * 100, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(path, limit=64)
    assert caught.value.render("zh") == f"{path}: 文件过大（超过 64 字节）"


def test_standard_input_over_the_size_limit() -> None:
    with pytest.raises(InputError) as caught:
        read_document("-", stdin=io.BytesIO(b"x" * 100), limit=64)
    assert caught.value.render("en").startswith("<stdin>: the file is too large")


@pytest.mark.parametrize("size", [63, 64])
def test_input_up_to_the_limit_is_read_whole(tmp_path: Path, size: int) -> None:
    text = '{"profile": "toy"}'
    padded = (text + " " * size)[:size] if size >= len(text) else text
    path = tmp_path / "edge.json"
    path.write_text(padded, encoding="utf-8")
    assert read_document(path, limit=64).data == {"profile": "toy"}
    piped = read_document("-", stdin=io.BytesIO(padded.encode()), limit=64)
    assert piped.data == {"profile": "toy"}


def test_standard_input_is_read_in_pieces_up_to_the_limit() -> None:
    text = '{"profile": "toy", "note": "' + "长" * 700_000 + '"}'  # 2.1 MB: three pieces
    raw = text.encode()
    assert read_document("-", stdin=io.BytesIO(raw), limit=len(raw)).data["note"] == "长" * 700_000
    with pytest.raises(InputError):
        read_document("-", stdin=io.BytesIO(raw), limit=len(raw) - 1)


def test_api_treats_a_dash_as_a_file_name(
    toy_app: Sheyin, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    [(file, _, message)] = problems(toy_app, "-")
    assert (file, message) == ("-", "文件不存在")


def test_a_profile_that_is_not_a_string_in_a_dict(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    snapshot["profile"] = True
    with pytest.raises(InputError) as caught:
        toy_app.check(snapshot)
    assert (
        caught.value.render("en")
        == "<snapshot>:/profile: expected a string (a profile name), got true"
    )


def test_by_may_name_a_staff_member_of_any_outlet(
    toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
) -> None:
    snapshot["partnerships"][0]["events"].append(
        {"on": "2025-04-01", "type": "evaluation", "by": outlet["staff"][0]["id"]}
    )
    assert toy_app.check(snapshot).profile == "toy"  # no InputError: the person exists


def test_repeated_problem_lines_are_shown_once() -> None:
    same = Problem("f", "/a", Text("坏", "bad"))
    assert InputError((same, same)).render("zh") == "f:/a: 坏"

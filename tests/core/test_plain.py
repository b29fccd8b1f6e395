"""Tables drawn without rich (sheyin.cli.plain) are the characters rich draws, or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

import sheyin.cli.check
from sheyin import Sheyin
from sheyin.cli.check import print_report, report_text
from sheyin.cli.output import PIPE_RULE_WIDTH, console, table
from sheyin.cli.plain import WIDTH, plain_line, plain_output, plain_table
from sheyin.engine.findings import Report
from support import demos


def rich_text(*renderables: object) -> str:
    """What the command's console prints to a pipe (sheyin.cli.output.console)."""
    out = Console(
        file=io.StringIO(), width=WIDTH, soft_wrap=False, highlight=False, color_system=None
    )
    with out.capture() as captured:
        for renderable in renderables:
            out.print(renderable)
    return captured.get()


def rich_table(title: str | None, headers: list[str], rows: list[list[str]]) -> str:
    return rich_text(
        table(
            None if title is None else escape(title),
            [escape(h) for h in headers],
            [[escape(c) for c in row] for row in rows],
        )
    )


# Letters, digits, punctuation rich might read specially, CJK and full-width forms, curly
# quotes (ambiguous width), a combining mark, a control character, spaces.
ALPHABET = "abcXYZ019.-/_:[]\\ 中文规范网点（）：，、“”·é\u0301\t\n"
texts = st.text(alphabet=ALPHABET, max_size=40)
# Text that is always drawn: printable, one line, nothing rich reads specially.
plain_texts = st.text(alphabet="abcXYZ019.-/_中文规范网点（）：，、·", min_size=1, max_size=15)


@settings(max_examples=300, deadline=None)
@given(
    title=st.none() | texts,
    headers=st.lists(texts, min_size=1, max_size=5),
    data=st.data(),
)
def test_a_table_is_drawn_as_rich_draws_it_or_not_at_all(
    title: str | None, headers: list[str], data: st.DataObject
) -> None:
    rows = data.draw(st.lists(st.lists(texts, min_size=len(headers), max_size=len(headers))))
    drawn = plain_table(title, headers, rows)
    if drawn is not None:
        assert drawn == rich_table(title, headers, rows)


@settings(max_examples=100, deadline=None)
@given(
    title=st.text(alphabet="abc中文·", min_size=1, max_size=2),  # narrower than any table
    headers=st.lists(plain_texts, min_size=1, max_size=5),
    data=st.data(),
)
def test_plain_text_that_fits_is_drawn(title: str, headers: list[str], data: st.DataObject) -> None:
    rows = data.draw(
        st.lists(st.lists(plain_texts, min_size=len(headers), max_size=len(headers)), max_size=4)
    )
    drawn = plain_table(title, headers, rows)
    assert drawn is not None
    assert drawn == rich_table(title, headers, rows)


def test_a_table_wider_than_the_console_is_left_to_rich() -> None:
    half = WIDTH // 2
    assert plain_table("t", ["a", "b"], [["x" * half, "y" * half]]) is None
    assert plain_table("t", ["a", "b"], [["x" * (half - 5), "y" * (half - 5)]]) == rich_table(
        "t", ["a", "b"], [["x" * (half - 5), "y" * (half - 5)]]
    )


def test_a_wide_row_stays_on_one_line_in_a_file_or_pipe() -> None:
    # Guangdong cites clauses such as this one: with its messages, rows are over 200 cells.
    clause = "第二十条第（三）项、第二十二条第（四）项"
    message = "2024-03-10 已挂牌，至 2025-06-30 未见登记（一体化系统及广东社保电子地图）" * 2
    rows = [["错误", clause, "outlets/o1000/staff/s1000-0", message, "guangdong.posts.covered"]]
    drawn = plain_table(
        "guangdong.json · guangdong", ["严重程度", "条款", "对象", "问题", "规则"], rows
    )
    assert drawn is not None
    assert drawn == rich_table(
        "guangdong.json · guangdong", ["严重程度", "条款", "对象", "问题", "规则"], rows
    )
    assert len(drawn.splitlines()) == 6  # title, head (three lines), the row, bottom
    assert max(len(line) for line in drawn.splitlines()) > 200


def test_off_a_terminal_a_rule_spans_the_usual_width_and_a_report_any_width(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `sheyin demo` draws a rule between steps: it must not span a report's width.
    console().rule("步骤")
    assert cell_len(capsys.readouterr().out.rstrip("\n")) == PIPE_RULE_WIDTH == 200
    assert console(wide=True).width == WIDTH


def test_repeated_texts_are_drawn_like_distinct_ones() -> None:
    rows = [["错误", "第十九条", f"outlets/o{i}", "缺少设施物品：无障碍设施"] for i in range(3)]
    rows.append(["提示", "第十九条", "outlets/o3", "缺少设施物品：无障碍设施"])
    assert plain_table(None, ["a", "b", "c", "d"], rows) == rich_table(
        None, ["a", "b", "c", "d"], rows
    )


def test_a_title_wider_than_the_table_is_left_to_rich() -> None:
    assert plain_table("a long title", ["a"], [["x"]]) is None


@pytest.mark.parametrize("text", ["错误 1 项，警告 0 项，提示 2 项", "x" * WIDTH, "", "a · b"])
def test_a_line_that_fits_is_printed_as_rich_prints_it(text: str) -> None:
    assert plain_line(text) == rich_text(text)


@pytest.mark.parametrize(
    "text", ["x" * (WIDTH + 1), "two\nlines", "[bold]x[/bold]", "a :fire: b", "a  b"]
)
def test_a_line_rich_would_change_is_left_to_rich(text: str) -> None:
    assert plain_line(text) is None


def test_a_terminal_or_a_forced_terminal_is_left_to_rich() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert plain_output(pipe, {})
    assert not plain_output(Terminal(), {})
    assert not plain_output(pipe, {"FORCE_COLOR": "1"})
    assert not plain_output(pipe, {"TTY_COMPATIBLE": "1"})
    assert not plain_output(io.TextIOWrapper(io.BytesIO(), encoding="latin-1"), {})


def reports() -> list[tuple[str, Report]]:
    app = Sheyin()
    return [
        (region, app.check(document, as_of=date(2025, 6, 30)))
        for region, document in sorted(demos().items())
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_region_s_demo_report_prints_as_rich_prints_it(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drawn_plain = 0
    checked = reports()
    for region, report in checked:
        note = "注意：以选项为准" if region == "yulin" else None
        expected_out = io.StringIO()
        monkeypatch.setattr(sheyin.cli.check, "plain_output", lambda stream: False)
        monkeypatch.setattr("sys.stdout", expected_out)
        print_report(report, lang, f"{region}.toml", note)  # type: ignore[arg-type]
        monkeypatch.undo()
        text = report_text(report, lang, f"{region}.toml", note)  # type: ignore[arg-type]
        if text is not None:
            drawn_plain += 1
            assert text == expected_out.getvalue(), region
    assert drawn_plain == len(checked)  # every region's report is drawn without rich

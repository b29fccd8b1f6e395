"""Tables drawn without rich (sheyin.cli.plain) are the characters rich draws, or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape

import sheyin.cli.check
from sheyin import Sheyin
from sheyin.cli.check import print_report, report_text
from sheyin.cli.output import table
from sheyin.cli.plain import plain_line, plain_output, plain_table
from sheyin.engine.findings import Report
from support import demos


def rich_text(*renderables: object) -> str:
    """What the command's console prints to a pipe (sheyin.cli.output.console)."""
    out = Console(
        file=io.StringIO(), width=200, soft_wrap=False, highlight=False, color_system=None
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
# Text that is always drawn: five columns of at most 30 cells fit in 200.
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
    assert plain_table("t", ["a", "b"], [["x" * 120, "y" * 120]]) is None
    assert plain_table("t", ["a", "b"], [["x" * 90, "y" * 90]]) == rich_table(
        "t", ["a", "b"], [["x" * 90, "y" * 90]]
    )


def test_a_title_wider_than_the_table_is_left_to_rich() -> None:
    assert plain_table("a long title", ["a"], [["x"]]) is None


@pytest.mark.parametrize("text", ["错误 1 项，警告 0 项，提示 2 项", "x" * 200, "", "a · b"])
def test_a_line_that_fits_is_printed_as_rich_prints_it(text: str) -> None:
    assert plain_line(text) == rich_text(text)


@pytest.mark.parametrize("text", ["x" * 201, "two\nlines", "[bold]x[/bold]", "a :fire: b", "a  b"])
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
    for region, report in reports():
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
    assert drawn_plain > 0

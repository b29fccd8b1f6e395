"""What click itself prints (usage errors, help pages) comes out in the user's language:
Chinese by default, English with --lang en, SHEYIN_LANG or lang in sheyin.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from sheyin.cli import COMMANDS, cli
from sheyin.cli.helptext import Localized, LocalOption, display_width, wrap
from sheyin.cli.usage import usage_text

ENGLISH = ("--lang", "en")


@pytest.fixture(autouse=True)
def plain_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No workspace file and no language variable: Chinese unless a test says otherwise."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHEYIN_LANG", raising=False)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, terminal_width=80, prog_name="sheyin")


def usage_error(result: Result) -> str:
    """Standard error of a usage error, after checking its exit status and empty stdout."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


# --- the frame: usage line, hint, exit status --------------------------------------------------


def test_a_usage_error_keeps_the_usage_line_and_the_hint_in_chinese() -> None:
    err = usage_error(run("check", "--bogus"))
    assert err.startswith(
        "用法：sheyin check [选项] [SNAPSHOT]\n运行“sheyin check --help”查看帮助。\n\n错误："
    )


def test_a_usage_error_keeps_the_usage_line_and_the_hint_in_english() -> None:
    err = usage_error(run(*ENGLISH, "check", "--bogus"))
    assert err.startswith(
        "Usage: sheyin check [OPTIONS] [SNAPSHOT]\nTry 'sheyin check --help' for help.\n\nError: "
    )


def sheyin(*args: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """The real command, in its own interpreter, as an administrator runs it."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}
    return subprocess.run(
        [sys.executable, "-m", "sheyin", *args],
        cwd=folder,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_the_real_command_says_a_usage_error_in_chinese(plain_folder: Path) -> None:
    done = sheyin("check", "--bogus", folder=plain_folder)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "错误：没有“--bogus”这个选项。" in done.stderr


def test_the_real_command_says_a_usage_error_in_english(plain_folder: Path) -> None:
    done = sheyin("--lang", "en", "check", "--bogus", folder=plain_folder)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Error: No such option" in done.stderr


# --- one test per kind of error, in both languages ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        pytest.param(
            ["check", "--profil", "toy"],
            "没有“--profil”这个选项。是否要用“--profile”？",
            ("No such option", "--profil", "--profile"),  # click's words change by version
            id="no-such-option",
        ),
        pytest.param(
            ["check", "--jbos", "2"],
            "没有“--jbos”这个选项。是否要用其中之一：“--jobs”、“--json”？",
            ("No such option", "--jbos", "--jobs", "--json"),
            id="no-such-option-several-guesses",
        ),
        pytest.param(
            ["chek"],
            "没有“chek”这个命令。是否要用“check”？",
            "No such command 'chek'.",
            id="no-such-command",
        ),
        pytest.param(
            ["audit", "lgo"],
            "没有“lgo”这个命令。是否要用“log”？",
            "No such command 'lgo'.",
            id="no-such-subcommand",
        ),
        pytest.param(
            ["check", "--jobs", "x", "a.json"],
            "选项“--jobs”/“-j”的值无效：“x”不是有效的整数。",
            "Invalid value for '--jobs' / '-j': 'x' is not a valid integer range.",
            id="not-an-integer",
        ),
        pytest.param(
            ["check", "-j", "0", "a.json"],
            "选项“--jobs”/“-j”的值无效：0 不在范围 x>=1 内。",
            "Invalid value for '--jobs' / '-j': 0 is not in the range x>=1.",
            id="out-of-range",
        ),
        pytest.param(
            ["due", "--within", "abc", "x.json"],
            "选项“--within”的值无效：“abc”不是有效的整数。",
            "Invalid value for '--within': 'abc' is not a valid integer range.",
            id="not-an-integer-with-metavar",
        ),
        pytest.param(
            ["check", "--format", "xml", "a.json"],
            "选项“--format”的值无效：“xml”不是可选的值；可选：“text”、“json”。",
            "Invalid value for '--format': 'xml' is not one of 'text', 'json'.",
            id="not-a-choice",
        ),
        pytest.param(
            ["form", "render", "p", "f", "-o", "out.html"],
            "缺少选项“--format”；可选：“html”、“pdf”、“docx”、“svg”。",
            "Missing option '--format'. Choose from:",
            id="missing-choice-option",
        ),
        pytest.param(
            ["profile", "compare", "guangdong"],
            "缺少选项“--baseline”。",
            "Missing option '--baseline'.",
            id="missing-option",
        ),
        pytest.param(
            ["form", "render"],
            "缺少参数“PROFILE”。",
            "Missing argument 'PROFILE'.",
            id="missing-argument",
        ),
        pytest.param(
            ["check", "--as-of"],
            "选项“--as-of”需要一个值。",
            "Option '--as-of' requires an argument.",
            id="option-needs-a-value",
        ),
        pytest.param(
            ["check", "--json=yes"],
            "选项“--json”不接受值。",
            "Option '--json' does not take a value.",
            id="flag-given-a-value",
        ),
        pytest.param(
            ["check", "a.json", "b.json"],
            "多余的参数：b.json。",
            "Got unexpected extra argument (b.json)",
            id="extra-argument",
        ),
        pytest.param(
            ["catalogue", "guangdong", "national"],
            "只能给出一个规范名称；比较多个请加 --compare。",
            "give one profile name, or --compare for several",
            id="sheyin-own-usage-error",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_usage_error_is_in_the_users_language(
    args: list[str], zh: str, en: str | tuple[str, ...], lang: str
) -> None:
    command = args if lang == "zh" else [*ENGLISH, *args]
    err = usage_error(run(*command))
    if lang == "zh":
        assert zh in err
        assert "Error" not in err
        assert "Usage" not in err
    else:
        for fragment in (en,) if isinstance(en, str) else en:
            assert fragment in err
        assert "错误" not in err


def test_a_path_that_is_a_directory_is_refused_in_chinese(plain_folder: Path) -> None:
    (plain_folder / "folder").mkdir()
    err = usage_error(run("import", "folder"))
    assert "参数“FILES”的值无效：文件“folder”是目录，此处需要文件。" in err


def test_a_path_that_is_a_directory_is_refused_in_english(plain_folder: Path) -> None:
    (plain_folder / "folder").mkdir()
    err = usage_error(run(*ENGLISH, "import", "folder"))
    assert "Invalid value for '[FILES]...': File 'folder' is a directory." in err


def test_a_bad_date_names_the_option_in_chinese() -> None:
    err = usage_error(run("check", "--as-of", "2025-13-01", "a.json"))
    assert "选项 --as-of" in err


def test_a_bad_date_names_the_option_in_english() -> None:
    err = usage_error(run(*ENGLISH, "check", "--as-of", "2025-13-01", "a.json"))
    assert "option --as-of" in err


def test_a_missing_command_is_said_in_chinese() -> None:
    assert "错误：缺少命令。" in usage_error(run("--lang", "zh"))


def test_a_missing_command_is_said_in_english() -> None:
    assert "Error: Missing command." in usage_error(run(*ENGLISH))


def test_a_group_without_its_command_shows_its_help_in_chinese() -> None:
    err = usage_error(run("audit"))
    assert "用法：sheyin audit [选项] 命令 [参数]..." in err
    assert "检查点" in err


# --- how the language of an error is decided --------------------------------------------------


def test_the_option_without_a_value_is_reported_in_the_language_of_sheyin_lang() -> None:
    err = usage_error(run("--lang", env={"SHEYIN_LANG": "en"}))
    assert "Option '--lang' requires an argument." in err


def test_the_option_without_a_value_is_reported_in_chinese_by_default() -> None:
    assert "选项“--lang”需要一个值。" in usage_error(run("--lang"))


def test_an_error_before_the_lang_option_is_in_its_language() -> None:
    err = usage_error(run("--bogus", "--lang", "en"))
    assert "Error: No such option" in err


def test_an_error_is_in_the_language_of_sheyin_lang() -> None:
    err = usage_error(run("chek", env={"SHEYIN_LANG": "en"}))
    assert "Error: No such command 'chek'." in err


def test_an_error_is_in_the_language_of_the_workspace_file(plain_folder: Path) -> None:
    (plain_folder / "sheyin.toml").write_text('lang = "en"\n', "utf-8")
    err = usage_error(run("check", "--bogus"))
    assert "Error: No such option" in err


def test_an_error_in_a_subcommand_is_in_the_language_of_the_workspace_file(
    plain_folder: Path,
) -> None:
    (plain_folder / "sheyin.toml").write_text('lang = "en"\n', "utf-8")
    err = usage_error(run("chek"))
    assert "Error: No such command 'chek'." in err


def test_an_error_is_in_the_language_of_lang_written_with_an_equals_sign() -> None:
    assert "Error: No such command 'chek'." in usage_error(run("--lang=en", "chek"))


def test_the_lang_option_wins_over_the_workspace_file(plain_folder: Path) -> None:
    (plain_folder / "sheyin.toml").write_text('lang = "en"\n', "utf-8")
    assert "没有“chek”这个命令" in usage_error(run("--lang", "zh", "chek"))


def interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``sheyin profiles`` stop as if Ctrl-C were pressed."""
    import_module("sheyin.cli.profiles")

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.commands["profiles"], "callback", stop)


def test_an_interrupted_command_says_so_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    interrupted(monkeypatch)
    result = run("profiles")
    assert result.exit_code == 1
    assert result.stderr == "\n已中止。\n"


def test_an_interrupted_command_says_so_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    interrupted(monkeypatch)
    result = run(*ENGLISH, "profiles")
    assert result.exit_code == 1
    assert result.stderr == "\nAborted!\n"


# --- words click may add one day -----------------------------------------------------------------


def test_a_message_click_words_unknown_to_sheyin_is_printed_inside_the_chinese_frame() -> None:
    command = click.Command("x", params=[click.Option(["--size"])])
    ctx = click.Context(command, info_name="x")
    error = click.BadParameter(
        "a wording no click version has yet", ctx=ctx, param=command.params[0]
    )
    text = usage_text(error, "zh")
    assert "错误：选项“--size”的值无效：a wording no click version has yet" in text


def test_an_argument_given_too_few_values_is_said_in_chinese() -> None:
    error = click.BadArgumentUsage("Argument 'pair' takes 2 values.")
    assert usage_text(error, "zh") == "错误：参数“pair”需要 2 个值。"


def test_an_argument_given_too_few_values_is_said_in_english() -> None:
    error = click.BadArgumentUsage("Argument 'pair' takes 2 values.")
    assert usage_text(error, "en") == "Error: Argument 'pair' takes 2 values."


def test_an_error_of_a_shape_not_foreseen_still_prints_its_message() -> None:
    class Unforeseen(click.UsageError):
        def format_message(self) -> str:
            raise RuntimeError("a click to come")

    error = Unforeseen("something went wrong", ctx=None)
    assert usage_text(error, "en") == "Error: something went wrong"


def test_a_click_error_that_is_not_a_usage_error_is_printed_in_chinese() -> None:
    assert usage_text(click.ClickException("disk on fire"), "zh") == "错误：disk on fire。"


# --- help pages ----------------------------------------------------------------------------------


def test_the_help_is_in_chinese_by_default() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "选项：" in result.stdout
    assert "据以核查的规范" in result.stdout
    assert "显示本帮助并退出。" in result.stdout
    assert "[默认：text]" in result.stdout


def test_the_help_is_in_english_with_lang_en() -> None:
    result = run(*ENGLISH, "check", "--help")
    assert result.exit_code == 0
    assert "Options:" in result.stdout
    assert "Profile to check against" in result.stdout
    assert "Show this message and exit." in result.stdout
    assert "[default: text]" in result.stdout
    assert "据以核查" not in result.stdout


def test_the_top_level_help_lists_commands_in_chinese() -> None:
    result = run("--help")
    assert result.stdout.startswith("用法：sheyin [选项] 命令 [参数]...")
    assert "命令：" in result.stdout
    assert "按规范核查快照" in result.stdout


def test_the_top_level_help_is_in_english_with_lang_en_given_after_help() -> None:
    result = run("--help", "--lang", "en")
    assert result.stdout.startswith("Usage: sheyin [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.stdout


def test_the_help_of_a_subcommand_is_in_english_with_sheyin_lang() -> None:
    result = run("audit", "verify", "--help", env={"SHEYIN_LANG": "en"})
    assert "A checkpoint taken earlier" in result.stdout


def test_chinese_help_is_wrapped_to_the_terminal_width_in_columns() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"], terminal_width=60)
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 60


def test_a_run_of_closing_marks_does_not_start_a_line() -> None:
    # At 50 columns the line fills up at ）: it went to the next line alone, before 。
    text = "只列出今后 DAYS 天内到期的事项（已逾期的总会列出）。 [x>=0]"
    assert wrap(text, 50) == "只列出今后 DAYS 天内到期的事项（已逾期的总会列\n出）。 [x>=0]"


# Pieces of Chinese help: a character, a character with the marks that may follow it, a
# mark that opens before a character, an English word between spaces.
PIECES = st.one_of(
    st.sampled_from("规范网点事项列出"),
    st.tuples(st.sampled_from("项出"), st.sampled_from(["）", "。", "）。", "，", "、", "”"])).map(
        "".join
    ),
    st.sampled_from("（“《").map(lambda mark: f"{mark}项"),
    st.sampled_from(["DAYS", "[x>=0]", "401", "toml", "id"]).map(lambda word: f" {word} "),
)


@settings(max_examples=400)
@given(pieces=st.lists(PIECES, min_size=1, max_size=40), width=st.integers(12, 60))
def test_no_wrapped_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    pieces: list[str], width: int
) -> None:
    lines = wrap("".join(pieces), width).splitlines()
    assert all(display_width(line) <= width for line in lines)
    assert not any(line[0] in "）。，、”" for line in lines[1:] if line)
    assert not any(line[-1] in "（“《" for line in lines[:-1] if line)


def test_the_version_is_said_in_chinese() -> None:
    assert "sheyin 版本 " in run("--version").stdout


def test_the_version_is_said_in_english() -> None:
    assert "sheyin, version " in run(*ENGLISH, "--version").stdout


def test_every_command_and_option_has_chinese_help() -> None:
    for entry in COMMANDS:
        for module in entry.modules:
            import_module(module)

    def walk(command: click.Command, path: str) -> None:
        assert isinstance(command, Localized), path
        assert command.help_zh, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert isinstance(param, LocalOption), f"{path} {param.opts}"
                assert param.help_zh, f"{path} {param.opts}"
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")

    walk(cli, "sheyin")

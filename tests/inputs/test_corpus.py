"""The bad-input corpus: each case of cases.toml through the real ``sheyin`` command.

Every case must end with its exit status and messages; none may print a traceback
or reach the internal-error path. The installed built-in profiles are used, as a
user would have them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sheyin import _toml

# Commands register themselves on import, as the console script does.
from sheyin.cli import (  # noqa: F401
    catalogue,
    check,
    cli,
    compare,
    demo,
    due,
    form,
    init,
    profiles,
    vocabulary,
)

HERE = Path(__file__).parent
FILES = HERE / "files"
CASES: list[dict[str, Any]] = _toml.loads((HERE / "cases.toml").read_text("utf-8"))["case"]
NEVER = ("Traceback", "内部错误", "internal error", "核查“")


def _base() -> dict[str, Any]:
    return json.loads((FILES / "snapshot.json").read_text("utf-8"))  # type: ignore[no-any-return]


def _megabyte_zone() -> str:
    base = _base()
    base["outlets"][0]["zones"] = ["长" * 1_000_000]
    return json.dumps(base, ensure_ascii=False)


GENERATED: dict[str, Callable[[], str]] = {
    "deep.json": lambda: (
        '{"profile": "guangdong", "outlets": ' + "[" * 100_000 + "]" * 100_000 + "}"
    ),
    "deep.toml": lambda: 'profile = "guangdong"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n",
    "huge-integer.json": lambda: '{"profile": "guangdong", "x": ' + "9" * 5000 + "}",
    "huge-integer.toml": lambda: 'profile = "guangdong"\nx = ' + "9" * 5000 + "\n",
    "megabyte-zone.json": _megabyte_zone,
}


def run_case(case: dict[str, Any], tmp: Path, lang: str | None = None) -> Result:
    """Run one case in ``tmp`` (its working directory) and return click's result."""
    if case.get("make") == "fifo":
        os.mkfifo(tmp / "fifo")
    if case.get("make") == "workspace-dir":
        (tmp / "sheyin.toml").mkdir()
    if case.get("make") == "cwd-proc":
        if not Path("/proc/self").is_dir():
            pytest.skip("no /proc on this system")
        os.chdir("/proc")  # the workdir fixture restores the working directory
    if "workspace" in case:
        (tmp / "sheyin.toml").write_text(case["workspace"] + "\n", encoding="utf-8")
    generated = ""
    if "generate" in case:
        target = tmp / case["generate"]
        target.write_text(GENERATED[case["generate"]](), encoding="utf-8")
        generated = str(target)
    args = [
        a.replace("{files}", str(FILES))
        .replace("{tmp}", str(tmp))
        .replace("{generated}", generated)
        for a in case["args"]
    ]
    if lang is not None:
        args = ["--lang", lang, *args]
    stdin = (FILES / case["stdin"]).read_bytes() if "stdin" in case else None
    return CliRunner().invoke(cli, args, input=stdin, env=case.get("env", {}))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working directory with no workspace file and no SHEYIN_* variables."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("SHEYIN_"):
            monkeypatch.delenv(name)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], workdir: Path) -> None:
    result = run_case(case, workdir)
    output = result.stdout + result.stderr
    assert result.exit_code == case["exit"], output
    for fragment in case.get("stderr", ()):
        assert fragment in result.stderr, result.stderr
    for fragment in case.get("stdout", ()):
        assert fragment in result.stdout, result.stdout
    for fragment in (*NEVER, *case.get("absent", ())):
        assert fragment not in output, output
    if "max_output" in case:
        assert len(output) <= case["max_output"]
    if case.get("no_workspace_written"):
        assert not (workdir / "sheyin.toml").exists()


@pytest.mark.parametrize(
    "case", [c for c in CASES if "en" in c], ids=[c["name"] for c in CASES if "en" in c]
)
def test_case_in_english(case: dict[str, Any], workdir: Path) -> None:
    result = run_case(case, workdir, lang="en")
    assert result.exit_code == case["exit"], result.stderr
    for fragment in case["en"]:
        assert fragment in result.stderr, result.stderr


def test_every_corpus_file_is_used() -> None:
    used = " ".join(" ".join(c["args"]) + " " + c.get("stdin", "") for c in CASES)
    unused = [p.name for p in FILES.iterdir() if p.name not in used]
    assert unused == []

"""``sheyin check SNAPSHOT``: findings as a table or as the JSON report."""

from __future__ import annotations

import sys
from datetime import date
from operator import attrgetter

import click

from sheyin.app import choose_profile
from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, json_flag, option
from sheyin.cli.output import SEVERITY_STYLE, console, table
from sheyin.cli.params import DATE, INPUT
from sheyin.cli.plain import plain_line, plain_output, plain_table
from sheyin.documents import read_document
from sheyin.echo import clean
from sheyin.engine.collection import collector_paused
from sheyin.engine.findings import Report
from sheyin.i18n import Lang
from sheyin.origin import Origin, Setting, first

SEVERITY_NAMES = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}


@cli.command(
    "check",
    help_zh=(
        "按规范核查快照 SNAPSHOT（TOML 或 JSON；- 表示从标准输入读取）；未给出 SNAPSHOT 时核查工作区的登记簿。\n\n"
        "有严重程度为“错误”的问题时退出状态为 1。规范依次取 --profile、快照自身的 profile、SHEYIN_PROFILE、sheyin.toml；它们不一致时，会注明用了哪一个（在表格中，或在 --format json 时输出到标准错误）。\n\n"
        "--jobs N 用至多 N 个进程核查，每个进程核查若干完整的银行（用 fork；不支持 fork 时在一个进程内完成）。报告、退出状态和任何错误都与 --jobs 1 相同。"
    ),
)
@click.argument("snapshot", type=INPUT, required=False)
@option(
    "--profile",
    "profile_name",
    help="Profile to check against (overrides the snapshot and sheyin.toml).",
    help_zh="据以核查的规范（优先于快照和 sheyin.toml 中的设定）。",
)
@option(
    "--as-of",
    type=DATE,
    help="Date the checks are evaluated at (YYYY-MM-DD).",
    help_zh="核查所依据的日期（YYYY-MM-DD）。",
)
@format_option("text", "json")
@json_flag()
@option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Check a SNAPSHOT in up to N processes, whole banks in each; the report is the "
    "same whatever N. Default: SHEYIN_JOBS, else jobs in sheyin.toml, else the cores "
    "available for snapshots of 2,000 outlets or more.",
    help_zh="用至多 N 个进程核查 SNAPSHOT，每个进程核查若干完整的银行；无论 N 为多少，报告都相同。默认：SHEYIN_JOBS，其次 sheyin.toml 中的 jobs；快照达 2,000 个网点及以上时为可用的 CPU 核数。",
)
@click.pass_obj
def check_command(
    session: Session,
    snapshot: str | None,
    profile_name: str | None,
    as_of: date | None,
    fmt: str,
    as_json: bool,
    jobs: int | None,
) -> None:
    """Check SNAPSHOT (TOML or JSON; - reads standard input) against a profile, or the
    workspace's registry when no SNAPSHOT is given.

    Exit 1 when there are error findings. The profile is --profile, else the snapshot's
    own profile, else SHEYIN_PROFILE, else sheyin.toml; when they disagree, a note says
    which was used (in the table, or on standard error with --format json).

    --jobs N checks whole banks in up to N processes (forked; in one process where fork
    is unavailable). The report, the exit status and any error are those of --jobs 1.
    """
    if snapshot is None:
        from sheyin.cli.workspace import open_registry

        with open_registry(session, profile_name) as registry:
            report = registry.check(as_of, session.lang)
        note = None
        source = session.t("登记簿", "registry")
    else:
        document = read_document(snapshot)
        choice = choose_profile(
            document, session.profile_option(profile_name), session.profile_fallbacks()
        )
        workers = first(
            Setting(jobs, Origin.option("--jobs")) if jobs is not None else None,
            session.config.jobs,
        )
        report = session.app.check(
            document,
            profile=choice.chosen,
            as_of=as_of,
            lang=session.lang,
            jobs=workers.value if workers is not None else None,
        )
        note = choice.note()
        source = document.file
    if as_json or fmt == "json":
        if note is not None:
            click.echo(clean(note.render(session.lang)), err=True)
        click.echo(report.to_json_bytes(printable=True))  # clean_json(to_json()) in UTF-8
    else:
        print_report(report, session.lang, source, note.render(session.lang) if note else None)
    raise SystemExit(1 if report.has_errors else 0)


def print_report(report: Report, lang: Lang, source: str, note: str | None = None) -> None:
    """Print a report as a table with a summary line (and ``note`` under the title)."""
    text = None
    if plain_output(sys.stdout):
        with collector_paused():  # a row's texts and tuples, never a cycle (see the module)
            text = report_text(report, lang, source, note)
    if text is not None:
        click.echo(text, nl=False)
        return
    from rich.markup import escape

    zh = lang == "zh"
    pick = 0 if zh else 1
    out = console(wide=True)  # as report_text draws: one line per finding
    title = escape(clean(_title(report, source)))
    rows = [
        (
            f"[{SEVERITY_STYLE[f.severity]}]{SEVERITY_NAMES[f.severity][pick]}[/]",
            escape(clean(f.clause)),
            escape(clean(f.subject)),
            escape(clean(f.message)),
            escape(clean(f.rule)),
        )
        for f in report.findings
    ]
    if note is not None:
        out.print(escape(clean(note)))
    if rows:
        out.print(table(title, _headers(zh), rows))
    else:
        out.print(title)
    out.print(_summary(report, zh))


def report_text(report: Report, lang: Lang, source: str, note: str | None = None) -> str | None:
    """What :func:`print_report` prints to a file or a pipe, drawn without rich
    (:mod:`sheyin.cli.plain`), or None when rich must draw it."""
    zh = lang == "zh"
    pick = 0 if zh else 1
    title = clean(_title(report, source))
    findings = report.findings
    names = {severity: name[pick] for severity, name in SEVERITY_NAMES.items()}
    rows = list(
        zip(
            [names[f.severity] for f in findings],
            *(_cleaned(list(map(attrgetter(key), findings))) for key in _TEXT_COLUMNS),
            strict=True,
        )
    )
    parts = [] if note is None else [plain_line(clean(note))]
    parts.append(plain_table(title, _headers(zh), rows) if rows else plain_line(title))
    parts.append(plain_line(_summary(report, zh)))
    return None if any(p is None for p in parts) else "".join(p for p in parts if p is not None)


_TEXT_COLUMNS = ("clause", "subject", "message", "rule")


def _cleaned(texts: list[str]) -> list[str]:
    """:func:`~sheyin.echo.clean` of each text, worked out once per distinct text (a large
    report repeats its clauses, messages and rules on many rows)."""
    cleaned = {text: clean(text) for text in set(texts)}
    return list(map(cleaned.__getitem__, texts))


def _title(report: Report, source: str) -> str:
    return f"{source} · {report.profile} · {report.as_of}"


def _headers(zh: bool) -> list[str]:
    if zh:
        return ["严重程度", "条款", "对象", "问题", "规则"]
    return ["Severity", "Clause", "Subject", "Finding", "Rule"]


def _summary(report: Report, zh: bool) -> str:
    s = report.summary
    if zh:
        return f"错误 {s['error']} 项，警告 {s['warning']} 项，提示 {s['info']} 项"
    return f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"

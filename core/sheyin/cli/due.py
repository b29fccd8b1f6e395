"""``sheyin due [SNAPSHOT]``: what falls due, as a table, JSON or an iCalendar file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, json_flag, option
from sheyin.cli.output import console, table, write_file
from sheyin.cli.params import DATE, INPUT, OUTPUT
from sheyin.documents import read_document
from sheyin.engine.due import Agenda
from sheyin.engine.ics import to_ics
from sheyin.i18n import Lang


@cli.command(
    "due",
    help_zh=(
        "列出快照 SNAPSHOT（TOML 或 JSON；- 表示从标准输入读取）中到期的事项；未给出 SNAPSHOT 时列出工作区登记簿中的事项：已逾期的在前，其余按日期排列。\n\n"
        "无论有无到期事项，退出状态均为 0；输入或命令有误时为 2。"
    ),
)
@click.argument("snapshot", required=False, type=INPUT)
@option(
    "--profile",
    "profile_name",
    help="Profile whose requirements fall due (overrides the snapshot and sheyin.toml).",
    help_zh="据以计算到期事项的规范（优先于快照和 sheyin.toml 中的设定）。",
)
@option(
    "--as-of",
    type=DATE,
    help="The day to look from (YYYY-MM-DD; default today).",
    help_zh="从哪一天看起（YYYY-MM-DD；默认今天）。",
)
@option(
    "--within",
    type=click.IntRange(min=0),
    help="Only what falls due in the next DAYS days (overdue entries are always listed).",
    help_zh="只列出今后 DAYS 天内到期的事项（已逾期的总会列出）。",
    metavar="DAYS",
)
@option(
    "--subject",
    help="Only one record and those under it: outlets/o1, or an id.",
    help_zh="只看一条记录及其下属记录：outlets/o1，或一个标识。",
)
@format_option("text", "json", "ics")
@json_flag()
@option(
    "-o",
    "--output",
    type=OUTPUT,
    help="Write to FILE (replaced whole, never half-written) instead of standard output.",
    help_zh="写入文件 FILE 而不是标准输出（整体替换，绝不会只写一半）。",
)
@click.pass_obj
def due_command(
    session: Session,
    snapshot: str | None,
    profile_name: str | None,
    as_of: date | None,
    within: int | None,
    subject: str | None,
    fmt: str,
    as_json: bool,
    output: Path | None,
) -> None:
    """List what falls due in SNAPSHOT (TOML or JSON; - reads standard input), or in the
    workspace's registry when no SNAPSHOT is given: overdue first, then by date.

    Exit 0 whatever falls due; 2 when the input or the command is wrong.
    """
    if snapshot is None:
        from sheyin.cli.workspace import open_registry

        with open_registry(session, profile_name) as registry:
            agenda = registry.due(as_of, within=within, subject=subject)
        source = session.t("登记簿", "registry")
    else:
        agenda = session.app.due(
            read_document(snapshot),
            profile=session.profile_option(profile_name),
            fallback_profiles=session.profile_fallbacks(),
            as_of=as_of,
            within=within,
            subject=subject,
        )
        source = str(snapshot)
    fmt = "json" if as_json else fmt
    if fmt == "ics":
        _emit(to_ics(agenda, session.lang), output)
    elif fmt == "json":
        _emit((agenda.to_json() + "\n").encode("utf-8"), output)
    elif output is not None:
        raise click.UsageError(
            session.t("-o 仅用于 json 或 ics 格式", "-o is for the json and ics formats only")
        )
    else:
        print_agenda(agenda, session.lang, source)


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    # Written beside the target and renamed, so a calendar being served is never half-written.
    write_file(output, data, overwrite=True)


def print_agenda(agenda: Agenda, lang: Lang, source: str) -> None:
    """Print an agenda as a table, overdue entries first and marked, with a summary line."""
    zh = lang == "zh"
    out = console()
    title = f"{source} · {agenda.profile} · {agenda.as_of}"
    rows = []
    for deadline in agenda.deadlines:
        days = deadline.days_left(agenda.as_of)
        if deadline.overdue:
            status = f"[bold red]{'已逾期' if zh else 'OVERDUE'} {-days} {'天' if zh else 'd'}[/]"
        elif days == 0:
            status = "[yellow]今天到期[/]" if zh else "[yellow]due today[/]"
        else:
            status = f"{'还有' if zh else 'in'} {days} {'天' if zh else 'd'}"
        rows.append(
            (
                str(deadline.due_on),
                status,
                deadline.clause,
                deadline.subject,
                deadline.action.zh if zh else deadline.action.en,
                deadline.rule,
            )
        )
    headers = (
        ["到期日", "状态", "条款", "对象", "应办事项", "规则"]
        if zh
        else ["Due on", "Status", "Clause", "Subject", "To do", "Rule"]
    )
    if rows:
        out.print(table(title, headers, rows))
    else:
        out.print(title)
    s = agenda.summary
    scope = (
        (f"（{agenda.within} 天内）" if zh else f" (within {agenda.within} days)")
        if agenda.within is not None
        else ""
    )
    out.print(
        f"已逾期 {s['overdue']} 项，即将到期 {s['upcoming']} 项{scope}"
        if zh
        else f"{s['overdue']} overdue, {s['upcoming']} upcoming{scope}"
    )

"""``sheyin check SNAPSHOT``: findings as a table or as the JSON report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.output import SEVERITY_STYLE, console, table
from sheyin.cli.params import DATE
from sheyin.engine.findings import Report
from sheyin.i18n import Lang

SEVERITY_NAMES = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}


@cli.command("check")
@click.argument("snapshot", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--profile",
    "profile_name",
    help="Profile to check against (overrides the snapshot and sheyin.toml).",
)
@click.option("--as-of", type=DATE, help="Date the checks are evaluated at (YYYY-MM-DD).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.pass_obj
def check_command(
    session: Session,
    snapshot: Path,
    profile_name: str | None,
    as_of: date | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Check SNAPSHOT (TOML or JSON) against a profile. Exit 1 when there are error findings."""
    report = session.app.check(
        snapshot, profile=session.profile_name(profile_name), as_of=as_of, lang=session.lang
    )
    if as_json or fmt == "json":
        click.echo(report.to_json())
    else:
        print_report(report, session.lang, str(snapshot))
    raise SystemExit(1 if report.has_errors else 0)


def print_report(report: Report, lang: Lang, source: str) -> None:
    """Print a report as a table with a summary line."""
    zh = lang == "zh"
    pick = 0 if zh else 1
    out = console()
    title = f"{source} · {report.profile} · {report.as_of}"
    rows = [
        (
            f"[{SEVERITY_STYLE[f.severity]}]{SEVERITY_NAMES[f.severity][pick]}[/]",
            f.clause,
            f.subject,
            f.message,
            f.rule,
        )
        for f in report.findings
    ]
    headers = (
        ["严重程度", "条款", "对象", "问题", "规则"]
        if zh
        else ["Severity", "Clause", "Subject", "Finding", "Rule"]
    )
    if rows:
        out.print(table(title, headers, rows))
    else:
        out.print(title)
    s = report.summary
    out.print(
        f"错误 {s['error']} 项，警告 {s['warning']} 项，提示 {s['info']} 项"
        if zh
        else f"{s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    )

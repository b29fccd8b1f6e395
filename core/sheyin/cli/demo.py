"""``sheyin demo``: a walk-through on every installed profile's bundled example snapshot."""

from __future__ import annotations

import click

from sheyin.cli import Session, cli
from sheyin.cli.check import print_report
from sheyin.cli.due import print_agenda
from sheyin.cli.output import console
from sheyin.demo import demo_snapshots

WEEK = 7  # days: the demo shows what its example must do this week


@cli.command("demo")
@click.pass_obj
def demo_command(session: Session) -> None:
    """Check the bundled example snapshot of each installed profile; show the reports and the week's deadlines."""
    out = console()
    shown = 0
    for name, snapshot, label in demo_snapshots(session.app):
        profile = session.app.load_profile(name)
        out.rule(f"{profile.title_in(session.lang)} ({name})")
        report = session.app.check(snapshot, profile=name, lang=session.lang)
        print_report(report, session.lang, label)
        week = session.app.due(snapshot, profile=name, within=WEEK)
        out.print(session.t("本周到期事项（含已逾期）：", "Due this week (overdue included):"))
        print_agenda(week, session.lang, label)
        shown += 1
    if not shown:
        click.echo(
            session.t(
                "没有已安装的规范提供示例快照", "no installed profile ships an example snapshot"
            )
        )

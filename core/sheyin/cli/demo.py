"""``sheyin demo``: a walk-through on every installed profile's bundled example snapshot."""

from __future__ import annotations

import click

from sheyin.cli import Session, cli
from sheyin.cli.check import print_report
from sheyin.cli.output import console
from sheyin.demo import demo_snapshots


@cli.command("demo")
@click.pass_obj
def demo_command(session: Session) -> None:
    """Check the bundled example snapshot of each installed profile and show the reports."""
    out = console()
    shown = 0
    for name, snapshot, label in demo_snapshots(session.app):
        profile = session.app.load_profile(name)
        out.rule(f"{profile.title_in(session.lang)} ({name})")
        report = session.app.check(snapshot, profile=name, lang=session.lang)
        print_report(report, session.lang, label)
        shown += 1
    if not shown:
        click.echo(
            session.t(
                "没有已安装的规范提供示例快照", "no installed profile ships an example snapshot"
            )
        )

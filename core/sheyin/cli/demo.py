"""``sheyin demo``: the whole life of a partnership on the embedded registry, in a
temporary folder, with no set-up."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from sheyin.cli import Session, cli
from sheyin.cli.audit import report as print_verdict
from sheyin.cli.check import print_report
from sheyin.cli.due import print_agenda
from sheyin.cli.helptext import option
from sheyin.cli.output import console
from sheyin.demo import Step, walk_through


@cli.command(
    "demo",
    help_zh="完整演示：init → 导入某地区的示例 → 记录一个新网点的生命周期（其中一步被拒绝）→ check → 本周到期的事项 → 生成可打印的表单 → audit verify → 被篡改的副本被 verify 查出。",
)
@option(
    "--profile",
    "profile_name",
    help="Region whose example to walk through (default yulin).",
    help_zh="演示哪个地区的示例（默认 yulin）。",
)
@click.pass_obj
def demo_command(session: Session, profile_name: str | None) -> None:
    """init → import a region's example → record a new outlet's lifecycle (one step refused)
    → check → what falls due this week → a form rendered to print → audit verify → a
    tampered copy that verify catches."""
    out = console()

    def say(step: Step) -> None:
        out.rule(step.title.render(session.lang))
        for line in step.lines:
            click.echo(line.render(session.lang))
        for refusal in step.refusals:
            click.echo(
                session.t("  不允许：", "  refused: ")
                + f"{refusal.clause} {refusal.message}（{refusal.rule}）"
            )
        if step.report is not None:
            print_report(step.report, session.lang, session.t("登记簿", "registry"))
        if step.agenda is not None:
            print_agenda(step.agenda, session.lang, session.t("登记簿", "registry"))
        if step.verdict is not None:
            print_verdict(session, step.verdict, "text")

    # The workspace goes away with the demo; the rendered form stays for the user to open.
    forms = Path(tempfile.mkdtemp(prefix="sheyin-demo-forms-"))
    with tempfile.TemporaryDirectory(prefix="sheyin-demo-") as folder:
        ok = walk_through(session.app, Path(folder), say, profile_name, session.lang, forms)
    raise SystemExit(0 if ok else 1)

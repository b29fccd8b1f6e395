"""``sheyin profiles`` and ``sheyin profile show|coverage``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import F, option
from sheyin.cli.output import console, echo_json, json_text, table
from sheyin.cli.params import DATE
from sheyin.i18n import join
from sheyin.launch import read_folders
from sheyin.profile.describe import loaded_listings, profile_document, profiles_document

if TYPE_CHECKING:  # what profile show and coverage need is imported when they run
    from sheyin.plugin.describe import Fact
    from sheyin.profile.model import Profile


@cli.command("profiles", help_zh="列出已安装的规范、各自来自哪个发行包，以及能否加载。")
@option("--json", "as_json", is_flag=True, help="Print JSON.", help_zh="输出 JSON。")
@click.pass_obj
def profiles_command(session: Session, as_json: bool) -> None:
    """List installed profiles, the distribution each came from, and whether each loads."""
    shown: str | None
    if as_json:
        shown, problems = (
            json_text(profiles_document(session.app, session.lang)) + "\n",
            list[str](),
        )
    else:
        shown, problems = _profiles_table(session)
    if shown is not None:
        click.echo(shown, nl=False)
    for line in problems:
        click.echo(line, err=True)
    if session.remembered is not None and shown is not None:
        # what was printed, kept for the next run in the same situation (sheyin.launch)
        session.remembered.remember(
            read_folders(session.app), shown, "".join(f"{p}\n" for p in problems)
        )


def _profiles_table(session: Session) -> tuple[str | None, list[str]]:
    """The table of installed profiles as text to print, and the problems for standard
    error; on a terminal the table is printed at once (rich draws it for that terminal)
    and the text is None."""
    listings = loaded_listings(session.app)
    broken_plugins = [info for info in session.app.plugin_infos() if info.error is not None]
    t = session.t
    rows = []
    for listing in listings:
        data = listing.to_dict()
        title = data["title"] if session.lang == "zh" else data["title_en"]
        status = t("可用", "available") if not listing.errors else t("不可用", "unavailable")
        rows.append(
            (
                listing.name,
                title,
                "；".join(data["documents"]),
                f"{data['distribution']} {data['version']}",
                status,
            )
        )
    out = console()
    drawn = table(
        t("已安装的规范", "Installed profiles"),
        [
            t("名称", "Name"),
            t("标题", "Title"),
            t("来源文件", "Source document"),
            t("发行包", "Distribution"),
            t("状态", "Status"),
        ],
        rows,
    )
    problems = [problem.render(session.lang) for listing in listings for problem in listing.errors]
    problems += [info.error.render(session.lang) for info in broken_plugins if info.error]
    if out.is_terminal:
        out.print(drawn)
        return None, problems
    with out.capture() as captured:
        out.print(drawn)
    return captured.get(), problems


@cli.group("profile", help_zh="显示规范及其对来源文件的覆盖情况，或比较多个规范。")
def profile_group() -> None:
    """Show a profile, its coverage of its source documents, or compare profiles."""


def _load(session: Session, name: str, as_of: date | None) -> Profile:
    return session.app.load_profile(session.profile_argument(name, "NAME"), as_of)


def as_of_option() -> Callable[[F], F]:
    """``--as-of``: the version of each profile in force on that date (``profile show``,
    ``coverage``, ``diff``, ``compare``)."""
    return option(
        "--as-of",
        type=DATE,
        help="Version in force on this date (YYYY-MM-DD).",
        help_zh="此日期施行的版本（YYYY-MM-DD）。",
    )


@profile_group.command("show", help_zh="显示一个规范：来源文件、网点类型、参数、生命周期和要求。")
@click.argument("name")
@as_of_option()
@option("--json", "as_json", is_flag=True, help="Print JSON.", help_zh="输出 JSON。")
@click.pass_obj
def show_command(session: Session, name: str, as_of: date | None, as_json: bool) -> None:
    """Show a profile: documents, outlet kinds, parameters, lifecycle and requirements."""
    from sheyin.compare.facts import requirement_facts

    profile = _load(session, name, as_of)
    lang = session.lang
    voc = profile.vocabulary
    if as_json:
        echo_json(profile_document(profile, lang, session.app.kinds))
        return
    t = session.t
    out = console()
    out.print(
        f"[bold]{profile.title_in(lang)}[/bold]  ({profile.name}, {profile.distribution} {profile.version})"
    )
    if profile.extends:
        out.print(t(f"扩展自：{profile.extends}", f"extends: {profile.extends}"))
    out.print(
        t("网点类型：", "Outlet kinds: ")
        + join((voc.label("outlet_kinds", k, lang) for k in profile.outlet_kinds), lang)
    )
    if profile.parameters:
        out.print(
            table(
                t("参数", "Parameters"),
                [t("名称", "Name"), t("值", "Value"), t("说明", "Meaning")],
                (
                    (p.name, "-" if p.value is None else f"{p.value} {p.unit or ''}", p.doc)
                    for p in profile.parameters.values()
                ),
            )
        )
    for subject, machine in profile.lifecycles.items():
        rows = []
        for tr in machine.transitions:
            states = "、".join(
                s.zh if lang == "zh" else s.en for s in (machine.state(x) for x in tr.from_) if s
            )
            target = machine.state(tr.to) if tr.to else None
            rows.append(
                (
                    voc.label("event_types", tr.event, lang),
                    states,
                    (target.zh if lang == "zh" else target.en) if target else "-",
                    _when(tr.when) or "-",
                    tr.requirement,
                )
            )
        out.print(
            table(
                t(f"生命周期（{subject}）", f"Lifecycle ({subject})"),
                [
                    t("事件", "Event"),
                    t("允许的状态", "Allowed in"),
                    t("进入状态", "Enters"),
                    t("条件", "When"),
                    t("要求", "Requirement"),
                ],
                rows,
            )
        )
    kinds = session.app.kinds
    out.print(
        table(
            t("要求", "Requirements"),
            [
                t("条款", "Clause"),
                t("标识", "Id"),
                t("严重程度", "Severity"),
                t("内容", "Summary"),
                t("核查", "Check"),
                t("要求什么", "Requires"),
            ],
            (
                (
                    r.clause,
                    r.id,
                    r.severity,
                    r.summary(lang),
                    r.check.kind if r.check else t("人工", "manual"),
                    _requires(requirement_facts(profile, r, kinds), session),
                )
                for r in profile.requirements
            ),
        )
    )
    core = [r for r in profile.requirements if r.profile == "core"]
    if core:
        out.print(
            t(
                f"另：核心为每个规范加入 {len(core)} 条标识核验要求（{'、'.join(r.id for r in core)}），"
                "核查登记的身份证号码（GB 11643）与统一社会信用代码（GB 32100）。",
                f"Core adds {len(core)} identifier requirements to every profile "
                f"({', '.join(r.id for r in core)}): identity numbers (GB 11643) and credit codes (GB 32100).",
            )
        )


def _when(when: Mapping[str, Any]) -> str:
    return ", ".join(f"{key}={value}" for key, value in when.items())


def _requires(found: tuple[Fact, ...], session: Session) -> str:
    lang = session.lang
    if lang == "zh":
        return "；".join(f"{f.key_label.zh}：{f.value.zh}" for f in found) or "-"
    return "; ".join(f"{f.key_label.en}: {f.value.en}" for f in found) or "-"


@profile_group.command(
    "coverage", help_zh="各来源文件的条款中，有多少已由机器核查、需人工核查或尚未覆盖。"
)
@click.argument("name")
@as_of_option()
@option("--json", "as_json", is_flag=True, help="Print JSON.", help_zh="输出 JSON。")
@click.pass_obj
def coverage_command(session: Session, name: str, as_of: date | None, as_json: bool) -> None:
    """How many provisions of each source document are checked, manual, or missing."""
    from sheyin.profile.coverage import coverage

    profile = _load(session, name, as_of)
    result = coverage(profile)
    if as_json:
        echo_json({"profile": profile.name, "documents": [c.to_dict() for c in result]})
        return
    t = session.t
    rows = [
        (c.document.title, c.checked, c.manual, c.total, "、".join(c.missing) or "-")
        for c in result
    ]
    console().print(
        table(
            t(f"{profile.title} 覆盖情况", f"Coverage of {profile.title_en}"),
            [
                t("来源文件", "Document"),
                t("机器核查", "Checked"),
                t("人工核查", "Manual"),
                t("合计", "Total"),
                t("未覆盖条款", "Missing clauses"),
            ],
            rows,
        )
    )

"""``sheyin catalogue NAME``: a profile's service guidance catalogue in force."""

from __future__ import annotations

from datetime import date

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, json_flag, option
from sheyin.cli.output import console, echo_json, markdown_table, table
from sheyin.cli.params import DATE
from sheyin.compare.catalogues import CatalogueComparison, compare_catalogues
from sheyin.profile.describe import catalogue_document

LEVELS = {"accept": ("受理", "accept"), "complete": ("经办办结", "complete")}


@cli.command(
    "catalogue", help_zh="显示某一规范的服务事项指导目录；加 --compare 时并列对照多个规范的目录。"
)
@click.argument("names", nargs=-1, required=True)
@option(
    "--compare",
    is_flag=True,
    help="Align the catalogues of several profiles on canonical services.",
    help_zh="按标准服务对齐多个规范的目录。",
)
@option(
    "--as-of",
    type=DATE,
    help="Catalogue in force on this date (YYYY-MM-DD).",
    help_zh="此日期施行的目录（YYYY-MM-DD）。",
)
@format_option("text", "json", "markdown")
@json_flag()
@click.pass_obj
def catalogue_command(
    session: Session,
    names: tuple[str, ...],
    compare: bool,
    as_of: date | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Show the service guidance catalogue of a profile, or with --compare, several side by side."""
    day = as_of or date.today()
    if as_json:
        fmt = "json"
    if compare:
        profiles = [
            session.app.load_profile(session.profile_argument(name, "NAMES"), day) for name in names
        ]
        print_comparison(session, compare_catalogues(profiles, session.app.services, day), fmt)
        return
    if len(names) != 1:
        raise click.UsageError(
            session.t(
                "只能给出一个规范名称；比较多个请加 --compare",
                "give one profile name, or --compare for several",
            )
        )
    show_catalogue(session, names[0], day, fmt)


def show_catalogue(session: Session, name: str, day: date, fmt: str) -> None:
    """One profile's catalogue in force on ``day``."""
    profile = session.app.load_profile(session.profile_argument(name, "NAMES"), day)
    document = catalogue_document(profile, day)
    if fmt == "json":
        echo_json(document)
        return
    catalogue = profile.catalogue_on(day)
    assert catalogue is not None  # catalogue_document raised otherwise
    t = session.t
    pick = 0 if session.lang == "zh" else 1
    headers = [
        t("序号", "No."),
        t("类别", "Category"),
        t("事项名称", "Item"),
        t("办理权限", "Level"),
        t("备注", "Remarks"),
    ]
    rows = [
        (
            i.number or "",
            i.category,
            i.name,
            LEVELS[i.level][pick] if i.level else "-",
            i.remarks or "",
        )
        for i in catalogue.items
    ]
    title = f"{catalogue.title}（{catalogue.clause or catalogue.id}）"
    if fmt == "markdown":
        click.echo("\n".join([f"# {title}", "", *markdown_table(headers, rows)]))
    else:
        console().print(table(title, headers, rows))


def print_comparison(session: Session, comparison: CatalogueComparison, fmt: str) -> None:
    """Services per region: the handling level each offers, and items that map to no service."""
    data = comparison.to_dict(session.lang)
    if fmt == "json":
        echo_json(data)
        return
    t = session.t
    names = data["profiles"]
    headers = [t("标准服务", "Service"), t("类别", "Category"), *names]
    rows = [
        (
            s["name"],
            s["category"],
            *((s["offered_by"][n] or {}).get("level_label", "—") for n in names),
        )
        for s in data["services"]
    ]
    unmapped = [(n, "、".join(items) or "—") for n, items in data["unmapped"].items()]
    title = t("服务事项对照", "Services across profiles")
    unmapped_title = t("未对应标准服务的事项", "Items mapping to no canonical service")
    if fmt == "markdown":
        lines = [f"# {title}", "", *markdown_table(headers, rows), "", f"## {unmapped_title}", ""]
        lines += markdown_table([t("规范", "Profile"), t("事项", "Items")], unmapped)
        click.echo("\n".join(lines))
        return
    out = console()
    out.print(table(title, headers, rows))
    out.print(table(unmapped_title, [t("规范", "Profile"), t("事项", "Items")], unmapped))

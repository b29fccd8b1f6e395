"""``sheyin catalogue NAME``: a profile's service guidance catalogue in force."""

from __future__ import annotations

from datetime import date

import click

from sheyin.cli import Session, cli
from sheyin.cli.output import console, echo_json, table
from sheyin.cli.params import DATE
from sheyin.errors import ProfileError, problem

LEVELS = {"accept": ("受理", "accept"), "complete": ("经办办结", "complete")}


@cli.command("catalogue")
@click.argument("name")
@click.option("--as-of", type=DATE, help="Catalogue in force on this date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def catalogue_command(session: Session, name: str, as_of: date | None, as_json: bool) -> None:
    """Show the service guidance catalogue of profile NAME in force on a date."""
    day = as_of or date.today()
    profile = session.app.load_profile(name, day)
    catalogue = profile.catalogue_on(day)
    if catalogue is None:
        raise ProfileError(
            (
                problem(
                    f"profile {name}",
                    "",
                    f"{day} 没有有效的服务事项目录",
                    f"no catalogue in force on {day}",
                ),
            )
        )
    if as_json:
        echo_json(
            {
                "profile": profile.name,
                "catalogue": catalogue.id,
                "title": catalogue.title,
                "clause": catalogue.clause,
                "as_of": day.isoformat(),
                "items": [
                    {
                        "id": i.id,
                        "number": i.number,
                        "category": i.category,
                        "name": i.name,
                        "level": i.level,
                        "remarks": i.remarks,
                        "service": i.service,
                    }
                    for i in catalogue.items
                ],
            }
        )
        return
    t = session.t
    pick = 0 if session.lang == "zh" else 1
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
    console().print(
        table(
            title,
            [
                t("序号", "No."),
                t("类别", "Category"),
                t("事项名称", "Item"),
                t("办理权限", "Level"),
                t("备注", "Remarks"),
            ],
            rows,
        )
    )

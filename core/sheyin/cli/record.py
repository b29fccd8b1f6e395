"""``sheyin record TYPE``: one lifecycle or management event, judged before it is written."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from sheyin.cli import Session, cli
from sheyin.cli.output import echo_json
from sheyin.cli.params import DATE
from sheyin.cli.workspace import open_registry, require_actor
from sheyin.errors import InputError, problem
from sheyin.registry.core import SubjectKind

LIST_FIELDS = ("defects", "participants", "permissions", "items")


@cli.command("record")
@click.argument("event_type")
@click.option("--outlet", help="The outlet the event happened to.")
@click.option("--partnership", help="The partnership the event happened to.")
@click.option("--on", "on", type=DATE, required=True, help="Date it happened (YYYY-MM-DD).")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="An event field (repeatable); lists separated by commas.",
)
@click.option("--note", help="A note kept with the event.")
@click.option("--despite", help="Record a step the profile refuses anyway, giving the reason.")
@click.option(
    "--profile", "profile_name", help="Profile that judges the step (overrides sheyin.toml)."
)
@click.option(
    "--actor", help="Real name of the person recording (else SHEYIN_ACTOR, else [user] name)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def record_command(
    session: Session,
    event_type: str,
    outlet: str | None,
    partnership: str | None,
    on: date,
    sets: tuple[str, ...],
    note: str | None,
    despite: str | None,
    profile_name: str | None,
    actor: str | None,
    fmt: str,
) -> None:
    """Append one event; a step the profile forbids is refused (exit 1) unless --despite."""
    if (outlet is None) == (partnership is None):
        raise InputError(
            (
                problem(
                    "--outlet/--partnership",
                    "",
                    "请给出 --outlet 或 --partnership 之一",
                    "give exactly one of --outlet and --partnership",
                ),
            )
        )
    who = require_actor(session, actor)
    event: dict[str, Any] = {"on": on.isoformat(), "type": event_type}
    event.update(parse_sets(sets))
    if note:
        event["note"] = note
    kind: SubjectKind = "outlets" if outlet else "partnerships"
    record_id = outlet or partnership or ""
    with open_registry(session, profile_name) as registry:
        judgement = registry.record(kind, record_id, event, who, despite=despite, lang=session.lang)
    answer = judgement.to_dict()
    refusals = answer["refusals"]
    if fmt == "json":
        echo_json(answer)
    else:
        for refusal in refusals:
            label = (
                session.t("不允许", "refused")
                if not judgement.recorded
                else session.t("仍予记录", "recorded despite")
            )
            text = f"{label}：{refusal['clause']} {refusal['message']}（{refusal['rule']}）"
            session.echo(text, text, err=not judgement.recorded)
        if judgement.entry is not None:
            session.echo(
                f"已记录：审计日志第 {judgement.entry['seq']} 条（{kind}/{record_id}，{event_type}，{on}）",
                f"recorded: audit entry {judgement.entry['seq']} ({kind}/{record_id}, {event_type}, {on})",
            )
        else:
            session.echo("未写入任何内容。", "nothing was written.", err=True)
    raise SystemExit(0 if judgement.recorded else 1)


def parse_sets(sets: tuple[str, ...]) -> dict[str, Any]:
    """``FIELD=VALUE`` options as event fields: JSON values (true, 3, [..]) as such, lists
    split on commas, anything else as text."""
    fields: dict[str, Any] = {}
    for item in sets:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(
                (
                    problem(
                        "--set", "", f"“{item}”应写作 字段=值", f"'{item}' should be FIELD=VALUE"
                    ),
                )
            )
        value: Any = raw
        try:
            parsed = json.loads(raw)
            if isinstance(parsed, (bool, int, float, list, dict)):
                value = parsed
        except ValueError:
            pass
        if name in LIST_FIELDS and isinstance(value, str):
            value = [
                p.strip()
                for p in value.replace("，", ",").replace("、", ",").split(",")
                if p.strip()
            ]
        fields[name] = value
    return fields

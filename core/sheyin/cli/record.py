"""``sheyin record TYPE``: one lifecycle or management event, judged before it is written."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, option
from sheyin.cli.output import echo_json
from sheyin.cli.params import DATE
from sheyin.cli.workspace import open_registry, require_actor
from sheyin.errors import InputError, problem
from sheyin.registry.core import SubjectKind

LIST_FIELDS = ("defects", "participants", "permissions", "items")


@cli.command(
    "record", help_zh="追加一个事件；规范不允许的步骤将被拒绝（退出状态 1），除非加 --despite。"
)
@click.argument("event_type")
@option("--outlet", help="The outlet the event happened to.", help_zh="事件所涉的网点。")
@option(
    "--partnership", help="The partnership the event happened to.", help_zh="事件所涉的合作关系。"
)
@option(
    "--on",
    "on",
    type=DATE,
    required=True,
    help="Date it happened (YYYY-MM-DD).",
    help_zh="事件发生的日期（YYYY-MM-DD）。",
)
@option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="An event field (repeatable); lists separated by commas.",
    help_zh="事件的一个字段（可重复给出）；列表以逗号分隔。",
)
@option("--note", help="A note kept with the event.", help_zh="随事件保存的备注。")
@option(
    "--despite",
    help="Record a step the profile refuses anyway, giving the reason.",
    help_zh="仍然记录规范不允许的步骤，并写明理由。",
)
@option(
    "--profile",
    "profile_name",
    help="Profile that judges the step (overrides sheyin.toml).",
    help_zh="据以判断该步骤的规范（优先于 sheyin.toml）。",
)
@option(
    "--actor",
    help="Real name of the person recording (else SHEYIN_ACTOR, else [user] name).",
    help_zh="记录人的真实姓名（未给出时依次看 SHEYIN_ACTOR、[user] name）。",
)
@format_option("text", "json")
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

"""The walk-through ``sheyin demo`` runs: a workspace in a folder, a region's example
imported, a new outlet's lifecycle recorded (one step refused), the registry checked,
a form rendered to print, the audit log verified, and a tampered copy of it caught.

Each step is reported to a callback as it happens, so the CLI only prints.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from sheyin.config import CONFIG_NAME, new_config, render_config
from sheyin.documents import parse_bytes
from sheyin.engine.findings import Finding, Report
from sheyin.i18n import Lang, Text
from sheyin.profile.model import Lifecycle, Transition

if TYPE_CHECKING:
    from sheyin.app import Sheyin
    from sheyin.audit import Verdict
    from sheyin.engine.due import Agenda
    from sheyin.registry import Registry

DEMO_FILE = "demo.toml"
DEMO_ACTOR = "演示管理员"
WEEK = 7  # days: the demo shows what its example must do this week
NEW_OUTLET = "o-demo"


def demo_snapshots(app: Sheyin) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(profile name, snapshot document, label) for each loadable profile with a demo snapshot."""
    for info in app.plugins.profile_sources():
        name = info.source.name
        if name not in app.index.names():
            continue
        path = info.source.data / DEMO_FILE
        if path.is_file():
            label = f"{info.plugin.distribution}:{name}/{DEMO_FILE}"
            yield name, parse_bytes(path.read_bytes(), label, ".toml"), label


@frozen
class Step:
    """One step of the walk-through: a title, lines of text, and what it produced."""

    title: Text
    lines: tuple[Text, ...] = ()
    report: Report | None = None
    agenda: Agenda | None = None
    verdict: Verdict | None = None
    refusals: tuple[Finding, ...] = ()
    file: Path | None = None  # a file the step wrote (the rendered form)


Say = Callable[[Step], None]


def walk_through(
    app: Sheyin,
    folder: Path,
    say: Say,
    profile: str | None = None,
    lang: Lang = "zh",
    forms: Path | None = None,
) -> bool:
    """Run the walk-through in ``folder`` (empty; the caller removes it). Returns True when
    every step behaved as it should: the refused step refused, the tampered copy caught.
    The rendered form is written to ``forms`` (default ``folder``), which may outlive it."""
    from sheyin.registry import Registry, resolve_url

    found = {name: (snapshot, label) for name, snapshot, label in demo_snapshots(app)}
    if not found:
        say(
            Step(
                Text(
                    "没有已安装的规范提供示例快照", "no installed profile ships an example snapshot"
                )
            )
        )
        return True
    name = profile if profile in found else ("yulin" if "yulin" in found else sorted(found)[0])
    snapshot, label = found[name]
    settings = {
        **new_config(name),
        "registry": {"url": "sqlite:///sheyin.db"},
        "user": {"name": DEMO_ACTOR},
    }
    (folder / CONFIG_NAME).write_text(render_config(settings), encoding="utf-8")
    say(
        Step(
            Text("1. 建立工作区", "1. Create a workspace"),
            (
                Text(
                    f"sheyin init --profile {name}：{folder / CONFIG_NAME}，登记簿 sqlite:///sheyin.db",
                    f"sheyin init --profile {name}: {folder / CONFIG_NAME}, registry sqlite:///sheyin.db",
                ),
            ),
        )
    )
    url = resolve_url("sqlite:///sheyin.db", folder, CONFIG_NAME)
    with Registry.open(url, app=app, profile=name) as registry:
        imported = registry.import_(snapshot, DEMO_ACTOR, label)
        say(
            Step(
                Text("2. 导入示例", "2. Import the example"),
                (
                    Text(
                        f"sheyin import {label}：{imported.records} 条记录，{imported.events} 个事件，审计日志 {imported.entries} 条",
                        f"sheyin import {label}: {imported.records} records, {imported.events} events, {imported.entries} audit entries",
                    ),
                ),
            )
        )
        refused_ok = _lifecycle(registry, snapshot, say, lang)
        as_of = _last_day(registry)
        say(
            Step(
                Text(
                    f"4. 核查登记簿（sheyin check --as-of {as_of}）",
                    f"4. Check the registry (sheyin check --as-of {as_of})",
                ),
                report=registry.check(as_of, lang),
            )
        )
        say(
            Step(
                Text(
                    f"5. 本周到期事项（含已逾期）：sheyin due --as-of {as_of} --within {WEEK}",
                    f"5. Due this week (overdue included): sheyin due --as-of {as_of} --within {WEEK}",
                ),
                agenda=registry.due(as_of, within=WEEK),
            )
        )
        _render_form(registry, as_of, forms or folder, say)
        verdict = registry.verify()
        checkpoint, _ = registry.checkpoint()
        say(
            Step(
                Text(
                    "7. 核验审计日志（sheyin audit verify）",
                    "7. Verify the audit log (sheyin audit verify)",
                ),
                tuple(Text(line, line) for line in checkpoint.render().splitlines()),
                verdict=verdict,
            )
        )
    caught = _tampered_copy(app, folder, name, say)
    return refused_ok and verdict.intact and caught


def _render_form(registry: Registry, as_of: date, folder: Path, say: Say) -> None:
    """Fill one form from the registry and render it: a PDF when sheyin[pdf] is installed,
    else HTML. The form shown is one handed in for filing with rows, about an outlet with staff."""
    from sheyin.forms import FormFiller, resolve_scope
    from sheyin.render import RenderError, render

    profile = registry.profile
    candidates = sorted(
        profile.forms,
        key=lambda f: (
            not f.for_filing,
            f.rows is None,
            f.scope != "outlet",
            f.drawing is not None,
        ),
    )
    if not candidates:  # the source annexes no form (national): say so, keep the numbering
        say(
            Step(
                Text("6. 生成表单", "6. Render a form"),
                (Text("本规范未附表单，无可生成的表单", "this profile's source annexes no form"),),
            )
        )
        return
    form = candidates[0]
    state = registry.state(as_of)
    outlet = next(
        (o for o in state.outlets if o.staff), state.outlets[0] if state.outlets else None
    )
    partnership = state.partnerships[0] if state.partnerships else None
    records = {
        "outlet": outlet.id if outlet and form.scope == "outlet" else None,
        "partnership": partnership.id if partnership and form.scope == "partnership" else None,
    }
    scope = resolve_scope(state, form, **records)
    data = FormFiller(profile, state, scope, as_of).fill(form)
    try:
        fmt, rendered = "pdf", render(profile, form, data, "pdf")
    except RenderError:  # no sheyin[pdf] here: the same form as print-ready HTML
        fmt, rendered = "html", render(profile, form, data, "html")
    path = folder / f"{profile.name}-{form.id}.{fmt}"
    path.write_bytes(rendered.content)
    options = " ".join(f"--{key} {value}" for key, value in records.items() if value)
    command = f"sheyin form render {profile.name} {form.id} {options} --format {fmt} -o {path.name}"
    say(
        Step(
            Text(f"6. 生成表单（{command}）", f"6. Render a form ({command})"),
            (
                Text(
                    f"{form.title}（{form.clause}）：{path}",
                    f"{form.title_en or form.title} ({form.clause}): {path}",
                ),
                *(note.text for note in rendered.notes),
            ),
            file=path,
        )
    )


def _lifecycle(registry: Registry, snapshot: Mapping[str, Any], say: Say, lang: Lang) -> bool:
    """Add a new outlet and record its way into service, trying one forbidden step first."""
    machine = registry.profile.lifecycles.get("outlet")
    partnerships = snapshot.get("partnerships", [])
    if machine is None or not partnerships:
        return True
    partnership = partnerships[0]["id"]
    outlets = snapshot.get("outlets", [])
    # equipped like the example's first outlet, so that the check speaks of its lifecycle
    model: dict[str, Any] = next(iter(outlets), {})
    fitted = {
        k: v for k, v in model.items() if k in ("kind", "zones", "equipment", "facilities", "items")
    }
    registry.import_(
        {
            "outlets": [
                {**fitted, "id": NEW_OUTLET, "partnership": partnership, "name": "演示新网点"}
            ]
        },
        DEMO_ACTOR,
        "demo",
    )
    examples = [e for o in outlets for e in o.get("events", [])]
    lines = [
        Text(
            f"sheyin import：新网点 {NEW_OUTLET}（合作关系 {partnership}）",
            f"sheyin import: new outlet {NEW_OUTLET} (partnership {partnership})",
        )
    ]
    day = _last_day(registry) + timedelta(days=1)
    path = _path_into_service(machine)
    refused: tuple[Finding, ...] = ()
    forbidden = _forbidden_step(machine, machine.initial)
    if forbidden is not None:
        event = _event(forbidden, day, examples)
        judgement = registry.record("outlets", NEW_OUTLET, event, DEMO_ACTOR, lang=lang)
        refused = judgement.refusals
        lines.append(
            Text(
                f"sheyin record {forbidden.event} --outlet {NEW_OUTLET} --on {day}：不允许，未写入",
                f"sheyin record {forbidden.event} --outlet {NEW_OUTLET} --on {day}: refused, nothing written",
            )
        )
    for transition in path:
        day += timedelta(days=7)
        judgement = registry.record(
            "outlets", NEW_OUTLET, _event(transition, day, examples), DEMO_ACTOR
        )
        state = machine.state(transition.to or "")
        lines.append(
            Text(
                f"sheyin record {transition.event} --outlet {NEW_OUTLET} --on {day}：已记录（第 {judgement.entry and judgement.entry['seq']} 条）→ {state.zh if state else transition.to}",
                f"sheyin record {transition.event} --outlet {NEW_OUTLET} --on {day}: recorded (entry {judgement.entry and judgement.entry['seq']}) → {state.en if state else transition.to}",
            )
        )
    say(
        Step(
            Text("3. 记录新网点的生命周期", "3. Record a new outlet's lifecycle"),
            tuple(lines),
            refusals=refused,
        )
    )
    return forbidden is None or bool(refused)


def _path_into_service(machine: Lifecycle) -> list[Transition]:
    """The first transitions leading from the initial state to an active one."""
    state, path, seen = machine.initial, [], {machine.initial}
    target = set(machine.active) or {t.to for t in machine.transitions if t.to}
    while state not in target:
        step = next(
            (
                t
                for t in machine.transitions
                if state in t.from_ and t.to and t.to not in seen and t.to not in machine.ended
            ),
            None,
        )
        if step is None or step.to is None:
            break
        path.append(step)
        seen.add(step.to)
        state = step.to
    return path


def _forbidden_step(machine: Lifecycle, state: str) -> Transition | None:
    """A transition into service whose step the initial state does not allow."""
    allowed = {t.event for t in machine.transitions if state in t.from_}
    return next(
        (t for t in machine.transitions if t.event not in allowed and t.to in machine.active),
        None,
    )


def _event(transition: Transition, day: date, examples: list[dict[str, Any]]) -> dict[str, Any]:
    """The step on ``day``, with the fields the example's own event of that type carries."""
    like = next(
        (
            e
            for e in examples
            if e.get("type") == transition.event
            and all(e.get(k) == v for k, v in transition.when.items())
        ),
        {},
    )
    fields = {k: v for k, v in like.items() if k not in ("on", "note") and not _is_date(v)}
    return {**fields, "on": day.isoformat(), "type": transition.event, **dict(transition.when)}


def _is_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _last_day(registry: Registry) -> date:
    days = [
        e["data"]["event"]["on"]
        for e in registry.entries()
        if isinstance(e["data"].get("event"), dict)
    ]
    return date.fromisoformat(max(days)) if days else date.today()


def _tampered_copy(app: Sheyin, folder: Path, name: str, say: Say) -> bool:
    """Copy the database, rewrite one entry behind the triggers' back, and verify the copy."""
    from sheyin.registry import Registry, resolve_url

    copy = folder / "tampered.db"
    shutil.copyfile(folder / "sheyin.db", copy)
    connection = sqlite3.connect(copy)
    try:
        connection.execute("DROP TRIGGER audit_log_no_update")
        seq = connection.execute("SELECT max(seq) FROM audit_log").fetchone()[0] // 2
        connection.execute("UPDATE audit_log SET actor = '冒名者' WHERE seq = ?", (seq,))
        connection.commit()
    finally:
        connection.close()
    with Registry.open(
        resolve_url(f"sqlite:///{copy.name}", folder, "demo"), app=app, profile=name
    ) as tampered:
        verdict = tampered.verify()
    say(
        Step(
            Text(
                f"8. 篡改一份副本（第 {seq} 条记录的操作人被改写），再核验",
                f"8. Tamper with a copy (entry {seq}'s actor rewritten), then verify it",
            ),
            verdict=verdict,
        )
    )
    return not verdict.intact

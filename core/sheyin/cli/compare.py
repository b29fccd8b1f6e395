"""``sheyin profile diff`` and ``sheyin profile compare``: profiles side by side."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from sheyin.cli import Session
from sheyin.cli.helptext import format_option, json_flag, option
from sheyin.cli.output import console, echo_json, markdown_table, table
from sheyin.cli.profiles import as_of_option, profile_group
from sheyin.compare.diff import STATUS_NAMES as DIFF_STATUS
from sheyin.compare.diff import ProfileDiff, diff
from sheyin.compare.harmonise import STATUS_NAMES, Harmonisation, harmonise
from sheyin.dimensions import DIMENSIONS
from sheyin.i18n import Lang
from sheyin.origin import Origin, Setting


@profile_group.command("diff", help_zh="并列对照规范 A 和 B 的要求：仅 A 有、仅 B 有、两者不同。")
@click.argument("a")
@click.argument("b")
@as_of_option()
@format_option("text", "json", "markdown")
@json_flag()
@click.pass_obj
def diff_command(
    session: Session, a: str, b: str, as_of: date | None, fmt: str, as_json: bool
) -> None:
    """What profiles A and B require, side by side: only in A, only in B, different."""
    app = session.app
    day = as_of or date.today()
    first_profile = app.load_profile(session.profile_argument(a, "A"), day)
    second_profile = app.load_profile(session.profile_argument(b, "B"), day)
    result = diff(first_profile, second_profile, app.services, day, app.kinds)
    if as_json or fmt == "json":
        echo_json(result.to_dict(session.lang))
    elif fmt == "markdown":
        click.echo(diff_markdown(result, session.lang))
    else:
        print_diff(result, session.lang)


def _side(value: dict[str, object] | None) -> str:
    if value is None:
        return "—"
    cites = "、".join(str(c) for c in value["cites"])  # type: ignore[attr-defined]
    return f"{value['value']}（{cites}）" if cites else str(value["value"])


def print_diff(result: ProfileDiff, lang: Lang) -> None:
    """The diff as a table for a terminal."""
    data = result.to_dict(lang)
    zh = lang == "zh"
    rows = [
        (
            r["aspect_label"],
            r["label"],
            _side(r["a"]),
            _side(r["b"]),
            DIFF_STATUS[r["status"]].render(lang),
        )
        for r in data["rows"]
    ]
    title = f"{data['a']}（A） ↔ {data['b']}（B）"
    headers = ["方面", "项目", "A", "B", "比较"] if zh else ["Aspect", "Item", "A", "B", "Status"]
    console().print(table(title, headers, rows))
    s = data["summary"]
    click.echo(
        f"相同 {s['same']}，不同 {s['differs']}，仅 A {s['only_a']}，仅 B {s['only_b']}"
        if zh
        else f"{s['same']} same, {s['differs']} differ, {s['only_a']} only in A, {s['only_b']} only in B"
    )


def diff_markdown(result: ProfileDiff, lang: Lang) -> str:
    """The diff as a Markdown report, one table per aspect."""
    data = result.to_dict(lang)
    zh = lang == "zh"
    lines = [f"# {result.a.title_in(lang)} ↔ {result.b.title_in(lang)}", ""]
    lines.append(
        f"A = `{data['a']}`，B = `{data['b']}`" if zh else f"A = `{data['a']}`, B = `{data['b']}`"
    )
    current = None
    for row in data["rows"]:
        if row["aspect"] != current:
            current = row["aspect"]
            lines += ["", f"## {row['aspect_label']}", ""]
            group = [r for r in data["rows"] if r["aspect"] == current]
            headers = ["项目", "A", "B", "比较"] if zh else ["Item", "A", "B", "Status"]
            lines += markdown_table(
                headers,
                [
                    (
                        r["label"],
                        _side(r["a"]),
                        _side(r["b"]),
                        DIFF_STATUS[r["status"]].render(lang),
                    )
                    for r in group
                ],
            )
    return "\n".join(lines) + "\n"


@profile_group.command("compare", help_zh="逐个维度比较：REGIONS 中各地区达到、高于还是低于基准。")
@option(
    "--baseline",
    required=True,
    help="The baseline profile, e.g. national.",
    help_zh="作为基准的规范，例如 national。",
)
@click.argument("regions", nargs=-1, required=True)
@as_of_option()
@format_option("text", "json", "markdown")
@json_flag()
@click.pass_obj
def compare_command(
    session: Session,
    baseline: str,
    regions: tuple[str, ...],
    as_of: date | None,
    fmt: str,
    as_json: bool,
) -> None:
    """For each dimension, where REGIONS meet, exceed or fall short of the baseline."""
    app = session.app
    result = harmonise(
        app.load_profile(Setting(baseline, Origin.option("--baseline")), as_of),
        [app.load_profile(session.profile_argument(r, "REGIONS"), as_of) for r in regions],
        app.kinds,
    )
    if as_json or fmt == "json":
        echo_json(result.to_dict(session.lang))
    elif fmt == "markdown":
        click.echo(compare_markdown(result, session.lang))
    else:
        print_compare(result, session.lang)


def _cell(cell: dict[str, object] | None, lang: Lang) -> str:
    if cell is None:
        return ""
    cites = "、".join(str(c) for c in cell["cites"])  # type: ignore[attr-defined]
    label = str(cell["status_label"])
    if cell.get("relation") == "replaces":  # read as meets: say so, the reader may disagree
        label += "（替代）" if lang == "zh" else " (replaced)"
    return f"{label}（{cites}）" if cites else label


def _rows(dimension: dict[str, object], regions: list[str], lang: Lang) -> list[tuple[str, ...]]:
    rows = []
    for row in dimension["rows"]:  # type: ignore[attr-defined]
        base = row["baseline"]
        cited = (
            f"{base['clause']} {row['title']}"
            if base
            else ("（地方另有）" if lang == "zh" else "(regional only) ") + row["title"]
        )
        rows.append((cited, *(_cell(row["regions"].get(r), lang) for r in regions)))
    return rows


def _notes(dimension: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(baseline clause and title, region name, note) for every cell that explains itself."""
    notes = []
    for row in dimension["rows"]:
        base = row["baseline"]
        for name, cell in row["regions"].items():
            if cell["note"] and base:
                notes.append(
                    (f"{base['clause']} {row['title']}", data["region_names"][name], cell["note"])
                )
    return notes


def print_compare(result: Harmonisation, lang: Lang) -> None:
    """The harmonisation report as tables for a terminal, one per dimension, with the reasons."""
    data = result.to_dict(lang)
    zh = lang == "zh"
    out = console()
    regions = data["regions"]
    names = [data["region_names"][r] for r in regions]
    for dimension in data["dimensions"]:
        if not dimension["rows"]:
            continue
        headers = ["基准要求" if zh else "Baseline requirement", *names]
        out.print(
            table(
                f"{dimension['label']}（{dimension['dimension']}）",
                headers,
                _rows(dimension, regions, lang),
            )
        )
        notes = _notes(dimension, data)
        if notes:
            out.print(
                table(
                    "说明" if zh else "Reasons",
                    [
                        "基准要求" if zh else "Baseline requirement",
                        "地区" if zh else "Region",
                        "说明" if zh else "Reason",
                    ],
                    notes,
                )
            )
    summary = [
        (
            DIMENSIONS[d["dimension"]].render(lang),
            *(_counts(d["summary"][r], lang) for r in regions),
        )
        for d in data["dimensions"]
    ]
    out.print(table("汇总" if zh else "Summary", ["维度" if zh else "Dimension", *names], summary))


def _counts(counts: dict[str, int], lang: Lang) -> str:
    return " ".join(f"{STATUS_NAMES[s].render(lang)}{n}" for s, n in counts.items() if n)


def compare_markdown(result: Harmonisation, lang: Lang) -> str:
    """The harmonisation report as Markdown, for a provincial department's director."""
    data = result.to_dict(lang)
    zh = lang == "zh"
    regions = data["regions"]
    names = [data["region_names"][r] for r in regions]
    titles = "、".join(p.title_in(lang) for p in result.regions)
    lines = [
        f"# {'对照' if zh else 'Against'} {result.baseline.title_in(lang)}：{titles}"
        if zh
        else f"# {titles} against {result.baseline.title_in(lang)}",
        "",
        (
            "本报告按“七统一”逐项列出各地规范相对国家基准的情况：符合、高于、低于或未涉及；“另有规定”为地方规范中无对应基准要求的条款。每行均注明两侧条款。"
            "“符合（替代）”表示地方以自己的要求替代基准要求（relation = replaces），本报告按“符合”计；两侧要求的具体内容见 --format json 的 requires。"
            if zh
            else "For each of the seven dimensions, each regional profile meets, exceeds, falls short of or does not address each baseline requirement; 'additional' marks regional provisions with no baseline counterpart. Every row cites both sides. "
            "'meets (replaced)' marks a baseline requirement the region replaces with its own (relation = replaces), read here as meeting it; --format json lists what each side requires."
        ),
        "",
        "## " + ("汇总" if zh else "Summary"),
        "",
    ]
    lines += markdown_table(
        ["维度" if zh else "Dimension", *names],
        [
            (
                DIMENSIONS[d["dimension"]].render(lang),
                *(_counts(d["summary"][r], lang) for r in regions),
            )
            for d in data["dimensions"]
        ],
    )
    for dimension in data["dimensions"]:
        if not dimension["rows"]:
            continue
        lines += ["", f"## {dimension['label']}", ""]
        lines += markdown_table(
            ["基准要求" if zh else "Baseline requirement", *names],
            _rows(dimension, regions, lang),
        )
        notes = _notes(dimension, data)
        if notes:
            lines += ["", "说明：" if zh else "Reasons:", ""]
            lines += [f"- {requirement} · {region}：{note}" for requirement, region, note in notes]
    return "\n".join(lines) + "\n"

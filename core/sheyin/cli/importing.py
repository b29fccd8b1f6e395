"""``sheyin import FILE…``: snapshots and spreadsheets into the registry, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from sheyin.cli import Session, cli
from sheyin.cli.helptext import option
from sheyin.cli.workspace import open_registry, require_actor
from sheyin.documents import read_file
from sheyin.errors import InputError, Problem
from sheyin.registry.sheets import Workbook, is_spreadsheet, write_template


@cli.command(
    "import", help_zh="从快照（TOML/JSON）或电子表格（.xlsx/.xls/.ods/.csv）新增或更新记录。"
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write an empty .xlsx template with Chinese headers and stop.",
    help_zh="写出一个带中文表头的空白 .xlsx 模板，然后结束。",
)
@option(
    "--profile",
    "profile_name",
    help="Profile that judges the records (overrides sheyin.toml).",
    help_zh="据以判断这些记录的规范（优先于 sheyin.toml）。",
)
@option(
    "--actor",
    help="Real name of the person importing (else SHEYIN_ACTOR, else [user] name).",
    help_zh="导入人的真实姓名（未给出时依次看 SHEYIN_ACTOR、[user] name）。",
)
@click.pass_obj
def import_command(
    session: Session,
    files: tuple[Path, ...],
    template: Path | None,
    profile_name: str | None,
    actor: str | None,
) -> None:
    """Add or update records from snapshots (TOML/JSON) or spreadsheets (.xlsx/.xls/.ods/.csv)."""
    if template is not None:
        write_template(template)
        session.echo(f"已写入导入模板 {template}", f"wrote the import template {template}")
        return
    if not files:
        raise click.UsageError(session.t("请给出要导入的文件", "give the files to import"))
    who = require_actor(session, actor)
    documents: list[tuple[dict[str, Any], str]] = []
    workbooks: dict[str, Workbook] = {}
    for path in files:
        if is_spreadsheet(path):
            workbook = Workbook(path)
            workbooks[str(path)] = workbook
            documents.append((workbook.document, str(path)))
        else:
            documents.append((read_file(path), str(path)))
    registry = open_registry(session, profile_name)
    try:
        # a bar on the terminal only (validating 20,000 outlets takes a while); never in pipes
        err = Console(stderr=True)
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task(session.t("导入", "importing"), total=None)

            def progress(label: str, done: int, total: int) -> None:
                bar.update(task, completed=done, total=total, description=Path(label).name)

            result = registry.import_(documents, who, progress=progress)
    except InputError as exc:
        raise _located(exc, workbooks) from None
    finally:
        registry.close()
    session.echo(
        f"已导入：{result.records} 条记录新增或更新，{result.events} 个事件，审计日志新增 {result.entries} 条",
        f"imported: {result.records} record(s) added or updated, {result.events} event(s), "
        f"{result.entries} audit entries",
    )


def _located(error: InputError, workbooks: dict[str, Workbook]) -> InputError:
    """Problems about a spreadsheet's document, named by the cell they came from."""
    problems: list[Problem] = []
    for found in error.problems:
        workbook = workbooks.get(found.file) if isinstance(found.file, str) else None
        problems.extend(workbook.problems(InputError((found,))).problems if workbook else (found,))
    return InputError(tuple(problems))

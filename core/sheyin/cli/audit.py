"""``sheyin audit log|export|verify|checkpoint``: read the log and prove it intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from sheyin.audit import Checkpoint, Verdict, parse_checkpoint, verify_chain
from sheyin.audit.export import export_lines, read_export
from sheyin.cli import Session, cli
from sheyin.cli.helptext import F, format_option, option
from sheyin.cli.output import console, echo_json, table
from sheyin.cli.workspace import open_registry
from sheyin.errors import InputError, problem


def registry_profile_option() -> Callable[[F], F]:
    """``--profile``: the registry's profile, over sheyin.toml's."""
    return option(
        "--profile",
        "profile_name",
        help="Profile of the registry (overrides sheyin.toml).",
        help_zh="登记簿所用的规范（优先于 sheyin.toml）。",
    )


@cli.group("audit", help_zh="审计日志：查阅、导出、验证，或生成检查点。")
def audit_group() -> None:
    """The audit log: read it, export it, verify it, take a checkpoint."""


@audit_group.command("log", help_zh="按顺序列出日志条目（个人号码只以带密钥的哈希值出现）。")
@option(
    "--subject",
    help="Only entries about this record (o1 or outlets/o1).",
    help_zh="只列出关于这条记录的条目（o1 或 outlets/o1）。",
)
@option(
    "--since",
    type=click.IntRange(min=0),
    default=0,
    help="Only entries after this seq.",
    help_zh="只列出此序号之后的条目。",
)
@format_option("text", "json")
@registry_profile_option()
@click.pass_obj
def log_command(
    session: Session, subject: str | None, since: int, fmt: str, profile_name: str | None
) -> None:
    """Entries of the log in order (personal numbers appear only as keyed hashes)."""
    with open_registry(session, profile_name) as registry:
        entries = registry.entries(subject, since)
    if fmt == "json":
        echo_json(entries)
        return
    headers = (
        ["序号", "记录时间 (UTC)", "操作人", "操作", "对象", "内容"]
        if session.lang == "zh"
        else ["Seq", "Recorded (UTC)", "Actor", "Action", "Subject", "Data"]
    )
    rows = [
        (
            e["seq"],
            e["recorded_at"][:19],
            e["actor"],
            e["action"],
            e["subject"],
            _summary(e["data"]),
        )
        for e in entries
    ]
    console().print(table(None, headers, rows))


def _summary(data: dict[str, object]) -> str:
    event = data.get("event")
    if isinstance(event, dict):
        text = f"{event.get('type')} {event.get('on')}"
        if "despite" in data:
            text += f" despite: {data['despite']}"
        return text
    fields = data.get("set")
    if isinstance(fields, dict):
        return "set " + ", ".join(sorted(fields)) if fields else "set"
    return ", ".join(sorted(data))


@audit_group.command("export", help_zh="把日志写成 JSON Lines 文件，末尾附检查点；并打印该检查点。")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@registry_profile_option()
@click.pass_obj
def export_command(session: Session, file: Path, profile_name: str | None) -> None:
    """Write the log as JSON Lines ending with its checkpoint; print the checkpoint."""
    with open_registry(session, profile_name) as registry:
        entries = registry.entries()
        checkpoint, verdict = registry.checkpoint()
    _refuse_broken(session, verdict)
    file.write_text("\n".join(export_lines(entries, checkpoint)) + "\n", encoding="utf-8")
    click.echo(checkpoint.render(), nl=False)


@audit_group.command(
    "checkpoint",
    help_zh="打印日志头（条目数、RFC 9162 Merkle 根、时间、规范），用于备案或交给对方。",
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write it to this file.",
    help_zh="同时写入此文件。",
)
@registry_profile_option()
@click.pass_obj
def checkpoint_command(session: Session, output: Path | None, profile_name: str | None) -> None:
    """Print the head of the log (size, RFC 9162 Merkle root, time, profile) to file or hand over."""
    with open_registry(session, profile_name) as registry:
        checkpoint, verdict = registry.checkpoint()
    _refuse_broken(session, verdict)
    if output is not None:
        output.write_text(checkpoint.render(), encoding="utf-8")
    click.echo(checkpoint.render(), nl=False)


@audit_group.command(
    "verify",
    help_zh="重新计算每个哈希值、链接和 Merkle 根。完整时退出状态为 0；否则为 1，并指出第一处不符。",
)
@option(
    "--checkpoint",
    "checkpoint_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A checkpoint taken earlier: prove the log still extends it.",
    help_zh="先前生成的检查点：证明日志仍是在它之上延续的。",
)
@option(
    "--file",
    "export_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Verify an export (from audit export) instead of the registry.",
    help_zh="验证导出文件（audit export 的结果），而不是登记簿。",
)
@format_option("text", "json")
@registry_profile_option()
@click.pass_obj
def verify_command(
    session: Session,
    checkpoint_file: Path | None,
    export_file: Path | None,
    fmt: str,
    profile_name: str | None,
) -> None:
    """Recompute every hash, link and the Merkle root. Exit 0 intact, 1 naming the first failure."""
    given = _read_checkpoint(checkpoint_file) if checkpoint_file else None
    if export_file is not None:
        entries, embedded = read_export(_read_text(export_file), str(export_file))
        verdict = verify_chain(entries, _pair(given or embedded))
        if verdict.intact and given is not None and embedded is not None:
            verdict = verify_chain(entries, _pair(embedded))
    else:
        with open_registry(session, profile_name) as registry:
            verdict = registry.verify(given)
    report(session, verdict, fmt)
    raise SystemExit(0 if verdict.intact else 1)


def report(session: Session, verdict: Verdict, fmt: str) -> None:
    """Print a verdict as text or JSON."""
    failure = verdict.failure
    if fmt == "json":
        echo_json(verdict.to_dict(session.lang))
        return
    if failure is None:
        session.echo(
            f"审计日志完整：{verdict.size} 条记录，Merkle 根 sha256:{verdict.root.hex()}",
            f"audit log intact: {verdict.size} entries, Merkle root sha256:{verdict.root.hex()}",
        )
    else:
        session.echo(
            "审计日志已被篡改：" + failure.text.render("zh"),
            "audit log tampered with: " + failure.text.render("en"),
        )


def _refuse_broken(session: Session, verdict: Verdict) -> None:
    if not verdict.intact:
        report(session, verdict, "text")
        raise SystemExit(1)


def _pair(checkpoint: Checkpoint | None) -> tuple[int, bytes] | None:
    return None if checkpoint is None else (checkpoint.size, checkpoint.root)


def _read_checkpoint(path: Path) -> Checkpoint:
    return parse_checkpoint(_read_text(path), str(path))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError((problem(str(path), "", "文件不存在", "file not found"),)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            (problem(str(path), "", f"无法读取：{exc}", f"cannot be read: {exc}"),)
        ) from None

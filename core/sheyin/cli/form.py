"""``sheyin form``: fill a profile's form, render it to print, print its schema, validate data.

``sheyin form PROFILE FORM --snapshot S --outlet O`` is short for ``sheyin form fill …``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from sheyin.app import snapshot_as_of
from sheyin.cli import Session, cli
from sheyin.cli.helptext import F, LocalGroup, option
from sheyin.cli.output import console, echo_json, table, write_file
from sheyin.cli.params import DATE, INPUT, OUTPUT
from sheyin.documents import read_document
from sheyin.errors import InputError, problem
from sheyin.formdata import find_form, validate_form_data
from sheyin.forms import FormFiller, form_schema, resolve_scope, unmasked_allowed
from sheyin.profile.model import Form, Profile
from sheyin.render import FORMATS, Format, formats_for, render


class FormGroup(LocalGroup):
    """Runs ``fill`` when the first argument is not a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["fill", *args]
        return super().parse_args(ctx, args)


@cli.group(
    "form",
    cls=FormGroup,
    help_zh="规范的表单：填写（JSON）、生成可打印的文件、显示其数据的 JSON Schema、校验数据。",
)
def form_group() -> None:
    """Forms of a profile: fill one (JSON), render it to print, show its schema, validate data."""


def _form(
    session: Session, profile_name: str, form_name: str, as_of: date | None = None
) -> tuple[Profile, Form]:
    profile = session.app.load_profile(session.profile_argument(profile_name), as_of)
    form = find_form(profile, form_name)
    return profile, form


def subject_options(command: F) -> F:
    """``--outlet``, ``--partnership``, ``--bank``, ``--department``: the record a form is for."""
    for declare in (
        option("--department", help="Department id.", help_zh="人社部门（社保经办机构）标识。"),
        option("--bank", help="Bank id.", help_zh="合作银行标识。"),
        option("--partnership", help="Partnership id.", help_zh="合作关系标识。"),
        option(
            "--outlet",
            help="Outlet id (for forms filled per outlet).",
            help_zh="网点标识（用于按网点填写的表单）。",
        ),
    ):  # bottom first, as decorators apply: the help lists them outlet first
        command = declare(command)
    return command


@form_group.command(
    "fill", help_zh="根据快照填写规范 PROFILE 的表单 FORM，并以 JSON 打印表单数据。"
)
@click.argument("profile_name", metavar="PROFILE")
@click.argument("form_name", metavar="FORM")
@option(
    "--snapshot",
    type=INPUT,
    help="Snapshot to fill the form from (default: the workspace's registry).",
    help_zh="用以填写表单的快照（默认：工作区的登记簿）。",
)
@subject_options
@option(
    "--as-of",
    type=DATE,
    help="Date the form is filled on (default: the snapshot's as_of, else today).",
    help_zh="填表日期（默认：快照的 as_of，否则为今天）。",
)
@option(
    "--for-filing",
    is_flag=True,
    help="Print identity numbers unmasked, for a form handed in for filing.",
    help_zh="不脱敏，完整打印身份证号码，用于报送备案的表单。",
)
@click.pass_obj
def fill_command(
    session: Session,
    profile_name: str,
    form_name: str,
    snapshot: str | None,
    outlet: str | None,
    partnership: str | None,
    bank: str | None,
    department: str | None,
    as_of: date | None,
    for_filing: bool,
) -> None:
    """Fill FORM of PROFILE from a snapshot and print the form's data as JSON."""
    _, _, data = _fill(
        session,
        profile_name,
        form_name,
        snapshot,
        {"outlet": outlet, "partnership": partnership, "bank": bank, "department": department},
        as_of,
        unmasked=for_filing,
        option="--for-filing",
    )
    echo_json(data)


def _fill(
    session: Session,
    profile_name: str,
    form_name: str,
    snapshot: str | None,
    records: dict[str, str | None],
    as_of: date | None,
    *,
    unmasked: bool,
    option: str,
) -> tuple[Profile, Form, dict[str, Any]]:
    """Load the profile and the records (a snapshot, else the workspace's registry), fill the form."""
    if snapshot is not None:
        document = read_document(snapshot)
        day = as_of or snapshot_as_of(document) or date.today()
        profile, form = _form(session, profile_name, form_name, day)
        for_filing = unmasked_allowed(form, unmasked, option)
        parsed = session.app.parse_snapshot(document, profile)
    else:
        from sheyin.cli.workspace import open_registry

        day = as_of or date.today()
        profile, form = _form(session, profile_name, form_name, day)
        for_filing = unmasked_allowed(form, unmasked, option)
        with open_registry(session, profile.name) as registry:
            parsed = registry.state(day)
    scope = resolve_scope(parsed, form, **records)
    return profile, form, FormFiller(profile, parsed, scope, day, for_filing=for_filing).fill(form)


@form_group.command(
    "render",
    help_zh="填写规范 PROFILE 的表单 FORM，并写成可直接打印的 HTML、PDF、Word 或 SVG 文件。",
)
@click.argument("profile_name", metavar="PROFILE")
@click.argument("form_name", metavar="FORM")
@subject_options
@option(
    "--snapshot",
    type=INPUT,
    help="Snapshot to fill the form from (- reads standard input; default: the workspace's registry).",
    help_zh="用以填写表单的快照（- 表示从标准输入读取；默认：工作区的登记簿）。",
)
@option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="html, pdf (needs sheyin[pdf]), docx, or svg for a drawing.",
    help_zh="html、pdf（需安装 sheyin[pdf]）、docx，图样用 svg。",
)
@option(
    "-o",
    "--output",
    type=OUTPUT,
    required=True,
    help="File to write.",
    help_zh="要写入的文件。",
)
@option(
    "--as-of",
    type=DATE,
    help="Date the form is filled on (default: the snapshot's as_of).",
    help_zh="填表日期（默认：快照的 as_of）。",
)
@option(
    "--unmasked",
    is_flag=True,
    help="Print identity numbers in full, on a form the profile marks for filing.",
    help_zh="在规范标明用于备案的表单上完整打印身份证号码。",
)
@click.pass_obj
def render_command(
    session: Session,
    profile_name: str,
    form_name: str,
    outlet: str | None,
    partnership: str | None,
    bank: str | None,
    department: str | None,
    snapshot: str | None,
    fmt: Format,
    output: Path,
    as_of: date | None,
    unmasked: bool,
) -> None:
    """Fill FORM of PROFILE and write it, ready to print, as HTML, PDF, Word or SVG."""
    if not output.parent.is_dir():
        raise InputError(
            (
                problem(
                    "--output",
                    "",
                    f"目录不存在：{output.parent}",
                    f"no such directory: {output.parent}",
                ),
            )
        )
    profile, form, data = _fill(
        session,
        profile_name,
        form_name,
        snapshot,
        {"outlet": outlet, "partnership": partnership, "bank": bank, "department": department},
        as_of,
        unmasked=unmasked,
        option="--unmasked",
    )
    rendered = render(profile, form, data, fmt)
    for note in rendered.notes:
        click.secho(note.render(session.lang), err=True, fg="yellow")
    write_atomically(output, rendered.content)
    click.echo(
        session.t(
            f"已生成{form.title}（{form.id}，{fmt}）：{output}",
            f"Rendered {form.title_en or form.title} ({form.id}, {fmt}): {output}",
        )
    )


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all (a temporary file, then a rename);
    a directory, a missing folder or a full disk is an input error naming ``path``."""
    write_file(path, content, overwrite=True)


@form_group.command("schema", help_zh="打印表单 FORM 数据的 JSON Schema。")
@click.argument("profile_name", metavar="PROFILE")
@click.argument("form_name", metavar="FORM")
@click.pass_obj
def schema_command(session: Session, profile_name: str, form_name: str) -> None:
    """Print the JSON Schema of FORM's data."""
    profile, form = _form(session, profile_name, form_name)
    echo_json(form_schema(profile, form))


@form_group.command(
    "validate",
    help_zh="按表单 FORM 的 JSON Schema 校验在别处填写的表单数据（JSON；- 表示从标准输入读取）。",
)
@click.argument("profile_name", metavar="PROFILE")
@click.argument("form_name", metavar="FORM")
@click.argument("data", type=INPUT)
@click.pass_obj
def validate_command(session: Session, profile_name: str, form_name: str, data: str) -> None:
    """Validate form data filled elsewhere (JSON; - reads standard input) against FORM's schema."""
    profile, form = _form(session, profile_name, form_name)
    document = read_document(data)
    validate_form_data(profile, form, document.data, document.file)
    session.echo(
        f"{document.file}：符合表单 {form.id} 的格式", f"{document.file}: valid {form.id} data"
    )


@form_group.command("list", help_zh="列出规范 PROFILE 声明的表单。")
@click.argument("profile_name", metavar="PROFILE")
@option("--json", "as_json", is_flag=True, help="Print JSON.", help_zh="输出 JSON。")
@click.pass_obj
def list_command(session: Session, profile_name: str, as_json: bool) -> None:
    """List the forms PROFILE declares."""
    profile = session.app.load_profile(session.profile_argument(profile_name))
    if as_json:
        echo_json(
            [
                {
                    "id": f.id,
                    "aliases": list(f.aliases),
                    "title": f.title,
                    "clause": f.clause,
                    "scope": f.scope,
                    "formats": list(formats_for(f)),
                }
                for f in profile.forms
            ]
        )
        return
    t = session.t
    rows = (
        (f.id, f.title, f.clause, f.scope, " ".join(formats_for(f)), "、".join(f.aliases))
        for f in profile.forms
    )
    console().print(
        table(
            t("表单", "Forms"),
            [
                t("编号", "Id"),
                t("名称", "Title"),
                t("条款", "Clause"),
                t("填写对象", "Scope"),
                t("格式", "Formats"),
                t("别名", "Aliases"),
            ],
            rows,
        )
    )

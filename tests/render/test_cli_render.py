"""`sheyin form render`: writes the file and says where; bad requests exit 2 and write nothing."""

from __future__ import annotations

import builtins
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

# Commands register themselves on import, as the console script does.
from sheyin.cli import cli, form  # noqa: F401

YULIN = str(resources.files("sheyin_yulin") / "data" / "demo.toml")


def render_cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["form", "render", *args])


def test_render_writes_the_file_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "b2.html"
    result = render_cli(
        "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz", "--format", "html", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    assert "合作网点工作人员信息表" in out.read_text("utf-8")


def test_identity_numbers_are_masked_by_default(tmp_path: Path) -> None:
    out = tmp_path / "b2.html"
    render_cli(
        "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz", "--format", "html", "-o", str(out)
    )
    assert "450902********0420" in out.read_text("utf-8")


def test_unmasked_prints_full_numbers_on_a_form_for_filing(tmp_path: Path) -> None:
    out = tmp_path / "b2.html"
    result = render_cli(
        "yulin",
        "B.2",
        "--snapshot",
        YULIN,
        "--outlet",
        "o-cz",
        "--format",
        "html",
        "-o",
        str(out),
        "--unmasked",
    )
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "********" not in html
    assert "450902" in html


def test_unmasked_is_refused_on_a_form_not_for_filing(tmp_path: Path) -> None:
    out = tmp_path / "notice.html"
    result = render_cli(
        "yulin",
        "D.1-notice",
        "--snapshot",
        YULIN,
        "--outlet",
        "o-xs",
        "--format",
        "html",
        "-o",
        str(out),
        "--unmasked",
    )
    assert result.exit_code == 2
    assert "--unmasked" in result.output
    assert "不用于备案" in result.output
    assert not out.exists()


def test_a_format_that_does_not_fit_the_form_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "b2.svg"
    result = render_cli(
        "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz", "--format", "svg", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "不能生成 svg" in result.output
    assert not out.exists()


def test_english_messages_with_lang_en(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--lang",
            "en",
            "form",
            "render",
            "yulin",
            "B.2",
            "--snapshot",
            YULIN,
            "--outlet",
            "o-cz",
            "--format",
            "svg",
            "-o",
            str(tmp_path / "x.svg"),
        ],
    )
    assert result.exit_code == 2
    assert "cannot be rendered as svg" in result.output


def test_an_output_folder_that_does_not_exist_is_named(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "b2.html"
    result = render_cli(
        "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz", "--format", "html", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "--output" in result.output


def test_a_missing_pdf_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    out = tmp_path / "b2.pdf"
    result = render_cli(
        "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz", "--format", "pdf", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "sheyin[pdf]" in result.output
    assert not out.exists()


def test_fill_still_prints_the_forms_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["form", "yulin", "B.2", "--snapshot", YULIN, "--outlet", "o-cz"]
    )
    assert result.exit_code == 0, result.output
    assert '"form": "B.2"' in result.output


def test_form_list_names_the_formats_each_form_renders_in() -> None:
    result = CliRunner().invoke(cli, ["form", "list", "yulin", "--json"])
    assert result.exit_code == 0, result.output
    formats = {f["id"]: f["formats"] for f in json.loads(result.output)}
    assert formats["C.1"] == ["svg", "html", "pdf"]
    assert formats["B.2"] == ["html", "pdf", "docx"]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace whose registry holds the Yulin example."""
    from sheyin.cli import importing, init  # noqa: F401

    monkeypatch.chdir(tmp_path)
    for name in ("SHEYIN_ACTOR", "SHEYIN_REGISTRY", "SHEYIN_PROFILE", "SHEYIN_LANG"):
        monkeypatch.delenv(name, raising=False)
    CliRunner().invoke(cli, ["init", "--profile", "yulin"])
    imported = CliRunner().invoke(cli, ["import", "--actor", "测试员", YULIN])
    assert imported.exit_code == 0, imported.output
    return tmp_path


def test_without_a_snapshot_the_form_is_filled_from_the_registry(workspace: Path) -> None:
    result = render_cli(
        "yulin",
        "B.2",
        "--outlet",
        "o-cz",
        "--as-of",
        "2025-09-30",
        "--format",
        "html",
        "-o",
        "b2.html",
    )
    assert result.exit_code == 0, result.output
    html = (workspace / "b2.html").read_text("utf-8")
    assert "李晓燕" in html
    assert "450902********0420" in html


def test_the_registry_holds_full_numbers_for_a_form_rendered_unmasked(workspace: Path) -> None:
    render_cli(
        "yulin",
        "B.2",
        "--outlet",
        "o-cz",
        "--as-of",
        "2025-09-30",
        "--format",
        "html",
        "-o",
        "b2.html",
        "--unmasked",
    )
    assert "450902198803120420" in (workspace / "b2.html").read_text("utf-8")


def test_without_a_snapshot_or_a_workspace_the_error_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHEYIN_REGISTRY", raising=False)
    result = render_cli("yulin", "B.2", "--outlet", "o-cz", "--format", "html", "-o", "b2.html")
    assert result.exit_code == 2
    assert "sheyin init" in result.output
    assert not (tmp_path / "b2.html").exists()

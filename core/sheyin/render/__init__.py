"""Rendering a filled form: HTML, PDF, Word and SVG from one declaration (docs/forms.md).

The form's data (``sheyin.forms.FormFiller.fill``) is laid out once by the form's declared
blocks (:mod:`sheyin.render.layout`); each format is one writer over that layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import frozen

from sheyin.errors import Problem, problem
from sheyin.profile.model import Form, Profile
from sheyin.render.layout import Page, lay_out
from sheyin.render.pdf import RenderError

Format = Literal["html", "pdf", "docx", "svg"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "docx", "svg")
MEDIA_TYPES: Mapping[Format, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "svg": "image/svg+xml",
}

__all__ = ["FORMATS", "Format", "Page", "RenderError", "Rendered", "formats_for", "render"]


@frozen
class Rendered:
    """A rendered form: the file's bytes, and notes the user should see (a slow font library)."""

    content: bytes
    format: Format
    notes: tuple[Problem, ...] = ()

    @property
    def media_type(self) -> str:
        """The MIME type of ``content``."""
        return MEDIA_TYPES[self.format]


def formats_for(form: Form) -> tuple[Format, ...]:
    """The formats that fit ``form``: a drawing is SVG (and a page showing it), a form is paper."""
    if form.drawing is not None:
        return ("svg", "html", "pdf")
    return ("html", "pdf", "docx")


def render(profile: Profile, form: Form, data: Mapping[str, Any], fmt: Format) -> Rendered:
    """Render ``data`` (``form``'s filled data) as ``fmt``.

    Raises :class:`RenderError` for a format that does not fit the form, or when the
    optional PDF extra is missing.
    """
    fits = formats_for(form)
    if fmt not in fits:
        known = "、".join(fits)
        raise RenderError(
            (
                problem(
                    "--format",
                    "",
                    f"表单 {form.id} 不能生成 {fmt}；可用：{known}",
                    f"form {form.id} cannot be rendered as {fmt}; it can be: {', '.join(fits)}",
                ),
            )
        )
    svg = None
    if form.drawing is not None:
        from sheyin.render.svg import write_svg

        svg = write_svg(profile, form, data)
        if fmt == "svg":
            return Rendered(svg.encode("utf-8"), fmt)
    page = lay_out(form, data, svg)
    if fmt == "docx":
        from sheyin.render.docx import write_docx

        return Rendered(write_docx(page), fmt)
    from sheyin.render.html import write_html

    html = write_html(profile, page)
    if fmt == "html":
        return Rendered(html.encode("utf-8"), fmt)
    from sheyin.render.pdf import subsetting_notes, write_pdf

    return Rendered(write_pdf(html), fmt, subsetting_notes())

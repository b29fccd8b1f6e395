"""PDF: the form's HTML typeset by WeasyPrint (the optional extra ``sheyin[pdf]``)."""

from __future__ import annotations

import warnings
from types import ModuleType

from sheyin.errors import Problem, SheyinError, problem

EXTRA = "sheyin[pdf]"


class RenderError(SheyinError):
    """A form cannot be rendered in the format asked for (a missing extra, a format it lacks)."""


def weasyprint() -> ModuleType:
    """The WeasyPrint module, or a :class:`RenderError` naming the extra to install."""
    try:
        with warnings.catch_warnings():
            # Without libharfbuzz-subset WeasyPrint warns at import; subsetting_notes() says it.
            warnings.simplefilter("ignore", DeprecationWarning)
            import weasyprint as module
    except ImportError:
        raise RenderError(
            (
                problem(
                    "--format pdf",
                    "",
                    f"生成 PDF 需要可选依赖 {EXTRA}（WeasyPrint）：python -m pip install '{EXTRA}'",
                    f"PDF output needs the optional extra {EXTRA} (WeasyPrint): "
                    f"python -m pip install '{EXTRA}'",
                ),
            )
        ) from None
    except OSError as exc:  # WeasyPrint is installed but Pango (a system library) is not
        raise RenderError(
            (
                problem(
                    "--format pdf",
                    "",
                    f"WeasyPrint 找不到系统库 Pango（{exc}）：请用系统的包管理器安装 Pango"
                    "（Debian/Ubuntu：apt-get install libpango-1.0-0 libpangoft2-1.0-0）",
                    f"WeasyPrint cannot find the Pango system library ({exc}): install it with "
                    "the system's package manager (Debian/Ubuntu: apt-get install "
                    "libpango-1.0-0 libpangoft2-1.0-0)",
                ),
            )
        ) from None
    found: ModuleType = module
    return found


def subsetting_notes() -> tuple[Problem, ...]:
    """A visible note when HarfBuzz's subsetter is missing: CJK fonts then embed slowly.

    Without ``libharfbuzz-subset`` WeasyPrint falls back to fontTools and a CJK page takes
    10-30 s instead of under 2 s; WeasyPrint itself only logs a warning.
    """
    weasyprint()
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is not None:
        return ()
    return (
        problem(
            "--format pdf",
            "",
            "缺少系统库 libharfbuzz-subset：嵌入中文字体会很慢（每页 10–30 秒）；"
            "请安装（Debian/Ubuntu：apt-get install libharfbuzz-subset0）",
            "the libharfbuzz-subset system library is missing: embedding CJK fonts is slow "
            "(10-30 s a page); install it (Debian/Ubuntu: apt-get install libharfbuzz-subset0)",
        ),
    )


def write_pdf(html: str) -> bytes:
    """The HTML document typeset as PDF (fonts from the system, subset and embedded)."""
    module = weasyprint()
    pdf: bytes = module.HTML(string=html).write_pdf()
    return pdf

"""SVG: a sign or plaque drawn at its stated size, from the profile's drawing template."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sheyin.profile.model import Form, Profile
from sheyin.render.layout import chinese_date, chinese_month
from sheyin.render.templates import environment

# 1 pt = 25.4 / 72 mm: type sizes stated in points (字号 185) become millimetres on the drawing.
MM_PER_POINT = 25.4 / 72


def write_svg(profile: Profile, form: Form, data: Mapping[str, Any]) -> str:
    """The form's drawing (``drawing`` in forms.toml) as an SVG document in real units.

    The template sees the form, its filled ``data``, ``spec`` (key → value of the form's
    fixed specification) and helpers: ``pt_to_mm``, ``month`` and ``day`` (dates in Chinese).
    """
    if form.drawing is None:
        raise ValueError(f"form {form.id} has no drawing")
    spec = {key: entry["value"] for key, entry in data.get("spec", {}).items()}
    return (
        environment(profile)
        .get_template(form.drawing)
        .render(
            form=form,
            data=data,
            fields=data.get("fields", {}),
            spec=spec,
            pt_to_mm=lambda points: round(float(points) * MM_PER_POINT, 2),
            month=lambda value: chinese_month(date.fromisoformat(value)) if value else "",
            day=lambda value: chinese_date(date.fromisoformat(value)) if value else "",
        )
    )

"""A profile's form by name, and form data filled elsewhere checked against the form's schema.

``sheyin form validate`` and ``POST /v1/forms/{profile}/{form}/validate`` both call these.
"""

from __future__ import annotations

from typing import Any

from sheyin.errors import InputError, ProfileError, problem
from sheyin.forms import form_schema
from sheyin.profile.model import Form, Profile
from sheyin.schemas import build_validator, problems


def find_form(profile: Profile, name: str) -> Form:
    """The form called ``name`` (id or alias); :class:`ProfileError` naming the known ones if none."""
    form = profile.form(name)
    if form is None:
        known = "、".join(f.id for f in profile.forms) or "-"
        raise ProfileError(
            (
                problem(
                    f"profile {profile.name}",
                    "/forms",
                    f"没有表单“{name}”；可用：{known}",
                    f"no form '{name}'; known: {known}",
                ),
            )
        )
    return form


def validate_form_data(profile: Profile, form: Form, data: Any, file: str) -> None:
    """Raise :class:`InputError` listing every way ``data`` (read from ``file``) misfits ``form``."""
    found = problems(build_validator(form_schema(profile, form)), data, file)
    if found:
        raise InputError(found)

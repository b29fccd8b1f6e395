"""Rendered forms shared across the render tests: PDF typesetting is slow, so each file is made once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.forms import FormFiller, resolve_scope
from sheyin.render import Format, render
from support import demos, needs_pdf, scope_of


@pytest.fixture(scope="session")
def app() -> Sheyin:
    return Sheyin()


@pytest.fixture(scope="session")
def filled(app: Sheyin) -> Callable[[str, str], tuple[Any, Any, dict[str, Any]]]:
    """Fill a built-in form from its region's demo snapshot: (profile, form, data)."""
    cache: dict[tuple[str, str], tuple[Any, Any, dict[str, Any]]] = {}
    documents = demos()

    def fill(
        profile_name: str, form_id: str, unmasked: bool = False
    ) -> tuple[Any, Any, dict[str, Any]]:
        key = (profile_name, form_id + ("!" if unmasked else ""))
        if key not in cache:
            document = documents[profile_name]
            profile = app.load_profile(profile_name)
            snapshot = app.parse_snapshot(document, profile)
            form = profile.form(form_id)
            assert form is not None
            scope = resolve_scope(snapshot, form, **scope_of(profile_name, form, document))
            as_of = snapshot.as_of or date.today()
            data = FormFiller(profile, snapshot, scope, as_of, for_filing=unmasked).fill(form)
            cache[key] = (profile, form, data)
        return cache[key]

    return fill


@pytest.fixture(scope="session")
def rendered(
    filled: Callable[..., tuple[Any, Any, dict[str, Any]]], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str, str, Format], Path]:
    """The file of a built-in form rendered in a format, made once per test session."""
    folder = tmp_path_factory.mktemp("rendered")
    cache: dict[tuple[str, str, str], Path] = {}

    def make(profile_name: str, form_id: str, fmt: Format) -> Path:
        key = (profile_name, form_id, fmt)
        if key not in cache:
            if fmt == "pdf":
                needs_pdf()
            profile, form, data = filled(profile_name, form_id)
            path = folder / f"{profile_name}-{form_id}.{fmt}"
            path.write_bytes(render(profile, form, data, fmt).content)
            cache[key] = path
        return cache[key]

    return make

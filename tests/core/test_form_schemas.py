"""schemas/forms/ holds the data schema of every form of the built-in profiles, in sync."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sheyin import Sheyin
from sheyin.forms import form_schema

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)

FORMS = Path(__file__).parents[2] / "schemas" / "forms"
BUILTIN = ["yulin", "guangdong", "zhengyin"]


def form_schema_path(profile: str, form_id: str) -> Path:
    return FORMS / profile / f"{form_id}.schema.json"


@pytest.mark.parametrize("name", BUILTIN)
def test_every_form_has_its_schema_file(name: str) -> None:
    profile = Sheyin().load_profile(name)
    assert profile.forms
    for form in profile.forms:
        path = form_schema_path(name, form.id)
        assert path.is_file(), (
            f"missing {path}: write it with `sheyin form schema {name} {form.id}`"
        )
        written = json.loads(path.read_text("utf-8"))
        assert written == form_schema(profile, form), f"{path} is out of date"
        Draft202012Validator.check_schema(written)


@pytest.mark.parametrize("name", BUILTIN)
def test_no_stale_form_schema_files(name: str) -> None:
    ids = {form.id for form in Sheyin().load_profile(name).forms}
    assert {
        p.name.removesuffix(".schema.json") for p in (FORMS / name).glob("*.schema.json")
    } == ids

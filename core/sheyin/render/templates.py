"""The Jinja2 environment: core's templates (package data) and the profile's own, autoescaped."""

from __future__ import annotations

import functools

from jinja2 import ChoiceLoader, DictLoader, Environment, PackageLoader, StrictUndefined

from sheyin.profile.model import Profile


def environment(profile: Profile) -> Environment:
    """Templates the profile ships (data/templates/) first, then core's ``render/templates``.

    Autoescaping is on for every template: the values come from registers people type into.
    """
    return _environment(tuple(sorted(profile.templates.items())))


# Compiling the templates costs more than rendering a form: one environment per set of
# profile templates is kept (Jinja environments are safe to share between threads once
# built, and nothing in them depends on the data rendered).
@functools.lru_cache(maxsize=16)
def _environment(templates: tuple[tuple[str, str], ...]) -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [DictLoader(dict(templates)), PackageLoader("sheyin.render", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

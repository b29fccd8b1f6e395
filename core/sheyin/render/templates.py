"""The Jinja2 environment: core's templates (package data) and the profile's own, autoescaped."""

from __future__ import annotations

from jinja2 import ChoiceLoader, DictLoader, Environment, PackageLoader, StrictUndefined

from sheyin.profile.model import Profile


def environment(profile: Profile) -> Environment:
    """Templates the profile ships (data/templates/) first, then core's ``render/templates``.

    Autoescaping is on for every template: the values come from registers people type into.
    One environment per call keeps no state between profiles.
    """
    return Environment(
        loader=ChoiceLoader(
            [DictLoader(dict(profile.templates)), PackageLoader("sheyin.render", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

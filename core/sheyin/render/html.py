"""HTML: the form laid out for print (A4 ``@page``, page numbers, CJK serif fonts)."""

from __future__ import annotations

from sheyin.profile.model import Profile
from sheyin.render.layout import Page
from sheyin.render.templates import environment

GENERIC = "form.html.j2"


def write_html(profile: Profile, page: Page) -> str:
    """The page as a print-ready HTML document.

    The form's own template (``template`` in forms.toml, shipped in the profile's
    data/templates/) is used when it declares one; otherwise core's generic template.
    """
    name = page.form.template or GENERIC
    return environment(profile).get_template(name).render(page=page, profile=profile)

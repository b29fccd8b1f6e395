"""A profile as JSON documents: what ``sheyin profiles``, ``profile show`` and ``catalogue``
print with ``--json``, and what the HTTP API answers (one function each, used by both)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from sheyin.errors import ProfileError, SheyinError, problem
from sheyin.i18n import Lang
from sheyin.profile.index import ProfileListing

if TYPE_CHECKING:
    from sheyin.app import Sheyin
    from sheyin.plugin.types import CheckKind
    from sheyin.profile.model import Profile


def loaded_listings(app: Sheyin) -> list[ProfileListing]:
    """Every installed profile version, with the problems that loading it finds.

    Reading a profile's files checks them against the schemas; only building it shows
    whether every check, term and transition resolves, so a profile is listed as
    available only once it loads.
    """
    return [_loaded(app, listing) for listing in app.profiles()]


def _loaded(app: Sheyin, listing: ProfileListing) -> ProfileListing:
    if listing.errors or listing.manifest is None:
        return listing
    manifest = listing.manifest
    day = _day(manifest.get("valid_from")) or _day(manifest.get("valid_to")) or date.today()
    try:
        app.check_loads(listing.name, day)
    except SheyinError as exc:
        return attrs.evolve(listing, errors=exc.problems)
    return listing


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


def profiles_document(app: Sheyin, lang: Lang) -> dict[str, Any]:
    """Installed profiles, whether each loads, and the plugins that failed to load
    (schemas/profiles.schema.json)."""
    listings = loaded_listings(app)
    broken = [info for info in app.plugin_infos() if info.error is not None]
    return {
        "profiles": [
            {**listing.to_dict(), "available": not listing.errors} for listing in listings
        ],
        "broken_plugins": [
            {"plugin": i.name, "distribution": i.distribution, "error": i.error.render(lang)}
            for i in broken
            if i.error
        ],
    }


def profile_document(
    profile: Profile, lang: Lang, kinds: Mapping[str, CheckKind]
) -> dict[str, Any]:
    """A profile's documents, kinds, parameters, lifecycles, requirements (with what each
    requires, as its check kind describes it) and forms (schemas/profile-show.schema.json)."""
    from sheyin.compare.facts import requirement_facts  # not needed to list profiles

    return {
        "name": profile.name,
        "title": profile.title,
        "title_en": profile.title_en,
        "extends": profile.extends,
        "distribution": profile.distribution,
        "version": profile.version,
        "documents": [{"id": d.id, "title": d.title} for d in profile.documents],
        "outlet_kinds": list(profile.outlet_kinds),
        "parameters": {
            p.name: {"value": p.value, "unit": p.unit, "doc": p.doc}
            for p in profile.parameters.values()
        },
        "lifecycles": {
            subject: {
                "initial": m.initial,
                "states": [s.id for s in m.states],
                "transitions": [
                    {
                        "event": tr.event,
                        "from": list(tr.from_),
                        "to": tr.to,
                        "when": dict(tr.when),
                        "requirement": tr.requirement,
                    }
                    for tr in m.transitions
                ],
            }
            for subject, m in profile.lifecycles.items()
        },
        "requirements": [
            {
                "id": r.id,
                "clause": r.clause,
                "severity": r.severity,
                "title": r.summary(lang),
                "check": r.check.kind if r.check else None,
                "manual": r.manual,
                "declared_by": r.profile,
                "requires": [
                    {
                        "aspect": f.aspect,
                        "key": f.key,
                        "label": f.key_label.render(lang),
                        "value": f.value.render(lang),
                    }
                    for f in requirement_facts(profile, r, kinds)
                ],
            }
            for r in profile.requirements
        ],
        "forms": [{"id": f.id, "title": f.title} for f in profile.forms],
    }


def requirements_document(profile: Profile, lang: Lang) -> dict[str, Any]:
    """The requirement catalogue in full: citation, original text, modal verb, severity, and
    the check kind or the reason it is manual (schemas/requirement-list.schema.json)."""
    return {
        "profile": profile.name,
        "version": profile.version,
        "requirements": [
            {
                "id": r.id,
                "document": r.document,
                "clause": r.clause,
                "title": r.summary(lang),
                "text": r.text,
                "modal": r.modal,
                "severity": r.severity,
                "check": r.check.kind if r.check else None,
                "manual": r.manual,
                "interpretation": r.interpretation,
                "dimension": r.dimension,
                "declared_by": r.profile or profile.name,
            }
            for r in profile.requirements
        ],
    }


def catalogue_document(profile: Profile, day: date) -> dict[str, Any]:
    """The service guidance catalogue in force on ``day`` (schemas/catalogue.schema.json).

    Raises :class:`ProfileError` when the profile has no catalogue in force that day.
    """
    catalogue = profile.catalogue_on(day)
    if catalogue is None:
        raise ProfileError(
            (
                problem(
                    f"profile {profile.name}",
                    "",
                    f"{day} 没有有效的服务事项目录",
                    f"no catalogue in force on {day}",
                ),
            )
        )
    return {
        "profile": profile.name,
        "catalogue": catalogue.id,
        "title": catalogue.title,
        "clause": catalogue.clause,
        "as_of": day.isoformat(),
        "items": [
            {
                "id": i.id,
                "number": i.number,
                "category": i.category,
                "name": i.name,
                "level": i.level,
                "remarks": i.remarks,
                "service": i.service,
            }
            for i in catalogue.items
        ],
    }

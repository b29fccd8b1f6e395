"""``sheyin vocabulary``: every term a profile understands, its names and where it came from."""

from __future__ import annotations

from datetime import date

import click

from sheyin.cli import Session, cli
from sheyin.cli.helptext import format_option, option
from sheyin.cli.output import console, echo_json, table
from sheyin.cli.params import DATE
from sheyin.origin import Setting, first
from sheyin.profile.model import Profile
from sheyin.vocabulary import DOMAIN_NAMES, DOMAINS, Domain, Origin, origins


@cli.command(
    "vocabulary",
    help_zh="列出术语：标识、中文名与英文名、可接受的别名，以及添加该术语的规范或插件。",
)
@option(
    "--profile",
    "profile_name",
    help="Profile whose terms to list (else the workspace's; else core's and plugins' shared terms).",
    help_zh="列出哪个规范的术语（未给出时用工作区的规范；再无则列出核心与插件共用的术语）。",
)
@option(
    "--domain",
    type=click.Choice(DOMAINS),
    help="Only this domain (zones, equipment, ...).",
    help_zh="只列出这一类（zones、equipment 等）。",
)
@option(
    "--as-of",
    type=DATE,
    help="Profile version in force on this date (YYYY-MM-DD).",
    help_zh="此日期施行的规范版本（YYYY-MM-DD）。",
)
@format_option("text", "json")
@click.pass_obj
def vocabulary_command(
    session: Session, profile_name: str | None, domain: Domain | None, as_of: date | None, fmt: str
) -> None:
    """List terms: id, Chinese and English names, accepted aliases, and the profile or plugin that added each."""
    chosen = first(session.profile_option(profile_name), *session.profile_fallbacks())
    name = chosen.value if chosen is not None else None
    layers = [(source, terms) for source, terms in session.app.plugins.vocabulary_layers()]
    if chosen is not None:
        for profile in _chain(session, chosen, as_of):
            layers.append((profile.name, list(profile.vocabulary.all_terms())))
    found = [o for o in origins(layers) if domain is None or o.term.domain == domain]
    if fmt == "json":
        echo_json({"profile": name, "terms": [o.to_dict() for o in found]})
        return
    _print(session, name, found)


def _chain(session: Session, name: Setting[str], as_of: date | None) -> list[Profile]:
    """The profile and every profile it extends, the farthest first."""
    chain = [session.app.load_profile(name, as_of)]
    while chain[0].extends:
        chain.insert(0, session.app.load_profile(chain[0].extends, as_of))
    return chain


def _print(session: Session, name: str | None, found: list[Origin]) -> None:
    t = session.t
    out = console()
    for domain in DOMAINS:
        rows = [
            (o.term.id, o.term.zh, o.term.en, "、".join(o.term.aliases) or "-", o.source)
            for o in found
            if o.term.domain == domain
        ]
        if not rows:
            continue
        heading = DOMAIN_NAMES[domain].render(session.lang)
        out.print(
            table(
                f"{heading}（{domain}）" if session.lang == "zh" else f"{heading} ({domain})",
                [
                    t("标识", "Id"),
                    t("中文名", "Chinese"),
                    t("英文名", "English"),
                    t("别名", "Aliases"),
                    t("来源", "Source"),
                ],
                rows,
            )
        )
    if name is None:
        click.echo(
            t(
                "未指定规范：仅列出核心与插件共用的术语（--profile 可列出某一规范的全部术语）",
                "No profile given: only the terms core and plugins share (--profile lists one profile's terms)",
            )
        )

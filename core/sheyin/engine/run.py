"""Running every checked requirement of a profile over one snapshot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Finding, Report, Violation
from sheyin.errors import PluginError, problem
from sheyin.i18n import Lang, Text
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import SEVERITIES, Profile, Requirement
from sheyin.services import Service
from sheyin.snapshot.model import Snapshot


def run_checks(
    profile: Profile,
    snapshot: Snapshot,
    as_of: date,
    kinds: Mapping[str, CheckKind],
    lang: Lang,
    services: Mapping[str, Service] | None = None,
    *,
    requirements: Iterable[Requirement] | None = None,
    positions: Mapping[str, Sequence[int]] | None = None,
    outlet_codes: Mapping[str, int] | None = None,
) -> Report:
    """Check ``snapshot`` against every checked requirement of ``profile`` on ``as_of``.

    ``requirements`` (a part of the profile's, in its order), ``positions`` and
    ``outlet_codes`` are for checking one shard of a larger snapshot
    (:mod:`sheyin.engine.shard`; see :class:`~sheyin.engine.context.CheckContext`).
    """
    ctx = CheckContext(
        snapshot, profile, as_of, services, positions=positions, outlet_codes=outlet_codes
    )
    # Every finding of a requirement has its severity: kept apart by severity from the start,
    # they are then sorted on (subject, rule, path) by keys made in C (see finding_order).
    by_severity: dict[str, list[Finding]] = {severity: [] for severity in SEVERITIES}
    for requirement in profile.requirements if requirements is None else requirements:
        if requirement.check is None:
            continue
        kind = kinds[requirement.check.kind]
        try:
            violations = list(kind.run(ctx, requirement, requirement.check.params))
        except Exception as exc:  # a plugin's check must not end in a traceback
            raise PluginError(
                (
                    problem(
                        f"check kind {kind.name}",
                        "",
                        f"核查“{requirement.id}”时出错：{type(exc).__name__}: {exc}",
                        f"checking '{requirement.id}' failed: {type(exc).__name__}: {exc}",
                    ),
                )
            ) from exc
        if not violations:
            continue
        # Hundreds of thousands of findings on a large snapshot: the fields shared by the
        # requirement's findings are read once, and arguments passed by position.
        rule, clause, severity = requirement.id, requirement.clause, requirement.severity
        render = _Messages(lang, requirement.message).render
        by_severity[severity] += [
            Finding(rule, clause, severity, v.subject, v.path, render(v)) for v in violations
        ]
    findings: list[Finding] = []
    for severity in SEVERITIES:
        # Stable sorts from the last key to the first give the order of one stable sort on
        # (subject, rule, path), as finding_order sorts, comparing plain strings throughout.
        ordered = sorted(by_severity[severity], key=_PATH)
        ordered.sort(key=_RULE)
        ordered.sort(key=_SUBJECT)
        findings += ordered
    return Report(profile=profile.name, as_of=as_of, findings=tuple(findings))


_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
_SUBJECT, _RULE, _PATH = attrgetter("subject"), attrgetter("rule"), attrgetter("path")


def finding_order(finding: Finding) -> tuple[int, str, str, str]:
    """The order of a report's findings: severity, subject, rule, path (a stable sort keeps
    the order in which one check yielded findings that tie)."""
    return (_SEVERITY_ORDER[finding.severity], finding.subject, finding.rule, finding.path)


class _Messages:
    """One requirement's messages: many findings say the same thing, so each distinct
    (template, values) is rendered once.

    Check kinds share one values mapping between the records with the same finding, and
    yield those records one after another: a violation with the very mapping and template
    of the one before says what it said, known without hashing what the mapping holds.
    """

    def __init__(self, lang: Lang, template: Text | None) -> None:
        self.lang = lang
        self.template = template
        self._rendered: dict[tuple[object, ...], str] = {}
        self._last: tuple[object, object, str] | None = None

    def render(self, violation: Violation) -> str:
        last = self._last
        if last is not None and last[0] is violation.values and last[1] is violation.template:
            return last[2]
        try:
            key = (violation.template, *violation.values.items())
            message = self._rendered.get(key)
        except TypeError:  # a value that cannot be a key (a list, say): render it each time
            return violation.render(self.lang, self.template)
        if message is None:
            message = self._rendered[key] = violation.render(self.lang, self.template)
        self._last = (violation.values, violation.template, message)
        return message

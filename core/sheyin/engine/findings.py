"""Findings and the report that serialises to the public JSON contract (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import date
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from attrs import field, frozen

from sheyin.echo import word
from sheyin.i18n import Lang, Text
from sheyin.profile.model import SEVERITIES, Severity

Value = Text | str | int | float
_SEVERITY = attrgetter("severity")


@frozen
class Violation:
    """What a check found wrong, before it is tied to a requirement and a language.

    ``template`` is the check kind's default message; a requirement may give its own
    with the same ``{placeholders}``. ``values`` fill them in either language.
    """

    subject: str
    path: str
    template: Text
    values: Mapping[str, Value] = field(factory=dict)

    def render(self, lang: Lang, template: Text | None = None) -> str:
        """The message in ``lang``, using ``template`` instead of the default when given."""
        filled = {k: _filled(v, lang) for k, v in self.values.items()}
        return (template or self.template).render(lang, **filled)


def _filled(value: object, lang: Lang) -> object:
    """A placeholder's value in words: 是/否 and 未记录 rather than Python's True and None."""
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, bool) or value is None:
        return word(value).render(lang)
    return value


@frozen
class Finding:
    """One requirement not met by one record."""

    rule: str
    clause: str
    severity: Severity
    subject: str
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The finding as in the report contract."""
        return {
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity,
            "subject": self.subject,
            "path": self.path,
            "message": self.message,
        }


@frozen
class Report:
    """The result of checking one snapshot against one profile."""

    profile: str
    as_of: date
    findings: tuple[Finding, ...]

    @property
    def summary(self) -> dict[str, int]:
        """Number of findings per severity."""
        counted = Counter(map(_SEVERITY, self.findings))  # one pass, in C
        return {s: counted[s] for s in SEVERITIES}

    @property
    def has_errors(self) -> bool:
        """True when any finding is of severity error (``sheyin check`` exits 1)."""
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as in schemas/report.schema.json."""
        return {
            "profile": self.profile,
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8, Chinese kept readable).

        The same text as ``json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)``;
        with an indent, written here around the C string encoder, since an indent makes
        :mod:`json` fall back to its pure-Python encoder (3× slower on large reports).
        """
        if indent is None:
            return json.dumps(self.to_dict(), ensure_ascii=False)
        one, two, three = (" " * (indent * level) for level in (1, 2, 3))
        string = encode_basestring
        findings = (
            f"{two}{{\n"
            f'{three}"rule": {string(f.rule)},\n'
            f'{three}"clause": {string(f.clause)},\n'
            f'{three}"severity": {string(f.severity)},\n'
            f'{three}"subject": {string(f.subject)},\n'
            f'{three}"path": {string(f.path)},\n'
            f'{three}"message": {string(f.message)}\n'
            f"{two}}}"
            for f in self.findings
        )
        between = ",\n"
        listed = f"[\n{between.join(findings)}\n{one}]" if self.findings else "[]"
        summary = between.join(f"{two}{string(k)}: {v}" for k, v in self.summary.items())
        return (
            f"{{\n"
            f'{one}"profile": {string(self.profile)},\n'
            f'{one}"as_of": {string(self.as_of.isoformat())},\n'
            f'{one}"findings": {listed},\n'
            f'{one}"summary": {{\n{summary}\n{one}}}\n'
            f"}}"
        )

    def by_rule(self, rule: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule)

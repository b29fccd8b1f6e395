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
        between = ",\n"
        listed = (
            f"[\n{_findings_json(self.findings, two, three)}\n{one}]" if self.findings else "[]"
        )
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


def _findings_json(findings: tuple[Finding, ...], two: str, three: str) -> str:
    """The findings as the items of an indented JSON list (``two`` and ``three``: the indents
    of a finding and of its keys).

    Built a column at a time from C functions rather than a finding at a time (a large
    check reports hundreds of thousands): each distinct string is encoded once (findings
    repeat their rule, clause, severity, subject and message), and the pieces are laid
    out by slice assignment and joined once.
    """
    n = len(findings)
    lead = f"\n{two}}},\n{two}{{\n{three}"  # the end of one finding, the start of the next
    heads = list(map(attrgetter("rule", "clause", "severity"), findings))
    head = {
        (rule, clause, severity): (
            f'{lead}"rule": {encode_basestring(rule)},\n'
            f'{three}"clause": {encode_basestring(clause)},\n'
            f'{three}"severity": {encode_basestring(severity)},\n'
            f'{three}"subject": '
        )
        for rule, clause, severity in set(heads)
    }
    parts: list[str] = [""] * (6 * n)
    parts[0::6] = map(head.__getitem__, heads)
    parts[1::6] = _encoded(list(map(attrgetter("subject"), findings)))
    parts[2::6] = [f',\n{three}"path": '] * n
    parts[3::6] = map(encode_basestring, map(attrgetter("path"), findings))
    parts[4::6] = [f',\n{three}"message": '] * n
    parts[5::6] = _encoded(list(map(attrgetter("message"), findings)))
    parts[0] = f"{two}{{\n{three}" + parts[0][len(lead) :]
    parts.append(f"\n{two}}}")
    return "".join(parts)


def _encoded(strings: list[str]) -> list[str]:
    """``strings`` as JSON strings, each distinct one encoded once."""
    distinct = set(strings)
    table = dict(zip(distinct, map(encode_basestring, distinct), strict=True))
    return list(map(table.__getitem__, strings))

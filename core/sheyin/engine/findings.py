"""Findings and the report that serialises to the public JSON contract (schemas/report.schema.json)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from attrs import field, frozen

from sheyin.echo import clean_json, word
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
class Rendered:
    """Each finding of a report as :meth:`Report.to_json` writes it (``indent`` 2), in
    UTF-8, written ahead by the processes that found them (``check --jobs``); and whether
    every one is printable as it is (holds nothing :func:`~sheyin.echo.clean_json` escapes)."""

    texts: tuple[bytes, ...]
    printable: bool


def finding_texts(findings: Iterable[Finding], indent: int = 2) -> list[str]:
    """Each finding as :meth:`Report.to_json` writes it in the list of findings."""
    two, three = (" " * (indent * level) for level in (2, 3))
    string = encode_basestring
    # A report repeats a few rules and messages over many records: their parts are
    # written once each.
    heads: dict[tuple[str, str, str], str] = {}
    ends: dict[str, str] = {}
    texts = []
    for f in findings:
        head = heads.get((f.rule, f.clause, f.severity))
        if head is None:
            head = heads[f.rule, f.clause, f.severity] = (
                f"{two}{{\n"
                f'{three}"rule": {string(f.rule)},\n'
                f'{three}"clause": {string(f.clause)},\n'
                f'{three}"severity": {string(f.severity)},\n'
                f'{three}"subject": '
            )
        end = ends.get(f.message)
        if end is None:
            end = ends[f.message] = f'{three}"message": {string(f.message)}\n{two}}}'
        texts.append(f'{head}{string(f.subject)},\n{three}"path": {string(f.path)},\n{end}')
    return texts


_BETWEEN = ",\n"


@frozen
class Report:
    """The result of checking one snapshot against one profile.

    ``rendered``, when given, must be :func:`finding_texts` of ``findings`` in UTF-8: it
    only saves writing them again, and plays no part in equality.
    """

    profile: str
    as_of: date
    findings: tuple[Finding, ...]
    rendered: Rendered | None = field(default=None, eq=False, repr=False)

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

    def to_json(self, indent: int | None = 2, *, printable: bool = False) -> str:
        """The report as JSON text (UTF-8, Chinese kept readable).

        The same text as ``json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)``;
        with an indent, written here around the C string encoder, since an indent makes
        :mod:`json` fall back to its pure-Python encoder (3× slower on large reports).
        ``printable`` gives ``clean_json(self.to_json(indent))``
        (:func:`~sheyin.echo.clean_json`: what ``sheyin check --format json`` prints).
        """
        if indent is None:
            text = json.dumps(self.to_dict(), ensure_ascii=False)
            return clean_json(text) if printable else text
        if indent == 2 and self._rendered_for(printable) is not None:
            return self.to_json_bytes(printable=printable).decode("utf-8")
        if printable:
            return clean_json(self.to_json(indent))
        head, tail = self._ends(indent)
        texts = finding_texts(self.findings, indent)
        if not texts:
            return f"{head}[]{tail}"
        # One join copies the (large) text once: the ends go with the first and last finding.
        texts[0] = f"{head}[\n{texts[0]}"
        texts[-1] = f"{texts[-1]}\n{' ' * indent}]{tail}"
        return _BETWEEN.join(texts)

    def to_json_bytes(self, *, printable: bool = False) -> bytes:
        """:meth:`to_json` (indent 2) encoded in UTF-8, joined from the findings' texts
        when :attr:`rendered` holds them (never decoded, nor written again)."""
        rendered = self._rendered_for(printable)
        if rendered is None:
            return self.to_json(printable=printable).encode("utf-8")
        head, tail = self._ends(2)
        if printable:  # nothing to escape in the findings' texts: only in the rest
            head, tail = clean_json(head), clean_json(tail)
        if not rendered.texts:
            return f"{head}[]{tail}".encode()
        parts = list(rendered.texts)
        parts[0] = f"{head}[\n".encode() + parts[0]
        parts[-1] += f"\n  ]{tail}".encode()
        return _BETWEEN.encode().join(parts)

    def _rendered_for(self, printable: bool) -> Rendered | None:
        """:attr:`rendered`, when its texts can be printed as they are (or need not be)."""
        rendered = self.rendered
        if rendered is None or (printable and not rendered.printable):
            return None
        return rendered

    def _ends(self, indent: int) -> tuple[str, str]:
        """The text before the list of findings, and after it."""
        one, two = (" " * (indent * level) for level in (1, 2))
        string = encode_basestring
        summary = _BETWEEN.join(f"{two}{string(k)}: {v}" for k, v in self.summary.items())
        head = (
            f"{{\n"
            f'{one}"profile": {string(self.profile)},\n'
            f'{one}"as_of": {string(self.as_of.isoformat())},\n'
            f'{one}"findings": '
        )
        return head, f',\n{one}"summary": {{\n{summary}\n{one}}}\n}}'

    def by_rule(self, rule: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule)

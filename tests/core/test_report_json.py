"""The report's JSON text is exactly what the json module writes for its dict."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from synthetic import varied

from sheyin import Sheyin
from sheyin.echo import clean_json, printable
from sheyin.engine.findings import Finding, Rendered, Report, finding_texts

AWKWARD = ['引号"和\\反斜杠', "换行\n制表\t", "\x00\x1f\x7f", "\u2028\u2029", "😀", "", "/a~1b"]


def _reports() -> list[Report]:
    findings = tuple(
        Finding(rule=text, clause=text, severity=severity, subject=text, path=text, message=text)
        for text in AWKWARD
        for severity in ("error", "warning", "info")
    )
    app = Sheyin()
    return [
        Report(profile="p", as_of=date(2025, 6, 30), findings=()),
        Report(profile='档"案', as_of=date(2025, 1, 1), findings=findings),
        Report(profile="p\x1b", as_of=date(2025, 1, 1), findings=findings[:1]),
        Report(profile="p", as_of=date(2025, 1, 1), findings=findings[-3:]),
        app.check(varied(app, "guangdong", 40)),
    ]


@pytest.mark.parametrize("indent", [None, 0, 2, 4])
def test_report_json_is_what_json_dumps_writes(indent: int | None) -> None:
    for report in _reports():
        expected = json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
        assert report.to_json(indent=indent) == expected


@pytest.mark.parametrize("indent", [None, 0, 2, 4])
def test_printable_report_json_is_its_json_cleaned(indent: int | None) -> None:
    for report in _reports():
        expected = clean_json(report.to_json(indent=indent))
        assert report.to_json(indent=indent, printable=True) == expected


def test_report_json_bytes_are_its_json_in_utf8() -> None:
    for report in _reports():
        for printable_only in (False, True):
            expected = report.to_json(printable=printable_only).encode("utf-8")
            assert report.to_json_bytes(printable=printable_only) == expected


def test_a_report_given_its_texts_writes_the_same_json() -> None:
    for report in _reports():
        texts = finding_texts(report.findings)
        rendered = Rendered(tuple(t.encode() for t in texts), printable("".join(texts)))
        given = attrs.evolve(report, rendered=rendered)
        assert given == report  # the texts play no part in equality
        assert given.to_json() == report.to_json()
        assert given.to_json(printable=True) == clean_json(report.to_json())
        assert given.to_json_bytes() == report.to_json().encode()
        assert given.to_json_bytes(printable=True) == clean_json(report.to_json()).encode()
        assert given.to_json(indent=4) == report.to_json(indent=4)  # written anew

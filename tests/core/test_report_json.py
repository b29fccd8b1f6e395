"""The report's JSON text is exactly what the json module writes for its dict."""

from __future__ import annotations

import json
from datetime import date

import pytest
from synthetic import varied

from sheyin import Sheyin
from sheyin.engine.findings import Finding, Report

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
        app.check(varied(app, "guangdong", 40)),
    ]


@pytest.mark.parametrize("indent", [None, 0, 2, 4])
def test_report_json_is_what_json_dumps_writes(indent: int | None) -> None:
    for report in _reports():
        expected = json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
        assert report.to_json(indent=indent) == expected

"""The national demo snapshot gives exactly the finding an inspector would raise."""

from __future__ import annotations

from importlib import resources

from sheyin import Sheyin


def test_plaque_before_agreement_is_the_only_finding() -> None:
    demo = resources.files("sheyin_national") / "data" / "demo.toml"
    report = Sheyin().check(str(demo))
    assert [(f.rule, f.clause, f.subject, f.path) for f in report.findings] == [
        ("national.procedure.order", "五（六）", "outlets/longting", "/outlets/1/events/2")
    ]

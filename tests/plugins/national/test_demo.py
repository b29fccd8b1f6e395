"""The national demo snapshot gives exactly the findings an inspector would raise."""

from __future__ import annotations

from importlib import resources

import pytest

from sheyin import Sheyin

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


def test_demo_findings_are_the_deliberate_defects() -> None:
    demo = resources.files("sheyin_national") / "data" / "demo.toml"
    report = Sheyin().check(str(demo))
    assert {(f.rule, f.subject) for f in report.findings} == {
        # 五（六）: 龙亭支行 hung its plaque before the agreement was signed.
        ("national.procedure.order", "outlets/longting"),
        # 六（三）: 龙亭支行 offers 失业保险金申领, which neither published batch lists.
        ("national.handling.item_list", "outlets/longting"),
        # 六（三）: 赵静 left 鼓楼支行 on 2025-08-15 and still holds 受理.
        ("national.permissions.revoked_on_departure", "outlets/gulou/staff/gulou-3"),
        # 六（三）: 东郊乡服务点 opened 王建's permission on 05-18, approved only on 05-22.
        ("national.permissions.approved", "outlets/dongjiao"),
        # 五（六）: that permission was opened before the plaque went up on 05-26.
        ("national.procedure.serving_after_plaque", "outlets/dongjiao"),
        # 六（四）: last log audit 2025-05-20, due again by 2025-08-20.
        ("national.security.log_audit", "partnerships/kf-zyb"),
    }
    assert len(report.findings) == 6


def test_demo_plaque_before_agreement_cites_the_plaque_event() -> None:
    demo = resources.files("sheyin_national") / "data" / "demo.toml"
    report = Sheyin().check(str(demo))
    assert [(f.clause, f.path) for f in report.by_rule("national.procedure.order")] == [
        ("五（六）", "/outlets/1/events/2")
    ]

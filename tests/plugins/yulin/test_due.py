"""What falls due in the Yulin demo snapshot: what its administrator must do, and by when."""

from __future__ import annotations

from datetime import date
from importlib import resources

from sheyin import Sheyin


def test_demo_deadlines_are_what_the_administrator_must_do() -> None:
    demo = resources.files("sheyin_yulin") / "data" / "demo.toml"
    agenda = Sheyin().due(str(demo))
    assert [(d.due_on, d.rule, d.subject, d.overdue) for d in agenda.deadlines] == [
        # 6: 陈佳怡 joined 城中支行 on 2025-05-06 after its filing; no form F.1 yet.
        (date(2025, 5, 6), "yulin.staff.changes_filed", "outlets/o-cz/staff/s3", True),
        # 4.6.2: 兴上村服务点 terminated on 2025-07-25; no public announcement yet.
        (date(2025, 7, 25), "yulin.outlet_termination.announcement", "outlets/o-xs", True),
        # 6: confidentiality education last on 2025-03-05, every 12 months (training_months).
        (date(2026, 3, 5), "yulin.staff.security_education", "outlets/o-cz", False),
        # 6: topical training last on 2025-06-10, every 12 months.
        (date(2026, 6, 10), "yulin.staff.topical_training", "outlets/o-cz", False),
    ]


def test_demo_hand_over_done_late_is_no_deadline() -> None:
    """7 e): 城中支行's 09-12 materials reached the department after 10 days (limit 5): late,
    a finding of check, but nothing is left to do."""
    demo = resources.files("sheyin_yulin") / "data" / "demo.toml"
    app = Sheyin()
    assert app.check(str(demo)).by_rule("yulin.flow.handover")
    assert app.due(str(demo)).by_rule("yulin.flow.handover") == ()

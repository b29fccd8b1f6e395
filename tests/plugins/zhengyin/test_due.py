"""What falls due in the zhengyin demo snapshot (as of 2025-09-30): what each outlet must do, and by when."""

from __future__ import annotations

from datetime import date
from importlib import resources

from sheyin import Sheyin

DEMO = resources.files("sheyin_zhengyin") / "data" / "demo.toml"

# Every period the standard calls 定期 is 12 months here (the parameters' defaults), and 年度 is
# 12 months; each entry is one period after the last such record.
EXPECTED = [
    # 8.2: 河西分理处's 好差评 of 2024-06-30 was never analysed.
    (date(2025, 6, 30), "zhengyin.evaluation.analysis", "outlets/hexi", True),
    # 7.5: 城关支行's last drill was on 2024-08-20.
    (date(2025, 8, 20), "zhengyin.security.drills", "outlets/chengguan", True),
    # 5.3: 南街支行's equipment was last maintained on 2024-11-15.
    (date(2025, 11, 15), "zhengyin.equipment.maintenance", "outlets/nanjie", False),
    # 7.2: the three annual training plans of 2025-01-06.
    (date(2026, 1, 6), "zhengyin.training.annual_plan", "outlets/chengguan", False),
    (date(2026, 1, 6), "zhengyin.training.annual_plan", "outlets/hexi", False),
    (date(2026, 1, 6), "zhengyin.training.annual_plan", "outlets/nanjie", False),
    (date(2026, 2, 18), "zhengyin.equipment.maintenance", "outlets/hexi", False),
    # 7.3.1: blank forms counted on 2025-03-31 (城关, 河西) and 2025-06-30 (南街).
    (date(2026, 3, 31), "zhengyin.documents.inventory", "outlets/chengguan", False),
    (date(2026, 3, 31), "zhengyin.documents.inventory", "outlets/hexi", False),
    (date(2026, 4, 25), "zhengyin.security.drills", "outlets/nanjie", False),
    (date(2026, 5, 15), "zhengyin.equipment.maintenance", "outlets/chengguan", False),
    (date(2026, 5, 22), "zhengyin.security.drills", "outlets/hexi", False),
    # 8.2: 河西分理处's 好差评 of 2025-06-30 is to be analysed within 12 months.
    (date(2026, 6, 30), "zhengyin.evaluation.analysis", "outlets/hexi", False),
    (date(2026, 6, 30), "zhengyin.documents.inventory", "outlets/nanjie", False),
    # 7.5: the network security assessments of 2025-08-28.
    (date(2026, 8, 28), "zhengyin.security.assessment", "outlets/chengguan", False),
    (date(2026, 8, 28), "zhengyin.security.assessment", "outlets/hexi", False),
    (date(2026, 8, 28), "zhengyin.security.assessment", "outlets/nanjie", False),
]


def test_demo_deadlines_are_what_each_outlet_must_do() -> None:
    agenda = Sheyin().due(str(DEMO))
    assert [(d.due_on, d.rule, d.subject, d.overdue) for d in agenda.deadlines] == EXPECTED


def test_overdue_deadlines_are_the_demo_findings_of_time() -> None:
    report = Sheyin().check(str(DEMO))
    timed = {(f.rule, f.subject) for f in report.findings} & {(r, s) for _, r, s, _ in EXPECTED}
    overdue = {(r, s) for _, r, s, late in EXPECTED if late}
    assert timed == overdue

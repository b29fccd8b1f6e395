"""What falls due in the Guangdong demo snapshot: what its administrator must do, and by when."""

from __future__ import annotations

from datetime import date
from importlib import resources

from sheyin import Sheyin


def test_demo_deadlines_are_what_the_administrator_must_do() -> None:
    demo = resources.files("sheyin_guangdong") / "data" / "demo.toml"
    agenda = Sheyin().due(str(demo))
    assert [(d.due_on, d.rule, d.subject, d.overdue) for d in agenda.deadlines] == [
        # 第三十七条: o4 was forced out on 2025-05-20 (its service ended then, before the
        # termination of 2025-06-05); its signs are not recorded as removed.
        (date(2025, 5, 20), "guangdong.termination.signs", "outlets/o4", True),
        # 第二十一条第（二）项: 何俊 left o2 on 2025-09-01 still holding 受理.
        (date(2025, 9, 1), "guangdong.permissions.departed", "outlets/o2/staff/o2-s3", True),
        # 第二十一条第（三）项: 孙海 last logged in on 2025-07-31: three idle months.
        (date(2025, 10, 31), "guangdong.permissions.inactive", "outlets/o3/staff/o3-s4", True),
        # 第二十条第（三）项: the agency last received o3's materials on 2025-10-09 (handed_over_on);
        # agreed every 30 days.
        (date(2025, 11, 8), "guangdong.materials.interval", "outlets/o3", True),
        # The next hand-overs of o2 (last received 11-06) and o1 (11-11), every 30 days.
        (date(2025, 12, 6), "guangdong.materials.interval", "outlets/o2", False),
        (date(2025, 12, 11), "guangdong.materials.interval", "outlets/o1", False),
        # Account holders whose three idle months would end next, unless they log in.
        (date(2026, 2, 17), "guangdong.permissions.inactive", "outlets/o3/staff/o3-s3", False),
        (date(2026, 2, 18), "guangdong.permissions.inactive", "outlets/o1/staff/o1-s3", False),
        (date(2026, 2, 19), "guangdong.permissions.inactive", "outlets/o2/staff/o2-s2", False),
    ]


def test_demo_week_keeps_only_what_is_overdue() -> None:
    demo = resources.files("sheyin_guangdong") / "data" / "demo.toml"
    week = Sheyin().due(str(demo), within=7)
    assert week.summary == {"overdue": 4, "upcoming": 0}

"""What falls due in the national demo snapshot: what its administrator must do, and by when."""

from __future__ import annotations

from datetime import date
from importlib import resources

from sheyin import Sheyin


def test_demo_deadlines_are_what_the_administrator_must_do() -> None:
    demo = resources.files("sheyin_national") / "data" / "demo.toml"
    agenda = Sheyin().due(str(demo))
    assert [(d.due_on, d.rule, d.subject, d.overdue) for d in agenda.deadlines] == [
        # 六（三）: 赵静 left 鼓楼支行 on 2025-08-15 and still holds 受理.
        (
            date(2025, 8, 15),
            "national.permissions.revoked_on_departure",
            "outlets/gulou/staff/gulou-3",
            True,
        ),
        # 六（四）: last log audit 2025-05-20, every 3 months (log_audit_months).
        (date(2025, 8, 20), "national.security.log_audit", "partnerships/kf-zyb", True),
        # 五（九）: last device check 2025-07-15, every 3 months: due in a fortnight.
        (date(2025, 10, 15), "national.security.device_check", "partnerships/kf-zyb", False),
        # 五（十）: no evaluation yet; 12 months from the agreement.
        (date(2026, 4, 1), "national.supervision.evaluation", "partnerships/kf-zyb", False),
    ]


def test_demo_command_shows_the_week_s_deadlines() -> None:
    from click.testing import CliRunner

    from sheyin.cli import cli, demo  # noqa: F401 - registers the command

    result = CliRunner().invoke(cli, ["demo", "--profile", "national"])
    assert result.exit_code == 0, result.output
    assert "本周到期事项（含已逾期）" in result.output
    assert "national.security.log_audit" in result.output

"""Core's check kinds, each with a violating and a satisfying snapshot of the toy profile.

The ``snapshot`` fixture satisfies every toy requirement; each test breaks one thing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sheyin import Sheyin
from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Finding, Violation
from sheyin.kinds import ALL
from sheyin.kinds.catalogue import ItemsLevel
from sheyin.kinds.duration import Duration
from sheyin.kinds.events import FollowUp, NoticePeriod, PeriodicEvent, PrecededBy
from sheyin.kinds.staffing import InactiveAccounts, PermissionsSealed


def run(app: Sheyin, snapshot: dict[str, Any], rule: str, profile: str = "toy") -> list[Finding]:
    return list(app.check(snapshot, profile=profile).by_rule(rule))


def test_base_snapshot_satisfies_every_toy_requirement(
    toy_app: Sheyin, snapshot: dict[str, Any]
) -> None:
    assert toy_app.check(snapshot).findings == ()


class TestOutletKind:
    def test_missing_kind_is_a_finding(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["kind"]
        [finding] = run(toy_app, snapshot, "toy.kind")
        assert finding.path == "/outlets/0"
        assert finding.subject == "outlets/o1"

    def test_kind_outside_the_profile_is_a_finding(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["kind"] = "rural_service_point"
        [finding] = run(toy_app, snapshot, "toy.kind")
        assert finding.path == "/outlets/0/kind"


class TestOutletHas:
    def test_missing_zone_is_named(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["zones"] = ["等候区", "导办区"]
        [finding] = run(toy_app, snapshot, "toy.zones")
        assert finding.message == "缺少功能区：受理区"
        assert (finding.clause, finding.severity, finding.path) == (
            "1.1",
            "error",
            "/outlets/0/zones",
        )

    def test_other_outlet_kinds_are_not_checked(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["kind"] = "self_service"
        outlet["zones"] = []
        assert run(toy_app, snapshot, "toy.zones") == []

    def test_permission_gives_info(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["zones"] = ["等候区", "受理区"]
        [finding] = run(toy_app, snapshot, "toy.zones.optional")
        assert finding.severity == "info"

    def test_any_of_group_is_satisfied_by_either_term(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["equipment"] = ["计算机", "打印机", "高拍仪"]
        assert run(toy_app, snapshot, "toy.equipment") == []

    def test_any_of_group_missing_entirely(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["equipment"] = ["计算机", "打印机"]
        [finding] = run(toy_app, snapshot, "toy.equipment")
        assert finding.message == "缺少设备：高拍仪或扫描仪"

    def test_message_in_english(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["equipment"] = ["printer"]
        report = toy_app.check(snapshot, lang="en")
        [finding] = report.by_rule("toy.equipment")
        assert finding.message == "missing equipment: Computer, Document camera or Scanner"


class TestOutletCode:
    def test_missing_code(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["code"]
        assert len(run(toy_app, snapshot, "toy.code")) == 1

    def test_duplicate_code_flags_both_outlets(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        snapshot["outlets"].append({**outlet, "id": "o2", "staff": []})
        assert {f.subject for f in run(toy_app, snapshot, "toy.code")} == {
            "outlets/o1",
            "outlets/o2",
        }


class TestStaff:
    def test_no_full_time_staff(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["employment"] = "part_time"
        [finding] = run(toy_app, snapshot, "toy.staff.count")
        assert finding.path == "/outlets/0/staff"

    def test_staff_who_left_do_not_count(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["left_on"] = "2025-05-01"
        outlet["staff"][0]["permissions"] = []
        assert len(run(toy_app, snapshot, "toy.staff.count")) == 1

    def test_uncovered_post(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["posts"] = ["管理岗"]
        [finding] = run(toy_app, snapshot, "toy.posts")
        assert "经办岗" in finding.message

    def test_one_person_may_hold_every_post(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        assert run(toy_app, snapshot, "toy.posts") == []

    def test_untrained_staff(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["staff"][0]["trained_on"]
        [finding] = run(toy_app, snapshot, "toy.training")
        assert finding.subject == "outlets/o1/staff/s1"

    def test_trained_after_first_duty(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["trained_on"] = "2025-01-20"
        [finding] = run(toy_app, snapshot, "toy.training")
        assert finding.path == "/outlets/0/staff/0/trained_on"

    def test_missing_pledge(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["staff"][0]["pledged_on"]
        [finding] = run(toy_app, snapshot, "toy.pledge")
        assert "保密承诺书" in finding.message


class TestPermissions:
    def test_forbidden_permission_held(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["permissions"] = ["受理", "审批"]
        [finding] = run(toy_app, snapshot, "toy.forbidden")
        assert finding.path == "/outlets/0/staff/0/permissions"
        assert "审批" in finding.message

    def test_forbidden_permission_granted_by_event(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"].append(
            {"on": "2025-04-01", "type": "权限开通", "staff": "s1", "permissions": ["复审"]}
        )
        [finding] = run(toy_app, snapshot, "toy.forbidden")
        assert finding.path == "/outlets/0/events/4/permissions"

    def test_departed_staff_with_permissions(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"].append(
            {"id": "s2", "name": "李四", "left_on": "2025-04-01", "permissions": ["accept"]}
        )
        [finding] = run(toy_app, snapshot, "toy.departed")
        assert finding.subject == "outlets/o1/staff/s2"

    def test_departed_staff_revoked(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"].append(
            {"id": "s2", "name": "李四", "left_on": "2025-04-01", "permissions": []}
        )
        assert run(toy_app, snapshot, "toy.departed") == []

    @pytest.mark.parametrize(
        # as_of 2025-06-01: the third month ends that day, which is still in time
        ("last_login", "flagged"),
        [("2025-02-28", True), ("2025-03-01", False)],
    )
    def test_three_months_without_login(
        self,
        toy_app: Sheyin,
        snapshot: dict[str, Any],
        outlet: dict[str, Any],
        last_login: str,
        flagged: bool,
    ) -> None:
        outlet["staff"][0]["last_login"] = last_login  # as_of is 2025-06-01
        assert bool(run(toy_app, snapshot, "toy.idle")) is flagged

    def test_no_login_record(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["staff"][0]["last_login"]
        assert len(run(toy_app, snapshot, "toy.idle")) == 1


class TestCatalogue:
    def test_item_of_an_older_catalogue(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["items"] = ["旧事项"]
        [finding] = run(toy_app, snapshot, "toy.items")
        assert finding.message == "事项“旧事项”不在 2025-06-01 有效的指导目录中"

    def test_as_of_selects_the_catalogue(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["items"] = ["旧事项"]
        snapshot["as_of"] = "2024-06-01"
        assert run(toy_app, snapshot, "toy.items") == []

    def test_handled_to_completion_beyond_level(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["items"] = [{"item": "登记", "level": "complete"}]
        [finding] = run(toy_app, snapshot, "toy.items.level")
        assert finding.path == "/outlets/0/items/0/level"

    def test_city_narrowing_applies(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        [finding] = run(toy_app, snapshot, "toy.items", profile="toy.city")
        assert "参保登记" in finding.message


class TestEvents:
    def test_unsealed_handover(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"][3]["sealed"] = False
        [finding] = run(toy_app, snapshot, "toy.handover")
        assert finding.path == "/outlets/0/events/3"

    def test_handover_without_witness(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][3]["witness"]
        assert len(run(toy_app, snapshot, "toy.handover")) == 1

    def test_message_names_fields_in_chinese(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][3]["witness"]
        [finding] = run(toy_app, snapshot, "toy.handover")
        assert finding.message == "资料移交（2025-03-02）记录缺少：监控或二人在场"

    def test_when_limits_the_events_checked(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"].insert(
            0, {"on": "2025-01-20", "type": "inspection", "result": "nonconform"}
        )
        [finding] = run(toy_app, snapshot, "toy.defects")
        assert finding.path == "/outlets/0/events/0"
        outlet["events"][0]["defects"] = ["equipment"]
        assert run(toy_app, snapshot, "toy.defects") == []

    def test_drill_overdue(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        snapshot["as_of"] = "2026-03-02"  # the year since 2025-03-01 ended the day before
        assert len(run(toy_app, snapshot, "toy.drill")) == 1

    def test_drill_due_today_is_not_yet_overdue(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        snapshot["as_of"] = "2026-03-01"  # a drill today still keeps the yearly rhythm
        assert run(toy_app, snapshot, "toy.drill") == []

    def test_no_drill_yet_within_the_first_year(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][2]
        assert run(toy_app, snapshot, "toy.drill") == []

    def test_no_drill_after_a_year_of_service(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][2]
        snapshot["as_of"] = "2026-02-11"
        assert len(run(toy_app, snapshot, "toy.drill")) == 1

    def test_outlets_not_serving_need_no_drill(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][1:3]  # no plaque: never entered the active state
        snapshot["as_of"] = "2027-01-01"
        assert run(toy_app, snapshot, "toy.drill") == []


class TestDurations:
    """Every time-based kind takes ``{days = N}`` or ``{months = N}``; as_of is 2025-06-01."""

    @staticmethod
    def findings(app: Sheyin, snapshot: dict[str, Any], rule: str, params: Any) -> list[Violation]:
        profile = app.load_profile("toy", date(2025, 6, 1))
        ctx = CheckContext(app.parse_snapshot(snapshot, profile), profile, date(2025, 6, 1))
        requirement = profile.requirement(rule)
        assert requirement is not None
        assert requirement.check is not None
        kind = {k.params: k for k in ALL}[type(params)]
        return list(kind.run(ctx, requirement, params))

    @pytest.mark.parametrize(("days", "flagged"), [(91, True), (92, False)])
    def test_periodic_event_in_days(
        self, toy_app: Sheyin, snapshot: dict[str, Any], days: int, flagged: bool
    ) -> None:
        params = PeriodicEvent(event="drill", every=Duration(days=days))  # last drill 2025-03-01
        assert bool(self.findings(toy_app, snapshot, "toy.drill", params)) is flagged

    def test_periodic_event_message_names_the_period(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        params = PeriodicEvent(event="drill", every=Duration(days=60))
        [violation] = self.findings(toy_app, snapshot, "toy.drill", params)
        assert violation.render("zh").endswith("应每 60 天 至少一次")

    @pytest.mark.parametrize(("days", "flagged"), [(11, True), (12, False)])
    def test_inactive_accounts_in_days(
        self, toy_app: Sheyin, snapshot: dict[str, Any], days: int, flagged: bool
    ) -> None:
        params = InactiveAccounts(idle=Duration(days=days))  # last login 2025-05-20
        assert bool(self.findings(toy_app, snapshot, "toy.idle", params)) is flagged

    @pytest.mark.parametrize(("months", "flagged"), [(1, True), (3, False)])
    def test_follow_up_window_in_months(
        self, toy_app: Sheyin, snapshot: dict[str, Any], months: int, flagged: bool
    ) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")  # no announcement; as_of 2025-06-01
        params = FollowUp(
            trigger="termination",
            require=("announcement",),
            subject="partnership",
            within=Duration(months=months),
        )
        assert bool(self.findings(toy_app, snapshot, "toy.announce", params)) is flagged

    @pytest.mark.parametrize(("months", "flagged"), [(1, False), (2, True)])
    def test_notice_period_in_months(
        self, toy_app: Sheyin, snapshot: dict[str, Any], months: int, flagged: bool
    ) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")
        params = NoticePeriod(min=Duration(months=months), subject="partnership")
        assert bool(self.findings(toy_app, snapshot, "toy.notice", params)) is flagged

    def test_a_month_is_a_calendar_month(self) -> None:
        assert Duration(months=1).after(date(2025, 1, 31)) == date(2025, 2, 28)
        assert Duration(days=30).after(date(2025, 1, 31)) == date(2025, 3, 2)

    @pytest.mark.parametrize("spec", [{}, {"days": 1, "months": 1}, {"days": -1}])
    def test_a_duration_is_exactly_one_non_negative_unit(self, spec: dict[str, int]) -> None:
        with pytest.raises(ValueError):
            Duration(**spec)


def terminate(snapshot: dict[str, Any], notice_on: str, terminated_on: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = snapshot["partnerships"][0]["events"]
    events += [
        {"on": notice_on, "type": "notice", "by": "bank"},
        {"on": terminated_on, "type": "termination"},
    ]
    return events


class TestTermination:
    def test_notice_too_short(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        terminate(snapshot, "2025-04-01", "2025-04-20")
        [finding] = run(toy_app, snapshot, "toy.notice")
        assert "19 天" in finding.message

    def test_notice_long_enough(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")
        assert run(toy_app, snapshot, "toy.notice") == []

    def test_termination_without_notice(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        snapshot["partnerships"][0]["events"].append({"on": "2025-04-01", "type": "termination"})
        assert len(run(toy_app, snapshot, "toy.notice")) == 1

    def test_notice_with_early_effective_date(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        snapshot["partnerships"][0]["events"].append(
            {"on": "2025-05-01", "type": "notice", "effective_on": "2025-05-15"}
        )
        [finding] = run(toy_app, snapshot, "toy.notice")
        assert finding.path == "/partnerships/0/events/1/effective_on"

    def test_child_profile_parameter_applies_to_inherited_check(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        terminate(
            snapshot, "2025-03-01", "2025-04-15"
        )  # 45 days: enough for toy (30), not for toy.city (60)
        assert run(toy_app, snapshot, "toy.notice") == []
        assert len(run(toy_app, snapshot, "toy.notice", profile="toy.city")) == 1

    def test_announcement_overdue(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")
        [finding] = run(toy_app, snapshot, "toy.announce")
        assert finding.subject == "partnerships/p1"

    def test_announcement_not_yet_due(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        terminate(snapshot, "2025-04-01", "2025-05-15")
        assert run(toy_app, snapshot, "toy.announce") == []

    def test_announcement_made(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        events = terminate(snapshot, "2025-03-01", "2025-04-01")
        events.append({"on": "2025-04-10", "type": "公告"})
        assert run(toy_app, snapshot, "toy.announce") == []

    def test_every_outlet_removes_its_plaque(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")
        snapshot["outlets"].append(
            {
                **outlet,
                "id": "o2",
                "code": "T-002",
                "staff": [],  # staff ids are unique across outlets
                "events": [*outlet["events"], {"on": "2025-04-02", "type": "摘牌"}],
            }
        )
        [finding] = run(toy_app, snapshot, "toy.plaques")
        assert finding.subject == "outlets/o1"


class TestLifecycle:
    """Events happened: one finding per missing step, and the record moves on regardless."""

    def test_missing_step_cites_the_skipped_step(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][0]  # no inspection before the plaque
        [finding] = run(toy_app, snapshot, "toy.inspect")
        assert (finding.clause, finding.path) == ("3.7.1", "/outlets/0/events/0")
        assert finding.message == "挂牌（2025-02-10）之前未见检查验收（当时处于“新建”）"
        assert run(toy_app, snapshot, "toy.order") == []

    def test_one_missing_step_gives_one_finding(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][0]
        outlet["events"].append({"on": "2025-05-01", "type": "termination"})
        lifecycle = [f for f in toy_app.check(snapshot).findings if f.rule.startswith("toy.")]
        assert [f.rule for f in lifecycle] == ["toy.inspect"]

    def test_record_missing_a_step_is_still_active(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        del outlet["events"][0]
        snapshot["as_of"] = "2026-03-02"  # the drill of 2025-03-01 is a year old
        assert len(run(toy_app, snapshot, "toy.drill")) == 1

    def test_nonconforming_inspection_keeps_the_state(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"][0]["result"] = "nonconform"
        [finding] = run(toy_app, snapshot, "toy.inspect")
        assert finding.message.startswith("挂牌（2025-02-10）之前未见检查验收")

    def test_plaque_before_the_agreement(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        snapshot["partnerships"][0]["events"][0]["on"] = "2025-03-01"
        [finding] = run(toy_app, snapshot, "toy.order")
        assert finding.message == "挂牌（2025-02-10）时合作关系处于“新建”，尚不能进行"

    def test_event_no_step_leads_to_names_the_expected_state(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"] += [
            {"on": "2025-04-01", "type": "termination"},
            {"on": "2025-04-02", "type": "plaque"},
        ]
        [finding] = run(toy_app, snapshot, "toy.order")
        assert finding.message == "挂牌（2025-04-02）不能在“已终止”状态下进行（应处于：已验收）"

    def test_events_after_the_as_of_date_are_not_judged(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"] += [
            {"on": "2025-07-01", "type": "termination"},
            {"on": "2025-07-02", "type": "plaque"},
        ]
        assert run(toy_app, snapshot, "toy.order") == []
        snapshot["as_of"] = "2025-07-02"
        assert len(run(toy_app, snapshot, "toy.order")) == 1

    def test_events_are_replayed_in_date_order(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["events"].reverse()
        assert run(toy_app, snapshot, "toy.order") == []


class TestEndedOutlets:
    def close(self, outlet: dict[str, Any]) -> None:
        outlet["events"].append({"on": "2025-05-01", "type": "termination"})

    def test_set_up_checks_skip_ended_outlets(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        self.close(outlet)
        outlet.update(zones=[], equipment=[], items=[], staff=[])
        del outlet["code"]
        assert toy_app.check(snapshot).findings == ()

    def test_set_up_checks_apply_before_the_end(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        self.close(outlet)
        outlet.update(zones=[])
        snapshot["as_of"] = "2025-04-30"
        assert run(toy_app, snapshot, "toy.zones")

    def test_departed_staff_still_flagged_at_ended_outlets(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        self.close(outlet)
        outlet["staff"][0]["left_on"] = "2025-05-01"
        assert run(toy_app, snapshot, "toy.departed")


class TestIdentity:
    def test_bad_check_digit(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        outlet["staff"][0]["id_number"] = "110105194912310021"
        [finding] = run(toy_app, snapshot, "core.identity.id_number")
        assert finding.clause == "GB 11643-1999 第5章"
        assert "110105********0021" in finding.message
        assert "110105194912310021" not in finding.message

    def test_bad_credit_code(self, toy_app: Sheyin, snapshot: dict[str, Any]) -> None:
        snapshot["banks"][0]["credit_code"] = "91350100M000100Y44"
        [finding] = run(toy_app, snapshot, "core.identity.credit_code")
        assert finding.path == "/banks/0/credit_code"


class TestLeaving:
    """Leaving starts duties: the day a record's lifecycle first reaches an ended state."""

    findings = staticmethod(TestDurations.findings)

    def test_duty_follows_the_end_of_service(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        closed = {**outlet, "id": "o2", "code": "T-002", "staff": []}
        closed["events"] = [*outlet["events"], {"on": "2025-05-01", "type": "termination"}]
        snapshot["outlets"].append(closed)
        params = FollowUp(require=("announcement",), ended=True)
        [violation] = self.findings(toy_app, snapshot, "toy.announce", params)
        assert violation.subject == "outlets/o2"
        assert violation.path == "/outlets/1/events/4"
        assert violation.render("zh") == "终止合作（2025-05-01）之后，至 2025-06-01 未见公示"

    def test_a_trigger_or_ended_not_both(self) -> None:
        with pytest.raises(ValueError, match="either a trigger or ended"):
            FollowUp(require=("announcement",), trigger="termination", ended=True)

    def test_outlets_that_left_before_the_trigger_owe_nothing(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        terminate(snapshot, "2025-03-01", "2025-04-01")
        earlier = {**outlet, "id": "o2", "code": "T-002", "staff": []}
        earlier["events"] = [*outlet["events"], {"on": "2025-03-15", "type": "termination"}]
        snapshot["outlets"].append(earlier)
        assert [f.subject for f in run(toy_app, snapshot, "toy.plaques")] == ["outlets/o1"]

    def test_staff_of_an_ended_outlet_hold_no_permissions(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        closed = {**outlet, "id": "o2", "code": "T-002"}
        closed["events"] = [*outlet["events"], {"on": "2025-05-01", "type": "termination"}]
        closed["staff"] = [{**outlet["staff"][0], "id": "s2"}]
        snapshot["outlets"].append(closed)
        found = self.findings(toy_app, snapshot, "toy.departed", PermissionsSealed())
        assert [v.subject for v in found] == ["outlets/o2/staff/s2"]
        assert "2025-05-01" in found[0].render("zh")


class TestBroadenedKinds:
    findings = staticmethod(TestDurations.findings)

    def test_items_level_caps_an_outlet_kind(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        point = {**outlet, "id": "o2", "code": "T-002", "kind": "rural_service_point", "staff": []}
        snapshot["outlets"].append(point)  # both offer i2 to completion, which the catalogue allows
        params = ItemsLevel(max_level={"rural_service_point": "accept"})
        [violation] = self.findings(toy_app, snapshot, "toy.items.level", params)
        assert (violation.subject, violation.path) == ("outlets/o2", "/outlets/1/items/1/level")

    def test_preceded_by_wants_the_step_first(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        events = terminate(snapshot, "2025-03-01", "2025-04-01")
        params = PrecededBy(event=("termination",), required="announcement", subject="partnership")
        [violation] = self.findings(toy_app, snapshot, "toy.notice", params)
        assert violation.render("zh") == "终止合作（2025-04-01）之前未见公示"
        events.append({"on": "2025-04-01", "type": "announcement"})
        assert self.findings(toy_app, snapshot, "toy.notice", params) == []


class TestOnlyWhatHappenedByTheAsOfDate:
    """Findings look only at events on or before the as-of date (2025-06-01)."""

    def test_a_later_unsealed_handover_is_not_judged_yet(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        late = {
            "on": "2025-07-01",
            "type": "materials_handover",
            "sealed": False,
            "witness": "monitoring",
        }
        outlet["events"].append(late)
        assert run(toy_app, snapshot, "toy.handover") == []
        snapshot["as_of"] = "2025-07-01"
        assert [f.path for f in run(toy_app, snapshot, "toy.handover")] == ["/outlets/0/events/4"]

    def test_a_later_termination_is_not_judged_yet(
        self, toy_app: Sheyin, snapshot: dict[str, Any]
    ) -> None:
        terminate(snapshot, "2025-06-20", "2025-07-01")
        assert run(toy_app, snapshot, "toy.notice") == []

    def test_a_later_forbidden_grant_is_not_judged_yet(
        self, toy_app: Sheyin, snapshot: dict[str, Any], outlet: dict[str, Any]
    ) -> None:
        grant = {
            "on": "2025-07-01",
            "type": "permission_grant",
            "staff": "s1",
            "permissions": ["审批"],
        }
        outlet["events"].append(grant)
        assert run(toy_app, snapshot, "toy.forbidden") == []

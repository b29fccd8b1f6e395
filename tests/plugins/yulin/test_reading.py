"""How Yulin records are read (DESIGN "How records are read"): a setting the snapshot does not
carry comes from a parameter a workspace sets, and is reported once where it is missing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sheyin import Sheyin

# Commands register themselves on import, as the console script does.
from sheyin.cli import check, cli  # noqa: F401
from sheyin.errors import ProfileError, SheyinError

SERVING = [
    {"on": "2024-02-20", "type": "filing", "result": "conform"},
    {"on": "2024-03-01", "type": "plaque"},
]


def handover(on: str, handed: str) -> dict[str, Any]:
    return {
        "on": on,
        "type": "materials_handover",
        "sealed": True,
        "witness": "monitoring",
        "received_on": on,
        "handed_over_on": handed,
    }


def snapshot(department: dict[str, Any] | None = None) -> dict[str, Any]:
    """o-late takes 9 days to hand over; o-prompt (the control) takes 2."""
    return {
        "profile": "yulin",
        "as_of": "2025-06-01",
        "departments": [department or {"id": "yl"}],
        "banks": [{"id": "glb"}],
        "partnerships": [
            {
                "id": "p1",
                "department": "yl",
                "bank": "glb",
                "events": [{"on": "2024-01-10", "type": "agreement", "by": "department"}],
            }
        ],
        "outlets": [
            {
                "id": "o-late",
                "partnership": "p1",
                "kind": "bank_branch",
                "events": [*SERVING, handover("2025-03-03", "2025-03-12")],
            },
            {
                "id": "o-prompt",
                "partnership": "p1",
                "kind": "bank_branch",
                "events": [*SERVING, handover("2025-03-03", "2025-03-05")],
            },
        ],
    }


def handover_findings(app: Sheyin, document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.subject, f.path) for f in app.check(document).by_rule("yulin.flow.handover")]


def test_no_limit_anywhere_is_reported_once_on_the_department() -> None:
    assert handover_findings(Sheyin(), snapshot()) == [("departments/yl", "/departments/0")]


def test_workspace_parameter_sets_the_limit() -> None:
    app = Sheyin(parameters={"handover_limit_days": 5})
    assert handover_findings(app, snapshot()) == [
        ("outlets/o-late", "/outlets/0/events/2/handed_over_on")
    ]


def test_the_department_record_refines_the_workspace_parameter() -> None:
    app = Sheyin(parameters={"handover_limit_days": 5})
    document = snapshot({"id": "yl", "handover_limit_days": 10})
    assert handover_findings(app, document) == []


def test_parameter_of_the_wrong_kind_names_sheyin_toml() -> None:
    app = Sheyin(parameters={"notice_days": "thirty"}, parameters_source="/w/sheyin.toml")
    with pytest.raises(ProfileError) as caught:
        app.check(snapshot())
    [problem] = caught.value.problems
    assert (problem.file, problem.pointer) == ("/w/sheyin.toml", "/parameters/notice_days")
    assert problem.text.render("zh") == "参数“notice_days”应为整数，而不是 'thirty'"


def test_parameter_the_profile_does_not_declare_is_an_input_error() -> None:
    app = Sheyin(parameters={"handover_days": 5})
    with pytest.raises(SheyinError) as caught:
        app.check(snapshot())
    [problem] = caught.value.problems
    assert problem.pointer == "/parameters/handover_days"


def test_sheyin_toml_parameters_reach_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sheyin.toml").write_text(
        'profile = "yulin"\n\n[parameters]\nhandover_limit_days = 5\n', encoding="utf-8"
    )
    (tmp_path / "snap.json").write_text(json.dumps(snapshot()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "snap.json", "--format", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)["findings"]
    assert [f["subject"] for f in found if f["rule"] == "yulin.flow.handover"] == ["outlets/o-late"]


def evaluated(oid: str, *evaluations: dict[str, Any]) -> dict[str, Any]:
    events = [*SERVING, *({"on": "2025-04-01", "type": "evaluation", **e} for e in evaluations)]
    return {"id": oid, "partnership": "p1", "kind": "bank_branch", "events": events}


def test_evaluations_by_different_evaluators_are_different_ways() -> None:
    """8.1 多种方式: by (the contract field) says who evaluated; method only refines it."""
    document = snapshot({"id": "yl", "handover_limit_days": 5})
    document["outlets"] = [
        evaluated("o-one", {"by": "bank"}, {"by": "outlet"}),  # two self-evaluations: one way
        evaluated("o-two", {"by": "bank"}, {"by": "department"}),
        {
            **evaluated("o-people", {"by": "p-li"}, {"by": "p-wang"}),
            "staff": [{"id": "p-li", "name": "李华"}, {"id": "p-wang", "name": "王芳"}],
        },
        evaluated("o-method", {"method": "satisfaction"}, {"by": "bank"}),
    ]
    found = Sheyin().check(document).by_rule("yulin.quality.evaluation")
    assert [f.subject for f in found] == ["outlets/o-one"]


def test_a_stray_item_is_a_finding_with_the_nearest_name() -> None:
    """5 / 附录E: one item outside the catalogue no longer ends the run; the rest is checked."""
    document = snapshot({"id": "yl", "handover_limit_days": 5})
    document["outlets"][0]["items"] = ["职工参保登计", "城乡居民养老保险参保登记"]
    document["outlets"][1]["items"] = ["职工参保登记"]
    [finding] = Sheyin().check(document).by_rule("yulin.catalogue.in_catalogue")
    assert (finding.subject, finding.clause) == ("outlets/o-late", "5、附录E 表E.1")
    assert finding.message.endswith("（是否为“职工参保登记”？）")


def test_a_plaque_without_filing_is_one_finding_and_the_outlet_serves() -> None:
    """4.4/4.5: a plaque with no filing cites the filing once; the outlet is serving after it."""
    document = snapshot({"id": "yl", "handover_limit_days": 5})
    document["outlets"][0]["events"] = document["outlets"][0]["events"][1:]  # no filing
    report = Sheyin().check(document)
    lifecycle = [f for f in report.findings if ".lifecycle." in f.rule]
    assert [(f.rule, f.subject) for f in lifecycle] == [
        ("yulin.lifecycle.filing", "outlets/o-late")
    ]
    # Serving, it is checked like its neighbour: the same late hand-over is still reported.
    assert [f.subject for f in report.by_rule("yulin.flow.handover")] == ["outlets/o-late"]

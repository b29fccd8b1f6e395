"""``sheyin demo``: the whole walk-through on the embedded registry, with no set-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheyin import Sheyin
from sheyin.demo import Step, walk_through

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


def test_the_walk_through_refuses_one_step_and_catches_the_tampered_copy(
    yulin_app: Sheyin, tmp_path: Path
) -> None:
    steps: list[Step] = []
    assert walk_through(yulin_app, tmp_path, steps.append, "yulin")
    refused = [s for s in steps if s.refusals]
    assert [f.rule for f in refused[0].refusals] == ["yulin.lifecycle.filing"]
    report = next(s.report for s in steps if s.report is not None)
    assert any(f.subject == "outlets/o-cz" for f in report.findings)
    verdicts = [s.verdict for s in steps if s.verdict is not None]
    assert [v.intact for v in verdicts] == [True, False]
    assert (tmp_path / "sheyin.toml").is_file()


def test_the_walk_through_renders_a_form_and_says_where_it_is(
    yulin_app: Sheyin, tmp_path: Path
) -> None:
    steps: list[Step] = []
    forms, workspace = tmp_path / "forms", tmp_path / "workspace"
    forms.mkdir()
    workspace.mkdir()
    walk_through(yulin_app, workspace, steps.append, "yulin", forms=forms)
    [rendered] = [s for s in steps if s.file is not None]
    assert rendered.file is not None
    assert rendered.file.parent == forms
    assert rendered.file.is_file()
    assert str(rendered.file) in rendered.lines[0].render("zh")


def test_steps_are_numbered_in_order_for_a_profile_without_forms(tmp_path: Path) -> None:
    """The national explanation annexes no form: step 6 says so instead of vanishing."""
    steps: list[Step] = []
    assert walk_through(Sheyin(), tmp_path, steps.append, "national")
    numbers = [int(s.title.render("en").split(".")[0]) for s in steps]
    assert numbers == sorted(numbers)
    assert set(numbers) == set(range(1, max(numbers) + 1))

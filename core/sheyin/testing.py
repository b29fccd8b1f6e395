"""The contract every profile runs against itself (needs pytest).

In a plugin's test suite::

    from sheyin.testing import ProfileContract

    class TestContract(ProfileContract):
        profile = "yulin"

What it asserts (docs/plugins.md, "Testing"): the profile loads; every requirement
cites a clause of a declared document and quotes its text; severity is the one the
modal verb gives unless ``interpretation`` says why; each requirement is checked or
manual (with a reason), never both; lifecycle requirements are cited by a transition;
every check kind used describes itself. Each requirement the profile checks needs
``data/examples/<requirement id>.toml``
holding ``[[violating]]`` and ``[[satisfying]]`` snapshots: the first must give at
least one finding of that requirement, the second none. A requirement whose check
kind says what falls due (``CheckKind.due``) needs an example with a deadline, and
every deadline must agree with ``check`` (docs/checks.md, "Deadlines").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta
from typing import Any, ClassVar

import pytest
from attrs import frozen

from sheyin.app import Sheyin
from sheyin.errors import SheyinError
from sheyin.profile.load import read_document
from sheyin.profile.model import MODAL_SEVERITY, Profile
from sheyin.schemas import problems

EXAMPLES = "examples"


@frozen
class ExampleCase:
    """One example snapshot for one requirement."""

    requirement: str
    expect: str  # "violating" or "satisfying"
    index: int
    description: str
    snapshot: dict[str, Any]
    file: str

    @property
    def id(self) -> str:
        """A readable test id."""
        return f"{self.requirement}-{self.expect}-{self.index}"


def example_cases(app: Sheyin, name: str) -> Iterator[ExampleCase]:
    """Every example case shipped in profile ``name``'s data/examples folder."""
    for info in app.plugins.profile_sources():
        if info.source.name != name:
            continue
        folder = info.source.data / EXAMPLES
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".toml"):
                continue
            label = f"{info.plugin.distribution}:{name}/{EXAMPLES}/{entry.name}"
            document = read_document(entry.read_text("utf-8"), label)
            found = problems(app.schemas.validator("profile-example"), document, label)
            if found:
                raise SheyinError(found)
            requirement = entry.name.removesuffix(".toml")
            for expect in ("violating", "satisfying"):
                for index, case in enumerate(document[expect]):
                    snapshot = {k: v for k, v in case.items() if k != "description"}
                    yield ExampleCase(
                        requirement,
                        expect,
                        index,
                        str(case.get("description", "")),
                        snapshot,
                        label,
                    )


class ProfileContract:
    """Tests any profile must pass. Subclass it and set ``profile``."""

    profile: ClassVar[str]

    @pytest.fixture(scope="class")
    @classmethod
    def app(cls) -> Sheyin:
        """One application object for the class."""
        return Sheyin()

    @pytest.fixture(scope="class")
    @classmethod
    def loaded(cls, app: Sheyin) -> Profile:
        """The profile in force today."""
        return app.load_profile(cls.profile)

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """Parametrise ``case`` over the profile's example snapshots."""
        if "case" in metafunc.fixturenames:
            cases = list(example_cases(Sheyin(), self.profile))
            metafunc.parametrize("case", cases, ids=[c.id for c in cases])

    def test_profile_loads(self, loaded: Profile) -> None:
        """The data files validate and load without problems."""
        assert loaded.name == self.profile
        assert loaded.requirements

    def test_requirements_are_cited(self, loaded: Profile) -> None:
        """Every requirement cites a clause of a declared document and quotes its text."""
        documents = {d.id for d in loaded.documents}
        for requirement in loaded.requirements:
            assert requirement.clause.strip(), requirement.id
            assert requirement.text.strip(), requirement.id
            assert requirement.document in documents, requirement.id

    def test_severity_follows_modal_verb(self, loaded: Profile) -> None:
        """Severity is the one the modal verb gives, unless an interpretation explains otherwise."""
        for requirement in loaded.requirements:
            if MODAL_SEVERITY.get(requirement.modal) != requirement.severity:
                assert requirement.interpretation, requirement.id

    def test_requirements_are_checked_or_manual(self, loaded: Profile) -> None:
        """Every requirement has a check, or a manual reason, never both."""
        for requirement in loaded.requirements:
            assert (requirement.check is None) != (requirement.manual is None), requirement.id
            if requirement.manual is not None:
                assert requirement.manual.strip(), requirement.id

    def test_lifecycle_requirements_have_transitions(self, loaded: Profile) -> None:
        """A requirement checked by the lifecycle is cited by at least one transition."""
        cited = {t.requirement for m in loaded.lifecycles.values() for t in m.transitions}
        for requirement in loaded.requirements:
            if requirement.check and requirement.check.kind == "lifecycle":
                assert requirement.id in cited, requirement.id

    def test_check_kinds_describe_themselves(self, app: Sheyin, loaded: Profile) -> None:
        """Every check kind the profile uses says what it requires (``CheckKind.describe``),
        so ``profile diff`` and ``profile compare`` state the profile's rules, not only core's."""
        used = {r.check.kind for r in loaded.requirements if r.check is not None}
        undescribed = sorted(kind for kind in used if app.kinds[kind].describe is None)
        assert not undescribed, f"check kinds without describe: {undescribed}"

    def test_every_check_has_examples(self, app: Sheyin, loaded: Profile) -> None:
        """Each requirement this profile checks has violating and satisfying examples."""
        cases = list(example_cases(app, self.profile))
        own = [r for r in loaded.requirements if r.check is not None and r.profile == self.profile]
        for requirement in own:
            kinds = {c.expect for c in cases if c.requirement == requirement.id}
            assert kinds == {"violating", "satisfying"}, (
                f"{requirement.id}: examples {sorted(kinds)}"
            )
        known = {r.id for r in loaded.requirements}
        for case in cases:
            assert case.requirement in known, f"{case.file}: no requirement {case.requirement}"

    def test_example(self, app: Sheyin, case: ExampleCase) -> None:
        """A violating example gives a finding of its requirement; a satisfying one gives none."""
        try:
            report = app.check(case.snapshot, profile=self.profile)
        except SheyinError as exc:
            pytest.fail(
                f"{case.file} ({case.expect} #{case.index}) is not a valid snapshot:\n{exc.render('en')}"
            )
        found = report.by_rule(case.requirement)
        if case.expect == "violating":
            assert found, (
                f"{case.file}: violating #{case.index} ({case.description}) gave no finding"
            )
        else:
            assert not found, (
                f"{case.file}: satisfying #{case.index} ({case.description}) gave {[f.message for f in found]}"
            )

    def test_deadlines_agree_with_check(self, app: Sheyin, case: ExampleCase) -> None:
        """A deadline due on D and still unmet on D is a finding of its rule and subject on
        D + 1, and was not one on D - 1 (unless something is recorded on D + 1: a duty done
        a day late, or a person who left, is met or moot when D + 1 is checked)."""
        agenda = app.due(case.snapshot, profile=self.profile)
        recorded = _days_recorded(case.snapshot)
        for deadline in agenda.by_rule(case.requirement):
            day = deadline.due_on
            later = app.due(case.snapshot, profile=self.profile, as_of=day)
            still_due = str(day + timedelta(1)) not in recorded and any(
                (d.subject, d.path, d.key, d.due_on)
                == (deadline.subject, deadline.path, deadline.key, day)
                for d in later.by_rule(deadline.rule)
            )
            if still_due:
                after = app.check(case.snapshot, profile=self.profile, as_of=day + timedelta(1))
                assert any(f.subject == deadline.subject for f in after.by_rule(deadline.rule)), (
                    f"{case.file} ({case.expect} #{case.index}): {deadline.subject} was due on "
                    f"{day} for {deadline.rule} but is no finding on the day after"
                )
            before = app.check(case.snapshot, profile=self.profile, as_of=day - timedelta(1))
            assert not any(
                (f.subject, f.path) == (deadline.subject, deadline.path)
                for f in before.by_rule(deadline.rule)
            ), (
                f"{case.file} ({case.expect} #{case.index}): {deadline.subject} is due on {day} "
                f"for {deadline.rule} but is already a finding the day before"
            )

    def test_time_based_checks_have_deadlines(self, app: Sheyin, loaded: Profile) -> None:
        """Each requirement checked by a kind that says what falls due has an example with a deadline."""
        timed = {
            r.id
            for r in loaded.requirements
            if r.check is not None
            and r.profile == self.profile
            and app.kinds[r.check.kind].due is not None
        }
        dated: set[str] = set()
        for case in example_cases(app, self.profile):
            if (
                case.requirement in timed
                and case.requirement not in dated
                and app.due(case.snapshot, profile=self.profile).by_rule(case.requirement)
            ):
                dated.add(case.requirement)
        assert timed <= dated, f"no example gives a deadline for: {sorted(timed - dated)}"


def _days_recorded(snapshot: Mapping[str, Any]) -> set[str]:
    """Every day on which a snapshot records an event or a departure (ISO text)."""
    days: set[str] = set()
    for collection in ("partnerships", "outlets"):
        for record in snapshot.get(collection, ()):
            days.update(str(event.get("on")) for event in record.get("events", ()))
            days.update(str(person.get("left_on")) for person in record.get("staff", ()))
    return days

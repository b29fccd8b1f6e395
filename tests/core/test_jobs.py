"""``check --jobs N``: whole banks checked in forked processes give the report of one process.

Byte for byte (JSON and text, exit status), on every built-in region's examples merged
into one snapshot per date, on a generated region, and on snapshots built to cross the
shards' borders: outlet codes shared between banks, bank and department findings,
positions, input errors, failing plugins, crashed and interrupted workers.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import select
import shutil
import signal
import sys
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen
from click.testing import CliRunner, Result
from synthetic import uniform

import sheyin.cli.check  # noqa: F401 - registers the check command
from sheyin import Sheyin
from sheyin.cli import cli
from sheyin.cli.check import print_report
from sheyin.documents import Document
from sheyin.echo import clean_json
from sheyin.engine import shard
from sheyin.engine.findings import Report
from sheyin.engine.jobs import AUTO_MIN_OUTLETS, available_cores, jobs_for
from sheyin.errors import InputError, JobsError, PluginError, SheyinError
from sheyin.plugin import CheckContext, CheckKind, Requirement, Violation, hookimpl
from sheyin.testing import example_cases
from support import BASE, TOY, FakeEntryPoint, ProfilesPlugin

BUILTIN = ("national", "guangdong", "yulin", "zhengyin")
ACTORS = ("department", "bank", "outlet")


@pytest.fixture(scope="module")
def app() -> Sheyin:
    """One application object for the built-in profiles."""
    return Sheyin()


@pytest.fixture(autouse=True)
def no_workspace(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No sheyin.toml or SHEYIN_* variable chooses for the CLI."""
    monkeypatch.chdir(tmp_path)
    for name in ("SHEYIN_JOBS", "SHEYIN_PROFILE", "SHEYIN_LANG"):
        monkeypatch.delenv(name, raising=False)


def sharded(app: Sheyin, snapshot: dict[str, Any], jobs: int) -> Report:
    """The report of ``snapshot`` checked in shards (failing the test if it was not split)."""
    document, profile, day = app._prepare(snapshot, None, None)
    report = shard.check_in_shards(
        document.data,
        document.file,
        app.parser(profile).parse,
        profile,
        day,
        app.kinds,
        "zh",
        app.services,
        jobs,
    )
    assert report is not None, "the snapshot was checked in one process"
    return report


def same_whatever_jobs(app: Sheyin, snapshot: dict[str, Any]) -> Report:
    """Check with 1, 2 and 3 jobs; every report is the one-process report. Returns it."""
    single = app.check(snapshot)
    for jobs in (2, 3):
        report = sharded(app, snapshot, jobs)
        assert report == single, f"--jobs {jobs}"
        assert report.to_json() == single.to_json(), f"--jobs {jobs}"  # the workers' texts
    return single


# --- every region's examples, merged into one snapshot per profile and date -------------------


def _renamed(case: dict[str, Any], prefix: str) -> dict[str, Any]:
    """An example snapshot with every id prefixed, links and staff references followed."""
    case = copy.deepcopy(case)
    new = f"{prefix}{{}}".format
    staff = {s["id"] for o in case.get("outlets", ()) for s in o.get("staff", ())}

    def events(record: dict[str, Any]) -> None:
        for event in record.get("events", ()):
            if event.get("by") in staff:
                event["by"] = new(event["by"])
            if "staff" in event:
                event["staff"] = new(event["staff"])

    for key in ("departments", "banks"):
        for record in case.get(key, ()):
            record["id"] = new(record["id"])
    for partnership in case.get("partnerships", ()):
        partnership["id"] = new(partnership["id"])
        partnership["department"] = new(partnership["department"])
        partnership["bank"] = new(partnership["bank"])
        events(partnership)
    for outlet in case.get("outlets", ()):
        outlet["id"] = new(outlet["id"])
        outlet["partnership"] = new(outlet["partnership"])
        for person in outlet.get("staff", ()):
            person["id"] = new(person["id"])
        events(outlet)
    return case


def merged_examples(app: Sheyin, profile: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each date's example snapshots of ``profile`` as one snapshot (ids made unique)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for case in example_cases(app, profile):
        groups[str(case.snapshot["as_of"])].append(case.snapshot)
    for as_of, cases in sorted(groups.items()):
        merged: dict[str, Any] = {"profile": profile, "as_of": as_of}
        for n, case in enumerate(cases):
            renamed = _renamed(case, f"c{n}-")
            for key in ("departments", "banks", "partnerships", "outlets"):
                merged.setdefault(key, []).extend(renamed.get(key, ()))
        banks = {p["id"]: p["bank"] for p in merged["partnerships"]}
        if len({banks[o["partnership"]] for o in merged.get("outlets", ())}) > 1:
            yield as_of, json.loads(json.dumps(merged, ensure_ascii=False, default=str))


@pytest.mark.parametrize("profile", [*BUILTIN, "guangdong.guangzhou"])
def test_examples_give_the_same_report_whatever_jobs(app: Sheyin, profile: str) -> None:
    checked = 0
    for _, snapshot in merged_examples(app, profile):
        report = same_whatever_jobs(app, snapshot)
        checked += len(report.findings)
    assert checked > 0


# The text is drawn from the report compared above; printing Guangdong's and Zhengyin's
# tables takes long, so two regions show the printed table is the same too.
@pytest.mark.parametrize("profile", ["national", "yulin"])
def test_examples_print_the_same_text_whatever_jobs(
    app: Sheyin, capsys: pytest.CaptureFixture[str], profile: str
) -> None:
    _, snapshot = max(merged_examples(app, profile), key=lambda pair: len(pair[1]["outlets"]))
    texts = []
    for report in (app.check(snapshot), sharded(app, snapshot, 3)):
        print_report(report, "zh", "s.json")  # what sheyin check prints, with its table
        texts.append(capsys.readouterr().out)
    assert texts[0] == texts[1]
    assert "错误" in texts[0]


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def write(tmp_path: Path, snapshot: dict[str, Any], name: str = "s.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
    return path


def generated(profile: str, outlets: int = 120, banks: int = 3) -> dict[str, Any]:
    """The benchmark's synthetic region, small, its partnerships spread over ``banks`` banks,
    with outlet codes shared across banks and a bank credit code that is wrong."""
    document = uniform(outlets, profile)
    document["banks"] = [
        {"id": f"b{i}", "name": f"银行{i}", "credit_code": "91350100M000100Y43"}
        for i in range(banks)
    ]
    document["banks"][-1]["credit_code"] = "91350100M000100Y44"
    document["partnerships"] = [
        {**p, "id": f"p{i}", "bank": f"b{i % banks}"}
        for i, p in enumerate(document["partnerships"] * banks)
    ]
    for n, outlet in enumerate(document["outlets"]):
        outlet["partnership"] = f"p{n % len(document['partnerships'])}"
        outlet["code"] = f"C-{n % (outlets - 5):07d}"  # the last five share codes with the first
    return document


# Through the command, for the profiles with rules across a bank's partnerships and across
# departments; the other profiles' reports are compared above (the text is drawn from them).
@pytest.mark.parametrize("profile", ["national", "guangdong"])
def test_cli_output_is_the_same_whatever_jobs(tmp_path: Path, profile: str) -> None:
    path = write(tmp_path, generated(profile))
    for fmt in ("json", "text"):
        results = [
            invoke("check", str(path), "--format", fmt, "--jobs", str(jobs)) for jobs in (1, 2, 3)
        ]
        assert results[0].exit_code in (0, 1), results[0].output
        for result in results[1:]:
            assert (result.exit_code, result.stdout_bytes, result.stderr_bytes) == (
                results[0].exit_code,
                results[0].stdout_bytes,
                results[0].stderr_bytes,
            )


def test_generated_region_is_split_and_reports_across_banks(app: Sheyin) -> None:
    report = same_whatever_jobs(app, generated("guangdong"))
    shared = {f.subject for f in report.by_rule("guangdong.registration.code")}
    assert {"outlets/o0", "outlets/o115"} <= shared  # codes shared by outlets of two banks


# --- the toy profile over two banks: positions, codes, banks, errors --------------------------


def two_banks() -> dict[str, Any]:
    """The toy snapshot with a second bank: outlets o1, o3 at bank b1, o2, o4 at bank b2."""
    document = copy.deepcopy(BASE)
    document["banks"].append({"id": "b2", "name": "第二银行"})
    document["partnerships"].append({**document["partnerships"][0], "id": "p2", "bank": "b2"})
    first = document["outlets"][0]
    for n, partnership in ((2, "p2"), (3, "p1"), (4, "p2")):
        outlet = copy.deepcopy(first)
        outlet.update(id=f"o{n}", partnership=partnership, code=f"T-00{n}")
        outlet["staff"][0]["id"] = f"s{n}"
        document["outlets"].append(outlet)
    return document


@pytest.fixture
def toy(tmp_path: Path) -> Sheyin:
    """The toy profile (in a copy of its data), with the test plugin's kinds available."""
    return toy_with(tmp_path, ())


def test_paths_point_into_the_whole_snapshot(toy: Sheyin) -> None:
    document = two_banks()
    document["outlets"][3]["zones"] = ["受理区"]  # o4, the second outlet of the second shard
    report = same_whatever_jobs(toy, document)
    assert [f.path for f in report.by_rule("toy.zones")] == ["/outlets/3/zones"]


def test_what_a_worker_writes_is_printed_as_clean_json(toy: Sheyin) -> None:
    document = two_banks()
    document["outlets"][3]["zones"] = ["受理区"]
    report = sharded(toy, document, 2)
    assert report.rendered is not None
    assert report.rendered.printable
    expected = clean_json(toy.check(document).to_json())
    assert report.to_json(printable=True) == expected
    assert report.to_json_bytes(printable=True) == expected.encode()
    document["outlets"][3]["id"] = "o4\u202e"  # a subject a terminal would turn around
    report = sharded(toy, document, 2)
    assert report.rendered is not None
    assert not report.rendered.printable
    expected = clean_json(toy.check(document).to_json())
    assert report.to_json(printable=True) == expected
    assert report.to_json_bytes(printable=True) == expected.encode()
    assert '"outlets/o4\\u202e"' in report.to_json(printable=True)


def test_outlet_codes_are_counted_over_every_shard(toy: Sheyin) -> None:
    document = two_banks()
    document["outlets"][1]["code"] = document["outlets"][0]["code"]  # o2 (b2) takes o1's (b1)
    report = same_whatever_jobs(toy, document)
    assert {f.subject for f in report.by_rule("toy.code")} == {"outlets/o1", "outlets/o2"}


def test_a_bank_is_reported_once(toy: Sheyin) -> None:
    document = two_banks()
    document["banks"][1]["credit_code"] = "91350100M000100Y44"
    report = same_whatever_jobs(toy, document)
    assert [f.subject for f in report.findings if f.subject.startswith("banks/")] == ["banks/b2"]


def test_a_department_is_reported_once_when_outlets_of_two_banks_ask(app: Sheyin) -> None:
    outlet = {
        "kind": "bank_branch",
        "events": [{"on": "2025-03-01", "type": "materials_handover", "sealed": True}],
    }
    document = {
        "profile": "yulin",
        "as_of": "2025-06-01",
        "departments": [{"id": "d1"}],
        "banks": [{"id": "b1"}, {"id": "b2"}],
        "partnerships": [
            {"id": "p1", "department": "d1", "bank": "b1"},
            {"id": "p2", "department": "d1", "bank": "b2"},
        ],
        "outlets": [
            {**outlet, "id": "o1", "partnership": "p1"},
            {**outlet, "id": "o2", "partnership": "p2"},
        ],
    }
    report = same_whatever_jobs(app, document)
    assert [f.path for f in report.findings if f.subject == "departments/d1"] == ["/departments/0"]


def error_text(app: Sheyin, snapshot: dict[str, Any], jobs: int) -> tuple[str, str, str]:
    with pytest.raises(SheyinError) as caught:
        app.check(snapshot, jobs=jobs)
    return type(caught.value).__name__, caught.value.render("zh"), caught.value.render("en")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda d: d["outlets"][1].update(id="o1"), id="outlet id twice"),
        pytest.param(lambda d: d["outlets"][1]["staff"][0].update(id="s1"), id="staff id twice"),
        pytest.param(lambda d: d["outlets"][3].update(partnership="p9"), id="unknown partnership"),
        pytest.param(lambda d: d["outlets"][3].update(zones="受理区"), id="schema"),
        pytest.param(lambda d: d["outlets"][3].update(zones=["受理厅"]), id="vocabulary"),
        pytest.param(lambda d: d["outlets"].append(7), id="not a record"),
        pytest.param(
            lambda d: d["outlets"][3]["events"].append({"on": "2025-04-01", "type": "x"}),
            id="event type",
        ),
        pytest.param(lambda d: d["banks"].append({"id": "b2"}), id="bank id twice"),
    ],
)
def test_input_errors_are_the_same_whatever_jobs(toy: Sheyin, spoil: Any) -> None:
    document = two_banks()
    spoil(document)
    assert error_text(toy, document, 2) == error_text(toy, document, 1)


def test_a_person_of_another_bank_may_act(toy: Sheyin) -> None:
    document = two_banks()
    document["outlets"][1]["events"].append({"on": "2025-04-01", "type": "drill", "by": "s1"})
    same_whatever_jobs(toy, document)  # o2's shard does not hold s1, yet accepts the event


def test_by_naming_no_one_is_refused_whatever_jobs(toy: Sheyin) -> None:
    document = two_banks()
    document["outlets"][1]["events"].append({"on": "2025-04-01", "type": "drill", "by": "s9"})
    assert error_text(toy, document, 2) == error_text(toy, document, 1)


def test_cli_input_error_is_the_same_whatever_jobs(tmp_path: Path, toy: Sheyin) -> None:
    document = generated("national")
    document["outlets"][-1]["staff"][0]["id"] = "s0-0"
    path = write(tmp_path, document)
    one, two = (invoke("check", str(path), "--jobs", jobs) for jobs in ("1", "2"))
    assert one.exit_code == two.exit_code == 2
    assert one.stderr_bytes == two.stderr_bytes
    assert "s0-0" in one.stderr


# --- kinds a test plugin adds: scope, failures, crashes, Ctrl-C --------------------------------


@frozen
class Target:
    """Which outlet the test kind acts on; the other outlets make it wait for its end."""

    outlet: str = ""
    pids: str = ""


def count_outlets(ctx: CheckContext, _: Requirement, __: Target) -> Iterator[Violation]:
    total = len(ctx.snapshot.outlets)  # snapshot-wide: a shard would count only its own
    for outlet in ctx.outlets():
        yield ctx.violation(outlet, _text(f"快照共 {total} 个网点", f"{total} outlets in all"))


def fail_at(ctx: CheckContext, _: Requirement, params: Target) -> Iterator[Violation]:
    for outlet in ctx.outlets():
        if outlet.id == params.outlet:
            raise RuntimeError(f"cannot read {outlet.id}")
    return iter(())


def _wait_for_the_end(ctx: CheckContext, params: Target, act: Any) -> Iterator[Violation]:
    with open(params.pids, "a", encoding="utf-8") as pids:
        pids.write(f"{os.getpid()}\n")
    if any(o.id == params.outlet for o in ctx.outlets()):
        act()
    threading.Event().wait(120)  # stopped by the parent long before (the test checks that)
    return iter(())


def die_at(ctx: CheckContext, _: Requirement, params: Target) -> Iterator[Violation]:
    return _wait_for_the_end(ctx, params, lambda: os._exit(3))


def interrupt_at(ctx: CheckContext, _: Requirement, params: Target) -> Iterator[Violation]:
    return _wait_for_the_end(ctx, params, lambda: os.kill(os.getppid(), signal.SIGINT))


def wait(ctx: CheckContext, _: Requirement, params: Target) -> Iterator[Violation]:
    return _wait_for_the_end(ctx, params, lambda: None)


def _text(zh: str, en: str) -> Any:
    from sheyin.plugin import Text

    return Text(zh, en)


class Kinds:
    @hookimpl
    def sheyin_check_kinds(self) -> list[CheckKind]:
        return [
            CheckKind("test.count_outlets", Target, count_outlets, "snapshot-wide; says nothing"),
            CheckKind("test.fail_at", Target, fail_at, "raises", scope="bank"),
            CheckKind("test.die_at", Target, die_at, "exits", scope="bank"),
            CheckKind("test.interrupt_at", Target, interrupt_at, "Ctrl-C", scope="bank"),
            CheckKind("test.wait", Target, wait, "waits", scope="bank"),
        ]


def toy_with(tmp_path: Path, checks: tuple[str, ...]) -> Sheyin:
    """The toy profile with one more requirement per check (TOML inline tables)."""
    root = tmp_path / "toy-profile"
    shutil.copytree(TOY, root)
    requirements = root / "data" / "requirements.toml"
    extra = "".join(
        f'\n[[requirements]]\nid = "toy.test{n}"\nclause = "3"\ntitle = "测试"\n'
        f'text = "测试。"\nmodal = "应"\ncheck = {check}\n'
        for n, check in enumerate(checks)
    )
    requirements.write_text(requirements.read_text("utf-8") + extra, "utf-8")
    plugins = [
        FakeEntryPoint("toy", ProfilesPlugin(("toy", "data"), root=root)),
        FakeEntryPoint("kinds", Kinds(), dist="test-kinds"),
    ]
    return Sheyin(entry_points=lambda: plugins)


def test_a_kind_that_says_nothing_runs_over_the_whole_snapshot(tmp_path: Path) -> None:
    app = toy_with(tmp_path, ('{ kind = "test.count_outlets" }',))
    report = same_whatever_jobs(app, two_banks())
    assert {f.message for f in report.by_rule("toy.test0")} == {"快照共 4 个网点"}


def test_a_kind_declares_a_known_scope() -> None:
    with pytest.raises(ValueError, match="scope"):
        CheckKind("test.scoped", Target, fail_at, "", scope="outlet")  # type: ignore[arg-type]


def test_a_failing_kind_fails_as_in_one_process(tmp_path: Path) -> None:
    app = toy_with(tmp_path, ('{ kind = "test.fail_at", outlet = "o4" }',))
    first = error_text(app, two_banks(), 1)
    assert first[0] == PluginError.__name__
    assert error_text(app, two_banks(), 2) == first


def _gone(pids_file: Path) -> None:
    pids = [int(p) for p in pids_file.read_text("utf-8").split()]
    assert pids, "no worker ran the kind"
    assert os.getpid() not in pids
    for pid in pids:  # reaped: not even a zombie is left
        assert not Path(f"/proc/{pid}").exists(), pid
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not shard.can_fork(), reason="needs fork")
def test_a_dead_worker_stops_the_others(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.touch()
    app = toy_with(tmp_path, (f'{{ kind = "test.die_at", outlet = "o4", pids = "{pids}" }}',))
    with pytest.raises(JobsError) as caught:
        app.check(two_banks(), jobs=2)
    assert "exit status 3" in caught.value.render("en")
    _gone(pids)


@pytest.mark.skipif(not shard.can_fork(), reason="needs fork")
def test_ctrl_c_stops_every_worker(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    pids.touch()
    check = f'{{ kind = "test.interrupt_at", outlet = "o4", pids = "{pids}" }}'
    app = toy_with(tmp_path, (check,))
    # Python's own Ctrl-C handler, whatever this process inherited: a shell without job
    # control starts background commands (``pytest &``) with Ctrl-C ignored.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            app.check(two_banks(), jobs=2)
    finally:
        signal.signal(signal.SIGINT, inherited)
    _gone(pids)


def _read_pids(fifo: int, count: int) -> list[int]:
    """``count`` process ids, one per line, as workers write them into the pipe ``fifo``."""
    read = b""
    while read.count(b"\n") < count:
        ready, _, _ = select.select([fifo], [], [], 60)
        assert ready, f"workers wrote {read!r} in a minute"
        read += os.read(fifo, 4096)
    return [int(line) for line in read.split()]


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and hasattr(os, "pidfd_open") and shard.can_fork()),
    reason="PR_SET_PDEATHSIG and pidfds are Linux's",
)
def test_workers_die_with_a_parent_that_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    os.mkfifo(pids)
    app = toy_with(tmp_path, (f'{{ kind = "test.wait", pids = "{pids}" }}',))
    # Workers write their ids into a pipe; this end keeps it open between their writes.
    fifo = os.open(pids, os.O_RDONLY | os.O_NONBLOCK)
    keep = os.open(pids, os.O_WRONLY)
    parent = multiprocessing.get_context("fork").Process(
        target=app.check, args=(two_banks(),), kwargs={"jobs": 2}
    )
    try:
        parent.start()
        workers = [os.pidfd_open(pid) for pid in _read_pids(fifo, 2)]
        assert parent.pid is not None
        os.kill(parent.pid, signal.SIGKILL)  # no handler, no clean-up: only the kernel acts
        parent.join()
        for worker in workers:  # a pidfd reads as ready once its process has ended
            assert select.select([worker], [], [], 60)[0], "a worker outlived its parent"
            os.close(worker)
    finally:
        if parent.is_alive():
            parent.kill()
        os.close(keep)
        os.close(fifo)


# --- when it checks in one process, and how many jobs -----------------------------------------


def test_with_other_threads_running_it_checks_in_one_process(
    toy: Sheyin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shard, "_run", lambda *_: pytest.fail("forked"))
    release = threading.Event()
    waiting = threading.Thread(target=release.wait)
    waiting.start()
    try:
        report = toy.check(two_banks(), jobs=2)
    finally:
        release.set()
        waiting.join()
    assert report.to_json() == toy.check(two_banks()).to_json()


def test_without_fork_it_checks_in_one_process(
    toy: Sheyin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(shard, "_run", lambda *_: pytest.fail("forked"))
    assert toy.check(two_banks(), jobs=2).to_json() == toy.check(two_banks()).to_json()


def test_banks_are_dealt_whole_largest_first() -> None:
    document = two_banks()
    document["outlets"].append({**document["outlets"][0], "id": "o5", "staff": []})
    plan = shard.plan_shards(document, 8)
    assert plan is not None
    assert [(sorted(s.banks), s.outlets) for s in plan.shards] == [
        (["b1"], (0, 2, 4)),
        (["b2"], (1, 3)),
    ]
    assert plan.outlet_codes == {"T-001": 2, "T-002": 1, "T-003": 1, "T-004": 1}


def test_no_jobs_given_means_the_cores_for_a_large_snapshot() -> None:
    small = {"outlets": [{}] * (AUTO_MIN_OUTLETS - 1)}
    large = {"outlets": [{}] * AUTO_MIN_OUTLETS}
    assert jobs_for(None, small) == 1
    assert jobs_for(None, large) == available_cores()
    assert jobs_for(3, small) == 3


def test_api_refuses_a_number_of_jobs_that_is_not_one(toy: Sheyin) -> None:
    with pytest.raises(InputError, match="jobs"):
        toy.check(two_banks(), jobs=0)


def test_sheyin_jobs_must_be_a_positive_integer(tmp_path: Path) -> None:
    path = write(tmp_path, generated("national", outlets=30))
    result = invoke("--lang", "en", "check", str(path), env={"SHEYIN_JOBS": "two"})
    assert result.exit_code == 2
    assert "environment variable SHEYIN_JOBS" in result.stderr


def test_jobs_in_sheyin_toml_must_be_a_positive_integer(tmp_path: Path) -> None:
    path = write(tmp_path, generated("national", outlets=30))
    (tmp_path / "sheyin.toml").write_text("jobs = 0\n", "utf-8")
    result = invoke("--lang", "en", "check", str(path))
    assert result.exit_code == 2
    assert "sheyin.toml:/jobs" in result.stderr


def test_cli_jobs_option_wins_over_sheyin_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int | None] = []
    original = Sheyin.check

    def spy(self: Sheyin, snapshot: Any, **kwargs: Any) -> Report:
        seen.append(kwargs.get("jobs"))
        return original(self, snapshot, **kwargs)

    monkeypatch.setattr(Sheyin, "check", spy)
    path = write(tmp_path, generated("national", outlets=30))
    invoke("check", str(path), "--jobs", "3", env={"SHEYIN_JOBS": "2"})
    invoke("check", str(path), env={"SHEYIN_JOBS": "2"})
    (tmp_path / "sheyin.toml").write_text("jobs = 4\n", "utf-8")
    invoke("check", str(path))
    assert seen == [3, 2, 4]


def test_a_document_object_is_checked_in_shards_too(toy: Sheyin) -> None:
    document = Document(two_banks(), "s.json")
    assert toy.check(document, jobs=2).to_json() == toy.check(document).to_json()


def test_merge_keeps_shared_findings_as_often_as_one_shard_and_drops_foreign_ones() -> None:
    plan = shard.plan_shards(two_banks(), 2)
    assert plan is not None

    def found(subject: str, message: str = "m", rank: int = 0) -> shard.Row:
        return (0, subject, "r", "/x", rank, "1", "error", message, message.encode())

    department, other = found("departments/d1"), found("departments/d1", "n", 1)
    first = [department, department, found("partnerships/p2"), found("outlets/o1")]
    second = [other, department, found("partnerships/p2"), found("banks/b1")]
    merged = shard.merge(plan, [(first, True), (second, True)])
    assert [(f.subject, f.message) for f in merged] == [
        ("departments/d1", "m"),
        ("departments/d1", "m"),
        ("departments/d1", "n"),
        ("outlets/o1", "m"),
        ("partnerships/p2", "m"),
    ]

"""Checking one snapshot in several processes (``sheyin check --jobs N``), with one report.

The parent holds the snapshot as read (JSON types) and plans **shards**: each holds whole
banks, i.e. every partnership of its banks and every outlet (with its staff) of those
partnerships, so that a rule over a bank's outlets (Guangdong's forced-exit ratio) sees
them all. Banks are dealt to shards largest first, by outlets, staff and events. Every
shard also carries every department, bank and partnership (few, and small), in their
original order, so rules that read them (a department's published item lists, which
banks serve) see the same records as in one process.

Fork-started workers validate, structure and check their shard: positions in the whole
snapshot address findings (``/outlets/1734/...``), and outlet codes are counted over the
whole snapshot before forking. Only check kinds of scope ``"bank"`` run in shards; the
others (third-party kinds that do not say) run in one more worker over the whole snapshot.

Merging: a shard owns its banks (banks with no outlet go to the first shard) and their
partnerships; findings it reports about a bank or partnership it does not own are
dropped (that shard lacked the outlets). Findings about a department (or any subject
that is not a bank, partnership or outlet) may come from several shards: each is kept as
many times as the shard that reported it most often did. The findings are then ordered
as in one process (:func:`~sheyin.engine.run.finding_order`).

Anything unusual falls back to checking in one process, which then gives exactly the
errors and report it always gives: input that cannot be planned (duplicate ids, an
outlet of an unknown partnership, anything not shaped like a snapshot), any problem or
exception in any worker, no ``fork`` on this platform, or other threads running (forking
a threaded process can deadlock). A worker that dies (killed, crashed) ends the others
and raises :class:`~sheyin.errors.JobsError`; Ctrl-C reaches only the parent, which ends
the workers. Workers are always reaped, and on Linux die with a parent that is killed.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from functools import partial
from itertools import chain, groupby
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from attrs import frozen

from sheyin.echo import printable
from sheyin.engine.findings import Finding, Rendered, Report, finding_texts
from sheyin.engine.run import finding_order, run_checks
from sheyin.errors import JobsError, problem
from sheyin.i18n import Lang
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Profile, Requirement
from sheyin.services import Service
from sheyin.snapshot.model import Snapshot

if TYPE_CHECKING:  # multiprocessing is imported when workers start: most checks never fork
    from multiprocessing.connection import Connection


class Parse(Protocol):
    """How a worker parses its part: :meth:`~sheyin.snapshot.parse.SnapshotParser.parse`."""

    def __call__(
        self, document: Any, file: str = ..., *, people: Collection[str] = ...
    ) -> Snapshot: ...


# A finding as a plain tuple, cheap to pickle and to sort: its place in the report
# (severity's rank, subject, rule, path, rank in the worker's report), then clause,
# severity, message, and its text in the JSON report (:func:`finding_texts`) in UTF-8:
# bytes, so that the parent neither decodes it nor encodes it again to print it.
Row = tuple[int, str, str, str, int, str, str, str, bytes]
# What a worker hands back: its findings, and whether all their texts are printable as
# they are (:func:`~sheyin.echo.printable`).
Found = tuple[list[Row], bool]


def can_fork() -> bool:
    """True where workers can be forked safely: a ``fork`` start method, signal masks,
    and no other thread in this process."""
    import multiprocessing

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and hasattr(signal, "pthread_sigmask")
        and threading.active_count() == 1
    )


@frozen
class Shard:
    """Whole banks: their ids, and the positions of their outlets in the whole snapshot."""

    banks: frozenset[str]
    outlets: tuple[int, ...]

    def document(self, whole: Mapping[str, Any]) -> dict[str, Any]:
        """The shard as a snapshot document: every key of ``whole``, only this shard's outlets."""
        outlets = whole["outlets"]
        return {**whole, "outlets": [outlets[i] for i in self.outlets]}


@frozen
class Plan:
    """The shards of one snapshot, who owns which bank and partnership, and the outlet codes."""

    shards: tuple[Shard, ...]
    partnership_banks: Mapping[str, str]  # partnership id -> bank id
    outlet_codes: Mapping[str, int]
    people: frozenset[str]  # every staff id: an event's `by` may name anyone

    def owned(self, index: int) -> frozenset[str]:
        """Subjects of the banks and partnerships shard ``index`` owns."""
        banks = self.shards[index].banks
        return frozenset(
            [f"banks/{b}" for b in banks]
            + [f"partnerships/{p}" for p, b in self.partnership_banks.items() if b in banks]
        )

    def foreign(self, index: int) -> frozenset[str]:
        """Subjects of the banks and partnerships shard ``index`` does not own."""
        return frozenset().union(*(self.owned(i) for i in range(len(self.shards)) if i != index))


def plan_shards(document: Mapping[str, Any], jobs: int) -> Plan | None:
    """Up to ``jobs`` shards of whole banks, or None when the snapshot cannot be split safely
    (fewer than two banks with outlets, or any id or link the whole snapshot would refuse)."""
    if not isinstance(document, dict):
        return None
    collections = [document.get(key, []) for key in ("departments", "banks", "partnerships")]
    outlets = document.get("outlets", [])
    if not all(isinstance(c, list) for c in (*collections, outlets)):
        return None
    departments, banks, partnerships = (_ids(c) for c in collections)
    if departments is None or banks is None or partnerships is None:
        return None
    bank_of: dict[str, str] = {}
    for record in collections[2]:
        department, bank = record.get("department"), record.get("bank")
        if not (isinstance(department, str) and department in departments):
            return None
        if not (isinstance(bank, str) and bank in banks):
            return None
        bank_of[record["id"]] = bank
    members: dict[str, list[int]] = defaultdict(list)
    weight: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    outlet_ids: set[str] = set()
    staff_ids: set[str] = set()
    staff_count = 0
    try:  # anything not shaped like a snapshot (a missing key, a list for a record) ends here
        for position, outlet in enumerate(outlets):
            bank = bank_of[outlet["partnership"]]  # an unknown partnership: the check says so
            outlet_ids.add(outlet["id"])
            staff = [person["id"] for person in outlet.get("staff", ())]
            staff_ids.update(staff)
            staff_count += len(staff)
            code = outlet.get("code")
            if isinstance(code, str) and code:
                codes[code] += 1
            members[bank].append(position)
            weight[bank] += 1 + len(staff) + len(outlet.get("events") or ())
    except (KeyError, TypeError, AttributeError):
        return None
    if len(outlet_ids) != len(outlets) or len(staff_ids) != staff_count:
        return None  # one outlet or staff id twice: the whole check says so
    serving = [b for b in banks if members[b]]  # banks in document order
    count = min(jobs, len(serving))
    if count < 2:
        return None
    loads = [0] * count
    dealt: list[list[str]] = [[] for _ in range(count)]
    for bank in sorted(serving, key=lambda b: -weight[b]):  # stable: ties in document order
        lightest = loads.index(min(loads))
        dealt[lightest].append(bank)
        loads[lightest] += weight[bank]
    dealt[0].extend(b for b in banks if not members[b])
    shards = tuple(
        Shard(frozenset(owned), tuple(sorted(p for b in owned for p in members[b])))
        for owned in dealt
    )
    return Plan(shards, bank_of, dict(codes), frozenset(staff_ids))


def _ids(records: object) -> dict[str, None] | None:
    """The ids of a list of records in order, or None when one is missing or repeated."""
    if not isinstance(records, list):
        return None
    ids: dict[str, None] = {}
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            return None
        if record["id"] in ids:
            return None
        ids[record["id"]] = None
    return ids


def check_in_shards(
    document: Mapping[str, Any],
    file: str,
    parse: Parse,
    profile: Profile,
    as_of: date,
    kinds: Mapping[str, CheckKind],
    lang: Lang,
    services: Mapping[str, Service] | None,
    jobs: int,
) -> Report | None:
    """The report of checking ``document`` in up to ``jobs`` processes, or None when it is
    to be checked in one process instead (see the module's docstring for when)."""
    if jobs < 2 or not can_fork():
        return None
    plan = plan_shards(document, jobs)
    if plan is None:
        return None
    scoped = [(r, kinds[r.check.kind].scope) for r in profile.requirements if r.check is not None]
    in_shards = tuple(r for r, scope in scoped if scope == "bank")
    in_whole = tuple(r for r, scope in scoped if scope != "bank")
    if not in_shards:
        return None
    check = partial(_check, profile=profile, as_of=as_of, kinds=kinds, lang=lang, services=services)
    works: list[Callable[[], Found]] = [
        partial(
            check,
            parse=partial(_parse_shard, parse, shard, document, file, plan.people),
            requirements=in_shards,
            positions={"outlets": shard.outlets},
            outlet_codes=plan.outlet_codes,
        )
        for shard in plan.shards
    ]
    if in_whole:  # kinds that may read anything: once, over the whole snapshot
        works.append(
            partial(
                check,
                parse=partial(parse, document, file),
                requirements=in_whole,
                positions=None,
                outlet_codes=None,
            )
        )
    merger = Merger(plan)
    if not _run(works, merger.add):
        return None
    findings, rendered = merger.merged()
    return Report(profile=profile.name, as_of=as_of, findings=findings, rendered=rendered)


def _parse_shard(
    parse: Parse, shard: Shard, document: Mapping[str, Any], file: str, people: frozenset[str]
) -> Snapshot:
    return parse(shard.document(document), file, people=people)


def _check(
    *,
    parse: Callable[[], Snapshot],
    profile: Profile,
    as_of: date,
    kinds: Mapping[str, CheckKind],
    lang: Lang,
    services: Mapping[str, Service] | None,
    requirements: Sequence[Requirement],
    positions: Mapping[str, Sequence[int]] | None,
    outlet_codes: Mapping[str, int] | None,
) -> Found:
    """What one worker does: parse its part, check it, hand back plain tuples, each with
    its finding's text in the JSON report (so that the parent only joins them)."""
    report = run_checks(
        profile,
        parse(),
        as_of,
        kinds,
        lang,
        services,
        requirements=requirements,
        positions=positions,
        outlet_codes=outlet_codes,
    )
    texts = finding_texts(report.findings)
    rows: list[Row] = [
        (*finding_order(f), n, f.clause, f.severity, f.message, text.encode("utf-8"))
        for n, (f, text) in enumerate(zip(report.findings, texts, strict=True))
    ]
    # The texts are the fields in JSON strings, which escape no more than clean_json does:
    # fields it leaves as they are give texts it leaves too (read in 0.6 of the time).
    return rows, printable("".join(chain.from_iterable(map(_FIELDS, report.findings))))


_FIELDS = attrgetter("rule", "clause", "severity", "subject", "path", "message")


class Merger:
    """One report's findings from the shards' (and the whole-snapshot worker's, last),
    taken as each worker hands them back.

    Outlets and staff belong to one shard, banks and partnerships to their owner: such
    findings are taken as they come. The rest (departments, anything else) may come from
    several shards; each is kept as many times as one shard reported it at most.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._placed: list[Row] = []
        self._shared: list[tuple[Row, int]] = []
        self._printable = True

    def add(self, index: int, found: Found) -> None:
        """Take worker ``index``'s findings (in the order its report had them)."""
        rows, texts_printable = found
        self._printable &= texts_printable
        if index >= len(self.plan.shards):  # the whole-snapshot worker's kinds run nowhere else
            self._placed.extend(rows)
            return
        owned, foreign = self.plan.owned(index), self.plan.foreign(index)
        rest = []
        for row in rows:
            if row[1].startswith("outlets/") or row[1] in owned:
                self._placed.append(row)
            else:
                rest.append(row)
        # A bank or partnership another shard owns is dropped: this shard lacked its outlets.
        self._shared.extend((row, index) for row in rest if row[1] not in foreign)

    def merged(self) -> tuple[tuple[Finding, ...], Rendered]:
        """Every finding, in the order one process gives (:func:`finding_order`, then the
        order one check yielded them in), and their texts in the JSON report."""
        rows = self._placed + _union(self._shared)
        rows.sort()  # the first five items of two rows never all tie: the rest is not compared
        findings = tuple(Finding(r[2], r[5], r[6], r[1], r[3], r[7]) for r in rows)  # type: ignore[arg-type]
        return findings, Rendered(tuple(r[8] for r in rows), self._printable)


def merge(plan: Plan, results: Sequence[Found]) -> tuple[Finding, ...]:
    """The findings of ``results``, one list per worker, merged (see :class:`Merger`)."""
    merger = Merger(plan)
    for index, found in enumerate(results):
        merger.add(index, found)
    return merger.merged()[0]


def _union(tagged: list[tuple[Row, int]]) -> list[Row]:
    """Findings several shards may report, each as often as the shard reporting it most;
    renumbered so that a tie keeps this order."""
    tagged.sort(key=lambda pair: (pair[0][:4], pair[1], pair[0][4]))
    merged: list[Row] = []
    for _, tie in groupby(tagged, key=lambda pair: pair[0][:4]):
        kept: Counter[tuple[object, ...]] = Counter()
        for _, group in groupby(tie, key=itemgetter(1)):
            seen: Counter[tuple[object, ...]] = Counter()
            for row, _ in group:
                same = row[:4] + row[5:]
                seen[same] += 1
                if seen[same] > kept[same]:
                    merged.append((*row[:4], len(merged), *row[5:]))
            kept |= seen
    return merged


def _run(works: Sequence[Callable[[], Found]], receive: Callable[[int, Found], None]) -> bool:
    """Run each work in a forked process, handing each result to ``receive`` as it comes
    (with the work's index); False as soon as one failed."""
    import multiprocessing
    from multiprocessing.connection import Connection, wait

    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):  # a child must not write the parent's buffer again
        stream.flush()
    processes: list[Any] = []
    pipes: list[Connection] = []
    try:
        # Ctrl-C is for the parent: workers start with SIGINT blocked, then ignore it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        gc.freeze()  # workers' collections need not walk (and copy) the parent's objects
        try:
            for work in works:
                reading, writing = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker, args=(writing, work, os.getpid()), daemon=True
                )
                process.start()
                writing.close()  # the parent keeps only the reading end: a dead worker reads as EOF
                processes.append(process)
                pipes.append(reading)
        finally:
            gc.unfreeze()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        waiting = {pipe: index for index, pipe in enumerate(pipes)}
        while waiting:
            for ready in wait(list(waiting)):
                assert isinstance(ready, Connection)
                index = waiting.pop(ready)
                try:
                    status, found = ready.recv()
                except EOFError:
                    processes[index].join()
                    raise _died(processes[index].pid, processes[index].exitcode) from None
                if status != "ok":
                    return False
                receive(index, found)
        return True
    finally:
        for pipe in pipes:
            pipe.close()
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join()


def _die_with(parent: int) -> None:
    """End this worker when the parent dies, even by SIGKILL (Linux: PR_SET_PDEATHSIG);
    elsewhere a worker whose parent died finds its pipe closed when it is done."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:  # the parent died before the call above took effect
        os._exit(1)


def _worker(send: Connection, work: Callable[[], Found], parent: int) -> None:
    """A worker's body: run ``work`` and send back ("ok", findings), or ("failed", None) on
    any exception, so that the parent repeats the check in one process and fails there
    exactly as it always does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)
    outcome: tuple[str, Found | None]
    try:
        outcome = ("ok", work())
    except BaseException:
        outcome = ("failed", None)
    try:
        send.send(outcome)
    finally:
        send.close()


def _died(pid: int | None, code: int | None) -> JobsError:
    how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return JobsError(
        (
            problem(
                "--jobs",
                "",
                f"检查进程 {pid} 意外终止（{how}），其余进程已停止；可用 --jobs 1 在单个进程中检查",
                f"check process {pid} ended unexpectedly ({how}); the others were stopped. "
                "--jobs 1 checks in one process",
            ),
        )
    )

"""Speed and memory of ``check`` on large snapshots (run by ``nox -s bench``).

Every figure is a ratio to a baseline measured in the same run, at the same size,
so figures compare across machines and across sizes:

- check time: ``Sheyin().check(FILE)`` (the path users take: a file, as the CLI reads
  it) against ``json.loads`` of the same file's text, and for a TOML snapshot against
  ``tomllib.loads``; each size against its own baseline;
- linearity: the time for 4× the outlets against the time for 1×;
- memory (a separate, smaller pass, since tracemalloc slows everything it traces):
  the peak while checking against the size of the parsed document itself;
- start-up: CPU time of ``sheyin --help``, ``sheyin profiles`` and ``sheyin check`` of
  a one-outlet snapshot against ``python -c "import json"``;
- events: one outlet with many events against the same number spread over 1,000 outlets;
- jobs: ``sheyin check --jobs N`` against ``--jobs 1`` (when the command has the option),
  wall clock, and in CPU time along the critical path. Linux shares CPU time between
  sessions (autogroup): on a machine other sessions keep busy, all of one command's
  workers share one session's slice, and only the CPU figure shows what idle cores give.
  Beside it, the table the command prints by default (to a pipe) against its JSON.

Usage: ``nox -s bench -- [--outlets 20000] [--scale 4] [--profiles national,guangdong]
[--toml national] [--quick]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from sheyin import Sheyin

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: the synthetic regions
from synthetic import uniform as snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def timed(action: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` wall-clock timings, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def traced_peak(action: Callable[[], object]) -> tuple[int, object]:
    """Peak bytes Python allocated while ``action`` ran, and what it returned."""
    gc.collect()
    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def traced_size(action: Callable[[], object]) -> int:
    """Bytes still allocated by what ``action`` returned (the size of a parsed document)."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = action()
        current, _ = tracemalloc.get_traced_memory()
        del kept
    finally:
        tracemalloc.stop()
    return current


def child_cpu(argv: list[str], repeat: int) -> float:
    """The least CPU time (user + system) of ``repeat`` runs of a command, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best


def toml_text(document: dict[str, Any]) -> str:
    """The snapshot as TOML (arrays of tables), written with tomli-w."""
    import tomli_w

    return tomli_w.dumps(document)


@contextmanager
def written(directory: Path, name: str, text: str) -> Iterator[Path]:
    """``text`` written to ``directory/name`` for the duration of the block."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink()


def line(label: str, value: float, unit: str, goal: str) -> None:
    """Print one figure with its goal."""
    print(f"  {label:<58} {value:7.2f}{unit}   (goal {goal})")


def bench_check(
    app: Sheyin, profile: str, sizes: list[int], repeat: int, work: Path, toml: bool = True
) -> None:
    """Check time against json.loads at each size, TOML (when ``toml``) against tomllib,
    and linearity."""
    print(f"\n[{profile}] check time")
    times: dict[int, float] = {}
    for size in sizes:
        document = snapshot(size, profile)
        text = json.dumps(document, ensure_ascii=False)
        with written(work, f"{profile}-{size}.json", text) as path:
            parse = timed(lambda t=text: json.loads(t), max(3, repeat))
            check = timed(lambda p=path: app.check(p), repeat)
        times[size] = check
        line(f"{size:>6} outlets, JSON: check ÷ json.loads", check / parse, "×", "≤ 3×")
        if not toml:
            del document, text
            continue
        try:
            ttext = toml_text(document)
        except ImportError:
            print("  (TOML figure skipped: tomli-w is not installed)")
        else:
            with written(work, f"{profile}-{size}.toml", ttext) as path:
                tparse = timed(lambda t=ttext: tomllib.loads(t), repeat)
                tcheck = timed(lambda p=path: app.check(p), repeat)
            line(f"{size:>6} outlets, TOML: check ÷ tomllib.loads", tcheck / tparse, "×", "≤ 3×")
        del document, text
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        line(
            f"linearity: {large // small}× the outlets ÷ time of 1×",
            times[large] / times[small],
            "×",
            f"≤ {1.05 * large / small:.1f}×",
        )


def bench_memory(app: Sheyin, profile: str, size: int, work: Path) -> None:
    """Peak memory of a check against the size of the parsed document."""
    text = json.dumps(snapshot(size, profile), ensure_ascii=False)
    with written(work, f"{profile}-mem.json", text) as path:
        document_size = traced_size(lambda: json.loads(text))
        peak, _ = traced_peak(lambda: app.check(path))
    line(f"{size:>6} outlets: peak memory ÷ parsed document", peak / document_size, "×", "≤ 3×")


def bench_events(app: Sheyin, profile: str, events: int, repeat: int, work: Path) -> None:
    """One outlet with ``events`` events against the same number over 1,000 outlets."""
    one = snapshot(1, profile, events_per_outlet=events)
    spread = snapshot(1000, profile, events_per_outlet=max(1, events // 1000))
    with (
        written(work, "one.json", json.dumps(one, ensure_ascii=False)) as one_path,
        written(work, "spread.json", json.dumps(spread, ensure_ascii=False)) as spread_path,
    ):
        t_one = timed(lambda: app.check(one_path), repeat)
        t_spread = timed(lambda: app.check(spread_path), repeat)
    line(f"{events} events on one outlet ÷ over 1,000 outlets", t_one / t_spread, "×", "≤ 3×")


def sheyin_argv(*args: str) -> list[str]:
    """The ``sheyin`` command as installed beside this interpreter."""
    return [sys.executable, "-m", "sheyin", *args]


def bench_startup(profile: str, repeat: int, work: Path) -> None:
    """CPU time of short commands against starting Python and importing json."""
    print("\nstart-up (CPU time, best of runs)")
    base = child_cpu([sys.executable, "-c", "import json"], repeat)
    one = json.dumps(snapshot(1, profile), ensure_ascii=False)
    with written(work, "one-outlet.json", one) as path:
        for label, argv in (
            ("sheyin --help", sheyin_argv("--help")),
            ("sheyin profiles", sheyin_argv("profiles")),
            ("sheyin check (one outlet)", sheyin_argv("check", str(path))),
        ):
            line(f"{label} ÷ python -c 'import json'", child_cpu(argv, repeat) / base, "×", "≤ 5×")


def has_jobs_option() -> bool:
    """True when ``sheyin check`` accepts ``--jobs``."""
    result = subprocess.run(
        sheyin_argv("check", "--help"), capture_output=True, text=True, check=False
    )
    return "--jobs" in result.stdout


def bench_jobs(profile: str, size: int, work: Path) -> None:
    """``check --jobs N`` (all cores) against ``--jobs 1``, wall clock, through the CLI (the
    two outputs must be the same bytes). Then, through the API (the check and the JSON the
    command prints), the same in CPU time along the critical path (the parent's CPU plus
    the workers' shared out over N cores: what the wall clock shows on idle cores, which a
    shared machine does not have), and its cost when one check kind does not declare its
    scope (it runs over the whole snapshot in one more process)."""
    if not has_jobs_option():
        print("\njobs: skipped (sheyin check has no --jobs option)")
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = max(2, cores or 1)
    text = json.dumps(snapshot(size, profile), ensure_ascii=False)
    print(f"\n[{profile}] jobs ({cores} cores)")
    with written(work, f"jobs-{profile}.json", text) as path:
        outputs: dict[int, tuple[int, bytes]] = {}

        def run(n: int) -> None:
            done = subprocess.run(
                sheyin_argv("check", str(path), "--format", "json", "--jobs", str(n)),
                capture_output=True,
                check=False,
            )
            outputs[n] = (done.returncode, done.stdout)

        single = timed(lambda: run(1), 1)
        many = timed(lambda: run(jobs), 1)
        line(f"{size} outlets: --jobs {jobs} ÷ --jobs 1", many / single, "×", "≤ 0.6× on 2 cores")
        print(f"  same output and exit status: {'yes' if outputs[1] == outputs[jobs] else 'NO'}")
        table = timed(
            lambda: subprocess.run(
                sheyin_argv("check", str(path), "--jobs", "1"), capture_output=True, check=False
            ),
            1,
        )
        line(
            "  the default table, piped ÷ --format json",
            table / single,
            "×",
            "near 1×; not a goal of the issue",
        )

        app = Sheyin()
        loaded = app.load_profile(profile)
        app.parser(loaded)  # built once per profile: not what is measured

        # The command's work: the check, then the report as --format json prints it (with
        # --jobs, the workers write their findings' part of it).
        def command(n: int) -> Callable[[], object]:
            return lambda: app.check(path, jobs=n).to_json_bytes(printable=True)

        serial, (parent, workers) = cpu(command(1)), cpu_split(command(jobs))
        line(
            f"CPU: (parent + workers ÷ {jobs}) ÷ one process",
            (parent + workers / jobs) / serial,
            "×",
            "the wall-clock ratio on idle cores",
        )
        first = next(r for r in loaded.requirements if r.check is not None)
        # A measurement only: one kind as a third-party kind that says nothing would be.
        app._kinds[first.check.kind] = attrs.evolve(  # type: ignore[index, union-attr]
            app.kinds[first.check.kind],  # type: ignore[union-attr]
            scope="snapshot",
        )
        parent, workers = cpu_split(command(jobs))
        line(
            f"  with one kind of scope snapshot ({jobs + 1} processes)",
            (parent + workers / jobs) / serial,
            "×",
            "the cost of a kind that does not say",
        )


def cpu(action: Callable[[], object]) -> float:
    """CPU seconds (user + system) this process spent on ``action``."""
    return cpu_split(action)[0]


def cpu_split(action: Callable[[], object]) -> tuple[float, float]:
    """CPU seconds this process and its (waited-for) children spent on ``action``."""
    gc.collect()
    before = [resource.getrusage(r) for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    action()
    after = [resource.getrusage(r) for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    self_cpu, children_cpu = (
        (a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)
        for a, b in zip(after, before, strict=True)
    )
    return self_cpu, children_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outlets", type=int, default=20_000, help="the 1× size")
    parser.add_argument("--scale", type=int, default=4, help="the large size is this × --outlets")
    parser.add_argument("--profiles", default="yulin,guangdong,national,zhengyin")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument(
        "--toml",
        default="",
        help="profiles whose TOML figure is measured (default: the first of --profiles; "
        "reading TOML, most of that figure, is the same code for every profile)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a tenth of every size, for a smoke run"
    )
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    outlets = max(10, args.outlets // scale)
    sizes = sorted({outlets, outlets * args.scale})  # --scale 1: one size, no linearity
    profiles = [p for p in args.profiles.split(",") if p]
    toml = [p for p in args.toml.split(",") if p] or profiles[:1]

    with tempfile.TemporaryDirectory(prefix="sheyin-bench-") as tmp:
        work = Path(tmp)
        bench_startup(profiles[0], 5, work)
        for profile in profiles:
            app = Sheyin()
            app.load_profile(profile)  # loading the profile is not what is measured
            bench_check(app, profile, sizes, args.repeat, work, toml=profile in toml)
            bench_memory(app, profile, max(100, outlets // 4), work)
            bench_events(app, profile, max(1000, args.events // scale), args.repeat, work)
        for profile in profiles:
            bench_jobs(profile, outlets, work)


if __name__ == "__main__":
    main()

"""Speed and memory of `check` on large snapshots (run by `nox -s bench`).

Figures are ratios to baselines measured in the same run, so they compare across
machines: time against `json.loads` of the same snapshot text, memory against the
size of that text, and the large snapshot against one a tenth its size (linearity).
"""

from __future__ import annotations

import argparse
import gc
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from sheyin import Sheyin

ID_NUMBER = "11010519491231002X"


def snapshot(outlets: int, profile: str) -> dict[str, Any]:
    """A snapshot with ``outlets`` outlets, three staff and five events each, over 50 partnerships."""
    partnerships = [
        {
            "id": f"p{i}",
            "department": "d",
            "bank": f"b{i % 5}",
            "events": [{"on": "2024-01-05", "type": "agreement"}],
        }
        for i in range(50)
    ]
    return {
        "profile": profile,
        "as_of": "2025-06-30",
        "departments": [{"id": "d", "name": "社保中心"}],
        "banks": [
            {"id": f"b{i}", "name": f"银行{i}", "credit_code": "91350100M000100Y43"}
            for i in range(5)
        ],
        "partnerships": partnerships,
        "outlets": [
            {
                "id": f"o{n}",
                "partnership": f"p{n % 50}",
                "name": f"网点{n}",
                "kind": "bank_branch",
                "code": f"C-{n:06d}",
                "zones": ["业务等候区", "受理区", "导办区"],
                "equipment": ["计算机", "打印机", "扫描仪"],
                "facilities": ["无障碍设施"],
                "events": [
                    {"on": "2024-02-01", "type": "siting"}
                    if profile == "national"
                    else {"on": "2024-02-01", "type": "complaint"},
                    {"on": "2024-03-01", "type": "inspection", "result": "conform"},
                    {"on": "2024-03-10", "type": "plaque"},
                    {
                        "on": "2024-06-01",
                        "type": "drill",
                        "content": "断网",
                        "participants": ["甲"],
                        "evaluation": "良",
                    },
                    {"on": "2024-07-01", "type": "complaint"},
                ],
                "staff": [
                    {
                        "id": f"s{k}",
                        "name": f"员工{k}",
                        "id_number": ID_NUMBER,
                        "posts": ["经办岗"],
                        "permissions": ["受理"],
                        "trained_on": "2024-01-10",
                        "joined_on": "2024-01-15",
                        "last_login": "2025-06-01",
                        "employment": "full_time",
                    }
                    for k in range(3)
                ],
            }
            for n in range(outlets)
        ],
    }


def timed(action: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` wall-clock timings, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(action: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while ``action`` runs."""
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outlets", type=int, default=20_000)
    parser.add_argument("--profile", default="national")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    app = Sheyin()
    app.load_profile(args.profile)  # loading the profile is not what is measured
    results = {}
    for size in (args.outlets // 10, args.outlets):
        text = json.dumps(snapshot(size, args.profile), ensure_ascii=False)
        parse = timed(lambda t=text: json.loads(t), args.repeat)
        check = timed(lambda t=text: app.check(json.loads(t)), args.repeat)
        memory = peak_memory(lambda t=text: app.check(json.loads(t)))
        findings = len(app.check(json.loads(text)).findings)
        results[size] = check
        print(
            f"{size:>7} outlets: check = {check / parse:6.1f} × json.loads of the same text; "
            f"peak memory = {memory / len(text.encode()):5.1f} × the JSON size; {findings} findings"
        )
    small, large = sorted(results)
    print(
        f"scaling: {large // small}× the outlets took {results[large] / results[small]:.1f}× the time"
    )


if __name__ == "__main__":
    main()

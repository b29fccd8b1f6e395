"""Synthetic regions: the uniform one the benchmarks time, and a varied one that trips many rules.

``uniform`` is what ``nox -s bench`` measures (outlets with 3–5 staff and a few events
each). ``varied`` perturbs it at random, with a fixed seed, using the profile's own
vocabulary, so that a report over it exercises most of a profile's checks; the golden
reports in tests/golden/ are taken over it.
"""

from __future__ import annotations

import random
from typing import Any

from sheyin import Sheyin
from sheyin.errors import InputError
from sheyin.profile.model import Profile

ID_NUMBER = "11010519491231002X"
PARTNERSHIPS_PER_BANK = 10


def uniform(outlets: int, profile: str, *, events_per_outlet: int = 5) -> dict[str, Any]:
    """A synthetic region: ``outlets`` outlets with 3–5 staff and ``events_per_outlet`` events each.

    Partnerships grow with the outlets (one per 100 outlets, ten per bank), as they
    do in a real province, so that rules spanning a bank's partnerships are measured
    at realistic proportions.
    """
    n_partnerships = max(1, outlets // 100)
    n_banks = max(1, n_partnerships // PARTNERSHIPS_PER_BANK)
    lifecycle = [
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
    ]
    extra = [
        {"on": f"2024-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}", "type": "complaint"}
        for i in range(max(0, events_per_outlet - len(lifecycle) - 1))
    ]
    return {
        "profile": profile,
        "as_of": "2025-06-30",
        "departments": [{"id": "d", "name": "社保中心"}],
        "banks": [
            {"id": f"b{i}", "name": f"银行{i}", "credit_code": "91350100M000100Y43"}
            for i in range(n_banks)
        ],
        "partnerships": [
            {
                "id": f"p{i}",
                "department": "d",
                "bank": f"b{i % n_banks}",
                "events": [
                    {"on": "2024-01-02", "type": "application"},
                    {"on": "2024-01-05", "type": "agreement"},
                ],
            }
            for i in range(n_partnerships)
        ],
        "outlets": [
            {
                "id": f"o{n}",
                "partnership": f"p{n % n_partnerships}",
                "name": f"网点{n}",
                "kind": "bank_branch",
                "code": f"C-{n:07d}",
                "zones": ["业务等候区", "受理区", "导办区"],
                "equipment": ["计算机", "打印机", "扫描仪"],
                "facilities": ["无障碍设施"],
                "events": [
                    {"on": "2024-02-01", "type": "complaint"},
                    *lifecycle[: max(0, events_per_outlet - 1)],
                    *extra,
                ][:events_per_outlet],
                "staff": [
                    {
                        "id": f"s{n}-{k}",
                        "name": f"员工{k}",
                        "id_number": ID_NUMBER,
                        "phone": "13800000000",
                        "posts": ["经办岗"],
                        "permissions": ["受理"],
                        "trained_on": "2024-01-10",
                        "joined_on": "2024-01-15",
                        "last_login": "2025-06-01",
                        "employment": "full_time",
                    }
                    for k in range(3 + n % 3)
                ],
            }
            for n in range(outlets)
        ],
    }


def varied(app: Sheyin, profile: str, outlets: int, *, seed: int = 16) -> dict[str, Any]:
    """``uniform`` perturbed with ``seed``: kinds, lists, staff, codes and events drawn from
    the profile's vocabulary, so that most of its checks find something somewhere."""
    loaded = app.load_profile(profile)
    rng = random.Random(seed)
    document = uniform(outlets, profile)
    vocabulary = loaded.vocabulary
    kinds = list(vocabulary.ids("outlet_kinds")) or ["bank_branch"]
    zones = list(vocabulary.ids("zones"))
    equipment = list(vocabulary.ids("equipment"))
    facilities = list(vocabulary.ids("facilities"))
    posts = list(vocabulary.ids("posts"))
    permissions = list(vocabulary.ids("permissions"))
    outlet_events = _usable_events(app, loaded, "outlet")
    partnership_events = _usable_events(app, loaded, "partnership")
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 9, 17, 25)]
    days += [f"2025-{m:02d}-{d:02d}" for m in range(1, 9) for d in (2, 15, 28)]

    def events(choices: list[str], staff_ids: list[str]) -> list[dict[str, Any]]:
        drawn = []
        for _ in range(rng.randint(0, 6)):
            event: dict[str, Any] = {"on": rng.choice(days), "type": rng.choice(choices)}
            if staff_ids and rng.random() < 0.3:
                event["by"] = rng.choice(staff_ids)
            drawn.append(event)
        return drawn

    for partnership in document["partnerships"]:
        if rng.random() < 0.5:
            partnership["events"] = (
                events(partnership_events, []) + partnership["events"][: rng.randint(0, 2)]
            )
    for bank in document["banks"]:
        if rng.random() < 0.3:
            bank["credit_code"] = rng.choice(["91350100M000100Y44", "X"])
    items = [i.id for c in (*loaded.catalogues, *loaded.inherited_catalogues) for i in c.items]
    codes = [o["code"] for o in document["outlets"]]
    for outlet in document["outlets"]:
        outlet["kind"] = rng.choice(kinds)
        for key, terms in (("zones", zones), ("equipment", equipment), ("facilities", facilities)):
            if terms and rng.random() < 0.7:
                outlet[key] = rng.sample(terms, rng.randint(0, len(terms)))
            elif rng.random() < 0.2:
                del outlet[key]
        roll = rng.random()
        if roll < 0.1:
            del outlet["code"]
        elif roll < 0.2:
            outlet["code"] = rng.choice(codes)
        for person in outlet["staff"]:
            if posts and rng.random() < 0.5:
                person["posts"] = rng.sample(posts, rng.randint(0, min(3, len(posts))))
            if permissions and rng.random() < 0.5:
                person["permissions"] = rng.sample(
                    permissions, rng.randint(0, min(3, len(permissions)))
                )
            for key in ("trained_on", "id_number", "joined_on", "last_login", "employment"):
                if rng.random() < 0.15:
                    del person[key]
            if rng.random() < 0.1:
                person["id_number"] = "110105194912310021"  # a wrong check digit
            if rng.random() < 0.15:
                person["left_on"] = rng.choice(days[4:])  # after joining
            if rng.random() < 0.2:
                person["last_login"] = rng.choice(days)
            if rng.random() < 0.2:
                person["trained_on"] = rng.choice(days)
        if rng.random() < 0.1:
            outlet["staff"] = []
        if items and rng.random() < 0.8:
            offered: list[Any] = rng.sample(items, rng.randint(0, min(8, len(items))))
            if rng.random() < 0.2:
                offered.append("不在目录中的事项")
            outlet["items"] = [
                {"item": i, "level": rng.choice(["accept", "complete"])}
                if rng.random() < 0.5
                else i
                for i in offered
            ]
        staff_ids = [p["id"] for p in outlet["staff"]]
        kept = [e for e in outlet["events"] if rng.random() < 0.7]
        outlet["events"] = kept + events(outlet_events, staff_ids)
        for person in staff_ids:
            if rng.random() < 0.2:
                change = {"on": rng.choice(days), "staff": person}
                if "staff_change" in outlet_events:
                    change |= {"type": "staff_change", "change": rng.choice(["add", "remove"])}
                    outlet["events"].append(change)
                if permissions and "permission_grant" in outlet_events:
                    grant = {
                        **change,
                        "type": rng.choice(["permission_grant", "permission_revoke"]),
                    }
                    grant.pop("change", None)
                    grant["permissions"] = rng.sample(permissions, 1)
                    outlet["events"].append(grant)
    return document


def _usable_events(app: Sheyin, profile: Profile, subject: str) -> list[str]:
    """The profile's event types that a bare ``{on, type}`` event of ``subject`` may have
    (types whose schema requires more are left out)."""
    usable = []
    for event_type in profile.vocabulary.ids("event_types"):
        document = uniform(1, profile.name)
        record = document["outlets" if subject == "outlet" else "partnerships"][0]
        record["events"] = [{"on": "2024-05-01", "type": event_type}]
        try:
            app.parse_snapshot(document, profile)
        except InputError:
            continue
        usable.append(event_type)
    return usable

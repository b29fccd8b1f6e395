"""Test support: a toy plugin discovered through fake entry points, and a base snapshot."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from sheyin.plugin import ProfileSource, hookimpl

DATA = Path(__file__).parent / "data"
TOY = DATA / "toy"


class FakeDist:
    """What an entry point says about its distribution."""

    def __init__(self, name: str, version: str = "1.0") -> None:
        self.name = name
        self.version = version


class FakeEntryPoint:
    """A stand-in for importlib.metadata.EntryPoint, loading a given object or failing."""

    def __init__(
        self, name: str, obj: object = None, dist: str = "toy-dist", error: Exception | None = None
    ) -> None:
        self.name = name
        self.value = f"{dist.replace('-', '_')}.plugin"
        self.dist = FakeDist(dist)
        self._obj = obj
        self._error = error

    def load(self) -> object:
        if self._error is not None:
            raise self._error
        return self._obj


class ProfilesPlugin:
    """A plugin providing profiles from folders under tests/data/toy."""

    def __init__(self, *sources: tuple[str, str], root: Path = TOY) -> None:
        self.sources = sources
        self.root = root

    @hookimpl
    def sheyin_profiles(self) -> list[ProfileSource]:
        return [ProfileSource(name=name, data=self.root / folder) for name, folder in self.sources]


def toy_entry_points(*extra: FakeEntryPoint) -> Callable[[], Iterable[FakeEntryPoint]]:
    """Entry points of the toy plugin (profiles toy and toy.city) plus ``extra``."""
    toy = FakeEntryPoint("toy", ProfilesPlugin(("toy", "data"), ("toy.city", "data_city")))
    return lambda: [toy, *extra]


BASE: dict[str, Any] = {
    "profile": "toy",
    "as_of": "2025-06-01",
    "departments": [{"id": "d1", "name": "测试市社保中心"}],
    "banks": [{"id": "b1", "name": "测试银行", "credit_code": "91350100M000100Y43"}],
    "partnerships": [
        {
            "id": "p1",
            "department": "d1",
            "bank": "b1",
            "events": [{"on": "2025-01-01", "type": "agreement"}],
        }
    ],
    "outlets": [
        {
            "id": "o1",
            "partnership": "p1",
            "name": "一号网点",
            "kind": "bank_branch",
            "code": "T-001",
            "zones": ["等候区", "受理区", "导办区"],
            "equipment": ["计算机", "打印机", "扫描仪"],
            "items": ["参保登记", {"item": "i2", "level": "complete"}],
            "events": [
                {"on": "2025-02-01", "type": "inspection", "result": "conform"},
                {"on": "2025-02-10", "type": "plaque"},
                {
                    "on": "2025-03-01",
                    "type": "drill",
                    "content": "断网",
                    "participants": ["张三"],
                    "evaluation": "良好",
                },
                {
                    "on": "2025-03-02",
                    "type": "materials_handover",
                    "sealed": True,
                    "witness": "monitoring",
                    "counts": [{"item": "i1", "volumes": 2, "pages": 30}],
                },
            ],
            "staff": [
                {
                    "id": "s1",
                    "name": "张三",
                    "id_number": "11010519491231002X",
                    "posts": ["管理岗", "经办岗"],
                    "permissions": ["受理"],
                    "trained_on": "2025-01-10",
                    "joined_on": "2025-01-15",
                    "last_login": "2025-05-20",
                    "employment": "full_time",
                    "pledged_on": "2025-01-10",
                },
            ],
        }
    ],
}


# --- rendered forms: the tools that look at them ---------------------------------------------


def tool(name: str) -> str:
    """The path of a command-line tool, or skip the test saying which one is missing."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install poppler-utils)")
    return found


def run(*command: str) -> str:
    """Run a tool and return its standard output."""
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return done.stdout


def needs_pdf() -> None:
    """Skip when WeasyPrint (sheyin[pdf]) or its system libraries are missing."""
    from sheyin.render.pdf import RenderError, weasyprint

    try:
        weasyprint()  # imported as sheyin does: its warning about HarfBuzz is sheyin's to report
    except RenderError as exc:
        pytest.skip(f"WeasyPrint is not usable here: {exc.render('en')}")


# Where a form is best shown by another record than the demo's first one of its scope.
SCOPES: dict[tuple[str, str], dict[str, str]] = {
    ("yulin", "B.1"): {"outlet": "o-xs"},
    ("yulin", "D.1-notice"): {"outlet": "o-xs"},
    ("guangdong", "附件3"): {"outlet": "o1"},
    ("guangdong", "附件4"): {"outlet": "o1"},
}
LISTS = {
    "outlet": "outlets",
    "partnership": "partnerships",
    "bank": "banks",
    "department": "departments",
}


def demos() -> dict[str, dict[str, Any]]:
    """Each built-in profile's demo snapshot document."""
    from sheyin import Sheyin
    from sheyin.demo import demo_snapshots

    return {name: document for name, document, _ in demo_snapshots(Sheyin())}


def builtin_forms() -> list[tuple[str, str]]:
    """(profile, form id) of every form a built-in profile with a demo declares."""
    from sheyin import Sheyin

    app = Sheyin()
    return [(name, form.id) for name in sorted(demos()) for form in app.load_profile(name).forms]


def scope_of(profile: str, form: Any, document: dict[str, Any]) -> dict[str, str]:
    """The records to fill ``form`` about: as SCOPES says, else the demo's first of its scope."""
    if (profile, form.id) in SCOPES:
        return SCOPES[(profile, form.id)]
    if form.scope in LISTS:
        return {form.scope: document[LISTS[form.scope]][0]["id"]}
    return {}

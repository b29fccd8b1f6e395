"""Automation: `nox` runs the whole suite; `nox -s bench` measures speed and memory."""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
# Tests run on every CPython 3.10–3.13 that is installed; a missing one is skipped.
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["tests", "lint", "typecheck", "example_plugin", "wheel", "editable"]

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
PLUGINS = ["yulin", "guangdong", "national", "zhengyin"]
EXAMPLE_PLUGIN = "tests/data/example-plugin"


# Extras the tests exercise: PDF forms need WeasyPrint, the HTTP API Starlette and uvicorn,
# the PostgreSQL half of the registry tests psycopg.
TEST_EXTRAS = "[pdf,server,postgres]"


def write_bytecode(session: nox.Session) -> None:
    """Let Python cache compiled modules, in a folder of the session's environment.

    Where PYTHONDONTWRITEBYTECODE is set (this machine sets it), every Python the tests
    start compiles what it imports from source again: the suite starts dozens (the server,
    writers of the registry, start-up tests), and importing sheyin's registry alone took
    3 s of CPU that way against 1 s from bytecode. The prefix keeps the source tree clean,
    as the variable did; pip users get bytecode anyway (pip compiles on install).
    """
    session.env["PYTHONDONTWRITEBYTECODE"] = None
    session.env["PYTHONPYCACHEPREFIX"] = str(session.env_dir / "pycache")


# The suite spread over every available core (pytest-xdist), each test going to whichever
# worker is free: the slow ones (subprocesses, the server, PDF rendering) are uneven.
PARALLEL = ("--numprocesses", "auto", "--dist", "worksteal")


def install_project(session: nox.Session, *groups: str) -> None:
    """Install sheyin itself with the extras the tests need (not editable: tests run against
    the installed package)."""
    extras = [dep for group in groups for dep in nox.project.dependency_groups(PYPROJECT, group)]
    session.install(f".{TEST_EXTRAS}", *extras)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite against the installed package."""
    write_bytecode(session)
    install_project(session, "test")
    session.run("pytest", *PARALLEL, "-m", "not example_plugin", *session.posargs)


def plugin_session(plugin: str) -> None:
    """Define ``nox -s plugin-<name>``: one built-in plugin's tests, for a developer of that region."""

    @nox.session(name=f"plugin-{plugin}")
    def run(session: nox.Session) -> None:
        write_bytecode(session)
        install_project(session, "test")
        session.run("pytest", f"tests/plugins/{plugin}", *session.posargs)


for name in PLUGINS:
    plugin_session(name)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint rules and formatting."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy, strict on core and on the built-in plugins (written against sheyin.plugin,
    as a third-party plugin is)."""
    install_project(session, "typecheck")
    session.run("mypy", "core/sheyin", *(f"plugins/{p}/sheyin_{p}" for p in PLUGINS))


@nox.session
def example_plugin(session: nox.Session) -> None:
    """Install the example third-party plugin and test that it is discovered like the built-ins."""
    write_bytecode(session)
    install_project(session, "test")
    session.install(f"./{EXAMPLE_PLUGIN}")
    session.run(
        "pytest", "-m", "example_plugin", "tests", f"{EXAMPLE_PLUGIN}/tests", *session.posargs
    )
    # A plugin written against sheyin.plugin type-checks strictly: sheyin ships py.typed.
    session.install("mypy")
    session.run("mypy", "--strict", f"{EXAMPLE_PLUGIN}/sheyin_example")


@nox.session
def wheel(session: nox.Session) -> None:
    """Build the sdist, build the wheel from it, and test what that wheel carries.

    The ``tests`` sessions already run the whole suite against ``pip install .``, which is
    the same code built by the same backend. What can differ in a wheel made from the sdist
    is only what the two builds let through: the sdist's include list, the wheel's packages
    and force-included schemas. So this session runs the tests marked ``packaging`` (see
    pyproject's markers): every file of each package and every schema installed byte for
    byte, the entry points and the ``sheyin`` command, the schemas validating real reports,
    each region's examples through the profile contract, the demos, and forms rendered from
    the packaged templates (HTML, PDF, Word). A file either build drops fails one of them by
    name, for about a sixth of the CPU of running the whole suite a fifth time.
    """
    write_bytecode(session)
    dist = ROOT / "build" / "nox-dist"
    shutil.rmtree(dist, ignore_errors=True)
    # Both build the sdist, then the wheel from the sdist, with hatchling in an isolated
    # environment (the same wheel, byte for byte); uv does it in a tenth of the CPU of
    # `python -m build`, which sets up its environments with pip (2 s against 24 s here).
    if session.venv_backend == "uv":
        session.run("uv", "build", "--out-dir", str(dist), ".")
    else:
        session.install("build")
        session.run("python", "-m", "build", "--outdir", str(dist), ".")
    [built] = dist.glob("sheyin-*.whl")
    session.install(f"{built}{TEST_EXTRAS}", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *PARALLEL, "-m", "packaging", "-p", "no:cacheprovider", *session.posargs)
    # The README's first command, as a user runs it after installing the wheel.
    session.run("sheyin", "demo", silent=True)


@nox.session
def editable(session: nox.Session) -> None:
    """``pip install -e .``, as contributors and plugin developers work: every kind of command runs.

    The schemas are read from the source tree's ``schemas/`` (a wheel carries a copy).
    """
    session.install("-e", ".")
    session.run("sheyin", "profiles")
    session.run("sheyin", "profile", "show", "yulin", "--json", silent=True)
    session.run("sheyin", "profile", "diff", "yulin", "guangdong", "--json", silent=True)
    session.run("sheyin", "vocabulary", "--profile", "guangdong", "--format", "json", silent=True)
    session.run("sheyin", "demo", silent=True)


@nox.session
def bench(session: nox.Session) -> None:
    """Speed and memory of checking large snapshots, as ratios to a baseline of the same run.

    ``nox -s bench -- --quick`` is a smoke run at a tenth of every size.
    """
    # Start-up is measured as users get it: pip compiles bytecode on install, uv does not
    # unless asked, and this machine sets PYTHONDONTWRITEBYTECODE (2x the start-up CPU).
    session.env["UV_COMPILE_BYTECODE"] = "1"
    install_project(session, "test")  # httpx: the HTTP API's client
    session.install("tomli-w")  # writes the TOML snapshot the TOML figure reads
    session.run("python", "tests/bench/bench_check.py", *session.posargs)
    session.run("python", "tests/bench/bench_render.py", *session.posargs)
    quick = [arg for arg in session.posargs if arg == "--quick"]
    session.run("python", "tests/bench/bench_server.py", *quick)
    # The registry (append, verify, import) on SQLite and a throw-away PostgreSQL cluster.
    session.run("python", "tests/bench/bench_registry.py", *quick)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Longer property-based runs: hostile snapshots through the Python API and the CLI
    (tests/inputs/test_properties.py with SHEYIN_FUZZ=1: thousands of random examples,
    where the default suite runs a bounded sample), then schemathesis over the HTTP API's
    own OpenAPI document. Posargs go to the HTTP fuzzer.
    """
    install_project(session, "test")
    session.install("schemathesis>=4")
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "tests/inputs/test_properties.py",
        env={"SHEYIN_FUZZ": "1"},
    )
    session.run("python", "tests/fuzz/fuzz_api.py", *session.posargs)

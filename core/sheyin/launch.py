"""The ``sheyin`` command's start: what a read-only command printed before, printed again.

``sheyin profiles`` builds every installed profile to tell which ones load: it imports
the plugins, their checks and the engine, several times what starting Python costs;
``sheyin --help`` imports click and the command table. What they print follows from
their inputs alone, so a run that ended normally is
remembered in the profile cache folder (:mod:`sheyin.profile.cache`), and the next run
with the same inputs prints the same text without importing click, attrs, rich or any
plugin. The inputs are, in the entry's key:

- the command line, the current folder and the nearest ``sheyin.toml`` (path and bytes);
  with the next item, everything that decides the language (``--lang``, ``SHEYIN_LANG``,
  ``lang`` in sheyin.toml: :mod:`sheyin.cli.language`), so Chinese and English never
  replay each other;
- every ``SHEYIN_*`` environment variable and those that decide how text is laid out
  (``COLUMNS``, ``TERM``, ``NO_COLOR``, ``FORCE_COLOR``...), the encoding of standard
  output and whether standard output and standard error are terminals;
- today's date (the version of a profile in force);
- the interpreter, ``sys.path`` and the distributions installed on it
  (:func:`~sheyin.profile.cache.installation_stamp`: installing, upgrading or removing
  one changes it);

and, stamped again before every replay, every file under the folders the run read:
sheyin's own package and, for ``profiles``, each loaded plugin's package and each
profile's data folder
(:func:`~sheyin.profile.cache.tree_stamp`), so an edited profile or plugin in a
development checkout is read afresh.

Only text written for something other than a terminal is remembered (a terminal's
width may change between runs), and only when the run could name every folder it read
(no plugin failed to load, no data outside the file system). A missing, unreadable or
damaged entry, or a cache folder that cannot be written, only means the command runs
in full. Like remembered entry points, an entry is trusted as the user's own folder is.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from sheyin.profile.cache import ProfileCache, installation_stamp, tree_stamp

if TYPE_CHECKING:
    from sheyin.app import Sheyin

FORMAT = 1  # raise when what an entry holds, or what its key covers, changes
# The commands whose output is remembered: the list of profiles, and the top-level help.
REMEMBERED = frozenset({"profiles", "--help", "-h"})
CONFIG_NAME = "sheyin.toml"  # sheyin.config.CONFIG_NAME, without importing it

# Variables that change how click and rich lay text out or whether they colour it.
LAYOUT_VARIABLES = (
    "COLORTERM",
    "COLUMNS",
    "FORCE_COLOR",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LINES",
    "NO_COLOR",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names after the group's own ``--lang`` option, if any."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--lang":
            index += 2
        elif arg.startswith("--lang="):
            index += 1
        else:
            return arg
    return None


def find_config(start: str) -> str | None:
    """The nearest sheyin.toml in ``start`` or a parent, as :func:`sheyin.config.find_config`."""
    folder = start
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


class Remembered:
    """The remembered output of one command line in one situation (module documentation)."""

    def __init__(self, cache: ProfileCache, argv: Sequence[str], key: str) -> None:
        self.cache = cache
        self.label = f"output {json.dumps(list(argv), ensure_ascii=False)}"
        self.key = key

    @classmethod
    def of(
        cls,
        argv: Sequence[str],
        environ: Mapping[str, str] = os.environ,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> Remembered | None:
        """The entry for ``argv`` as the process now stands, or None when its output is not
        remembered (another command, no cache folder, a situation that cannot be keyed)."""
        if command_word(argv) not in REMEMBERED:
            return None
        cache = ProfileCache.from_environment(environ)
        if cache is None:
            return None
        out = sys.stdout if stdout is None else stdout
        err = sys.stderr if stderr is None else stderr
        try:
            cwd = os.getcwd()
            config = find_config(cwd)
            config_bytes = None
            if config is not None:
                with open(config, "rb") as handle:
                    config_bytes = handle.read().decode("utf-8", "surrogateescape")
            situation = [
                FORMAT,
                list(argv),
                cwd,
                config,
                config_bytes,
                sorted((k, v) for k, v in environ.items() if k.startswith("SHEYIN_")),
                [[name, environ.get(name)] for name in LAYOUT_VARIABLES],
                [out.encoding, out.errors, out.isatty(), err.encoding, err.errors, err.isatty()],
                date.today().isoformat(),
                [sys.executable, sys.version, sys.path],
                installation_stamp(sys.path),
            ]
            text = json.dumps(situation, ensure_ascii=False)
        except (OSError, ValueError, AttributeError, TypeError):
            return None
        return cls(cache, argv, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())

    def replay(self, stdout: TextIO | None = None, stderr: TextIO | None = None) -> bool:
        """Print the remembered output and return True; False (nothing printed) when there
        is none for this key or a file it was read from changed."""
        entry = self.cache.get(self.label, self.key)
        if entry is None:
            return False
        roots, stamp, out, err = (entry.get(k) for k in ("roots", "stamp", "stdout", "stderr"))
        if not (
            isinstance(roots, list)
            and all(isinstance(r, str) for r in roots)
            and isinstance(stamp, str)
            and isinstance(out, str)
            and isinstance(err, str)
        ):
            return False
        if _digest(tree_stamp(roots)) != stamp:
            return False
        for text, stream in ((out, stdout or sys.stdout), (err, stderr or sys.stderr)):
            if text:
                stream.write(text)
                stream.flush()
        return True

    def remember(self, roots: list[str] | None, stdout: str, stderr: str) -> None:
        """Keep what a run printed, read from the files under ``roots`` (None: from files
        that cannot all be named, and then nothing is kept)."""
        if roots is None:
            return
        self.cache.put(
            self.label,
            self.key,
            {
                "roots": roots,
                "stamp": _digest(tree_stamp(roots)),
                "stdout": stdout,
                "stderr": stderr,
            },
        )


def own_folder() -> str:
    """The folder of sheyin's own package."""
    return os.path.dirname(os.path.abspath(__file__))


def read_folders(app: Sheyin) -> list[str] | None:
    """The folders (or single modules) the plugins and profiles of ``app`` were read from:
    sheyin's package and its schemas, each loaded plugin's top-level package, each profile
    data folder.
    None when one cannot be named: a plugin that failed to load, a namespace package, data
    that is not on the file system."""
    from sheyin.schemas import schema_folder

    schemas: Any = schema_folder()  # outside the package in a source checkout
    if not isinstance(schemas, os.PathLike):
        return None
    roots = [own_folder(), os.path.abspath(os.fspath(schemas))]
    plugins = app.plugins
    for info in plugins.infos:
        if info.disabled:
            continue
        if info.error is not None:
            return None
        top = info.module.partition(":")[0].partition(".")[0]
        file = getattr(sys.modules.get(top), "__file__", None)
        if not file:
            return None
        file = os.path.abspath(file)
        roots.append(os.path.dirname(file) if os.path.basename(file) == "__init__.py" else file)
    for found in plugins.profile_sources():
        data: Any = found.source.data
        if not isinstance(data, os.PathLike):
            return None
        roots.append(os.path.abspath(os.fspath(data)))
    return sorted(set(roots))


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def main() -> None:
    """Console-script entry point: a remembered output when there is one, else the command."""
    remembered = Remembered.of(sys.argv[1:])
    if remembered is not None:
        try:
            replayed = remembered.replay()
        except OSError as exc:  # writing failed: say so as the command itself would
            from sheyin.cli import output_failed

            output_failed(exc, sys.argv[1:])
        if replayed:
            sys.exit(0)
    from sheyin.engine.collection import imports_kept

    with imports_kept():
        from sheyin.cli import main as run

    run(remembered)

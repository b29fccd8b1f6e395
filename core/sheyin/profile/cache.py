"""Validated profile data kept between runs, so that start-up does not re-validate it.

Reading a profile parses its TOML files and checks each against its JSON Schema: most
of what a short command such as ``sheyin profiles`` used to spend. A data file that
has not changed since it was last found valid need not be checked again, so the
validated documents are kept in a cache folder, one file per profile source and
installation, under a key that changes whenever anything that decides validity may
have changed:

- the bytes of every data file of the source, with its name;
- the bytes of every schema those files follow;
- sheyin's own code (:func:`source_stamp`: path, size and modification time of each of
  its source files, which an upgrade or an edit in a development checkout changes) and
  :data:`FORMAT` (raised when what an entry holds changes).

Only valid data is stored: a file with a problem is read and reported afresh every
time, with the same message as without a cache. Entries are JSON, plain data that
reading cannot turn into code (pickle can, and marshal is documented as unsafe against
crafted input), in the user's own cache folder (created private to the user). The
cache is only ever a shortcut: an entry that cannot be read, does not parse, has the
wrong shape or another key is ignored, and a folder that cannot be written is left
alone; either way the data is validated as if there were no cache.

The folder is ``SHEYIN_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/sheyin``, else
``~/.cache/sheyin`` (``%LOCALAPPDATA%\\sheyin\\cache`` on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

ENV_CACHE_DIR = "SHEYIN_CACHE_DIR"
FORMAT = 1  # raise when what a cached document holds, or how it was validated, changes


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where sheyin keeps its cache, from the environment; None when no home is known."""
    if environ.get(ENV_CACHE_DIR):
        return Path(environ[ENV_CACHE_DIR])
    if sys.platform == "win32" and environ.get("LOCALAPPDATA"):
        return Path(environ["LOCALAPPDATA"]) / "sheyin" / "cache"
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "sheyin"
    try:
        return Path.home() / ".cache" / "sheyin"
    except RuntimeError:  # no home directory can be determined
        return None


class ProfileCache:
    """Validated profile documents by source, in one folder (see the module's documentation).

    Nothing is read or written until a profile is; one instance belongs to one
    application object. Each installation (``installation``: by default the interpreter's
    environment and sheyin's own folder) keeps its own entries, so that several virtual
    environments sharing the user's cache folder (one per Python in ``nox``, say) do not
    overwrite each other's entries and validate everything again at every other start.
    """

    def __init__(
        self, folder: Path, stamp: str | None = None, installation: str | None = None
    ) -> None:
        self.folder = folder
        self._stamp = stamp
        self.installation = installation if installation is not None else _installation()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> ProfileCache | None:
        """The cache in the user's cache folder (:func:`cache_folder`), or None without one."""
        folder = cache_folder(environ)
        return None if folder is None else cls(folder)

    @property
    def stamp(self) -> str:
        """A digest of sheyin's own source files (:func:`source_stamp`), part of every key."""
        if self._stamp is None:
            stamp = json.dumps(source_stamp(["sheyin"]), ensure_ascii=False)
            self._stamp = hashlib.sha256(stamp.encode("utf-8")).hexdigest()
        return self._stamp

    def key(self, files: Mapping[str, bytes], schemas: Mapping[str, bytes]) -> str:
        """The key of a source's documents: its files' and schemas' bytes, and sheyin's code."""
        digest = hashlib.sha256()
        _add(digest, f"sheyin {self.stamp} cache {FORMAT}".encode())
        for group in (files, schemas):
            _add(digest, str(len(group)).encode())
            for name in sorted(group):
                _add(digest, name.encode())
                _add(digest, group[name])
        return digest.hexdigest()

    def _path(self, label: str) -> Path:
        # One entry per label and installation: an upgrade or an edit replaces its own.
        named = f"{self.installation}\0{label}".encode("utf-8", "surrogatepass")
        return self.folder / "profiles" / f"{hashlib.sha256(named).hexdigest()[:32]}.json"

    def get(self, label: str, key: str) -> dict[str, Any] | None:
        """The documents stored for ``label`` under ``key``, or None (never an error)."""
        try:
            entry = json.loads(self._path(label).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not (
            isinstance(entry, dict)
            and entry.get("key") == key
            and entry.get("label") == label
            and isinstance(entry.get("documents"), dict)
        ):
            return None
        return entry["documents"]  # type: ignore[no-any-return]

    def put(self, label: str, key: str, documents: Mapping[str, Any]) -> None:
        """Store validated ``documents`` for ``label`` under ``key``; failing to is no error."""
        import tempfile  # only a run that validated something writes

        path = self._path(label)
        entry = {"key": key, "label": label, "documents": documents}
        try:
            text = json.dumps(entry, ensure_ascii=False, allow_nan=True)
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except (OSError, ValueError, TypeError, RecursionError):
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)  # readers see the old entry or the new one, whole
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def remembers_build(self, name: str, digest: str) -> bool:
        """True when profile ``name`` was built without error from inputs with this digest
        (:mod:`sheyin.profile.fingerprint`)."""
        return self.get(f"build {name}", digest) is not None

    def built_requirements(self, name: str, digest: str) -> tuple[str, ...] | None:
        """The ids of the requirements of profile ``name`` as built from inputs with this
        digest, when a build remembered them; else None."""
        found = self.get(f"build {name}", digest)
        ids = None if found is None else found.get("requirements")
        if not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
            return None
        return tuple(ids)

    def remember_build(self, name: str, digest: str, requirements: Iterable[str] = ()) -> None:
        """Remember that profile ``name`` was built without error from these inputs, with
        the ids of its ``requirements``."""
        self.put(f"build {name}", digest, {"requirements": list(requirements)})


def _installation() -> str:
    """This installation: the environment's prefix and the folder sheyin is imported from."""
    return f"{sys.prefix}\0{Path(__file__).resolve().parent.parent}"


def _add(digest: Any, part: bytes) -> None:
    """Add one length-prefixed part, so that no two different inputs hash alike."""
    digest.update(len(part).to_bytes(8, "big"))
    digest.update(part)


def source_stamp(packages: Iterable[str]) -> list[Any]:
    """Path, size and modification time of every Python source file of the imported
    top-level ``packages`` (a plain module counts as its one file), in a stable order."""
    found: list[Any] = []
    for name in sorted(set(packages)):
        module = sys.modules.get(name)
        path = getattr(module, "__file__", None)
        if not path:
            found.append([name, None])
            continue
        if os.path.basename(path) == "__init__.py":
            files = sorted(_sources(os.path.dirname(path)))
        else:
            files = [path]
        for file in files:
            try:
                stat = os.stat(file)
            except OSError:
                found.append([file, None])
                continue
            found.append([file, stat.st_size, stat.st_mtime_ns])
    return found


def _sources(folder: str) -> Iterator[str]:
    """Every ``.py`` file under ``folder``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            yield from _sources(entry.path)
        elif entry.name.endswith(".py"):
            yield entry.path


def installation_stamp(path: Iterable[str]) -> list[Any]:
    """Where distributions live on ``path``, as a comparable value: for each folder, the name
    of each ``*.dist-info`` or ``*.egg-info`` in it (which carries the version) with the size
    and modification time of its ``entry_points.txt``; a zip file counts by its own size and
    time (:mod:`sheyin.plugin.discovery`)."""
    stamp: list[Any] = []
    for entry in path:
        folder = entry or "."
        try:
            status = os.stat(folder)
        except OSError:
            stamp.append([entry, None])
            continue
        if not os.path.isdir(folder):  # a zip file or an egg: its own size and time
            stamp.append([entry, status.st_size, status.st_mtime_ns])
            continue
        stamp.append([entry, os.path.abspath(folder)])
        try:
            names = sorted(
                e.name for e in os.scandir(folder) if e.name.endswith((".dist-info", ".egg-info"))
            )
        except OSError:
            stamp.append([folder, "unreadable"])
            continue
        for name in names:
            try:
                found = os.stat(os.path.join(folder, name, "entry_points.txt"))
            except OSError:
                stamp.append([name])
                continue
            stamp.append([name, found.st_size, found.st_mtime_ns])
    return stamp


def tree_stamp(roots: Iterable[str]) -> list[Any]:
    """Path, size and modification time of every file under each of ``roots`` (a folder, or
    one file), ``__pycache__`` folders left out, in a stable order: a file added, removed or
    rewritten under a root changes it."""
    found: list[Any] = []
    for root in sorted(set(roots)):
        try:
            status = os.stat(root)
        except OSError:
            found.append([root, None])
            continue
        if not os.path.isdir(root):
            found.append([root, status.st_size, status.st_mtime_ns])
            continue
        found.append([root])
        found.extend(_files(root))
    return found


def _files(folder: str) -> Iterator[list[Any]]:
    """[path, size, modification time] of every file under ``folder``, sorted by path."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield [folder, "unreadable"]
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):  # a linked folder counts as one entry
                if entry.name != "__pycache__":
                    yield from _files(entry.path)
                continue
            status = entry.stat()
        except OSError:
            yield [entry.path, None]
            continue
        yield [entry.path, status.st_size, status.st_mtime_ns]

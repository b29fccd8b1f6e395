"""Where a setting came from, so that every message about it can say so.

A setting (the profile, the language, the registry URL, the actor, ...) may come
from a command-line option or argument, an environment variable, the workspace
file ``sheyin.toml``, a snapshot's own key, or a caller of the Python API. Each
value travels as a :class:`Setting` carrying its :class:`Origin`; an error about
the value is built with :meth:`Origin.problem`, which names that place in the
user's language (``--profile``, ``环境变量 SHEYIN_PROFILE``, ``/w/sheyin.toml:/profile``).

Commands choose between candidates with :func:`first` (precedence is the order
of the arguments) and report a disagreement with :func:`overruled`::

    chosen = first(option, snapshot_key, config.setting("profile", env="SHEYIN_PROFILE"))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Literal, TypeVar

from attrs import frozen

from sheyin.echo import quote
from sheyin.errors import Problem
from sheyin.i18n import Lang, Text

OriginKind = Literal["option", "argument", "env", "workspace", "snapshot", "api", "request"]
T = TypeVar("T")


@frozen
class Origin:
    """One place a value can come from.

    ``name`` is the option (``--profile``), argument (``PROFILE``), environment
    variable (``SHEYIN_PROFILE``), or file (path of ``sheyin.toml`` or of a
    snapshot); ``pointer`` is the key path inside a file (``/profile``).
    """

    kind: OriginKind
    name: str
    pointer: str = ""

    @classmethod
    def option(cls, name: str) -> Origin:
        """A command-line option such as ``--profile``."""
        return cls("option", name)

    @classmethod
    def argument(cls, name: str) -> Origin:
        """A positional command-line argument such as ``PROFILE``."""
        return cls("argument", name)

    @classmethod
    def env(cls, name: str) -> Origin:
        """An environment variable such as ``SHEYIN_PROFILE``."""
        return cls("env", name)

    @classmethod
    def workspace(cls, path: str, pointer: str) -> Origin:
        """A key of the workspace file ``sheyin.toml``."""
        return cls("workspace", path, pointer)

    @classmethod
    def snapshot(cls, file: str, pointer: str) -> Origin:
        """A key of a snapshot (``file`` is its name, ``<snapshot>`` for a dict)."""
        return cls("snapshot", file, pointer)

    @classmethod
    def request(cls, part: str, pointer: str) -> Origin:
        """A part of an HTTP request (``query``, ``path``, ``body``, ``header``) and the key there."""
        return cls("request", part, pointer)

    @classmethod
    def api(cls, name: str) -> Origin:
        """An argument of a Python API call, such as ``profile``."""
        return cls("api", name)

    def where(self) -> Text:
        """The place in words: ``选项 --profile`` / ``option --profile``, ``s.toml:/profile``."""
        name = quote(self.name, limit=200, quotes=False)
        if self.kind == "option":
            return Text(f"选项 {name}", f"option {name}")
        if self.kind == "argument":
            return Text(f"参数 {name}", f"argument {name}")
        if self.kind == "env":
            return Text(f"环境变量 {name}", f"environment variable {name}")
        if self.kind == "api":
            return Text(f"参数 {name}", f"argument {name}")
        place = f"{name}:{self.pointer}" if self.pointer else name
        return Text(place, place)

    def problem(self, text: Text) -> Problem:
        """A problem with the value found here: files keep their key path, others are named in words."""
        if self.kind in ("workspace", "snapshot", "request"):
            return Problem(self.name, self.pointer, text)
        return Problem(self.where(), "", text)


@frozen
class Setting(Generic[T]):
    """A value and the place it came from."""

    value: T
    origin: Origin

    def describe(self, lang: Lang) -> str:
        """``“yulin”（来自 环境变量 SHEYIN_PROFILE）`` / ``'yulin' (from environment variable ...)``."""
        where = self.origin.where().render(lang)
        shown = quote(self.value)
        return f"{shown}（来自 {where}）" if lang == "zh" else f"{shown} (from {where})"


def first(*candidates: Setting[T] | None) -> Setting[T] | None:
    """The first candidate given: pass them in order of precedence."""
    return next((c for c in candidates if c is not None), None)


def overruled(
    chosen: Setting[T] | None, candidates: Iterable[Setting[T] | None]
) -> tuple[Setting[T], ...]:
    """The candidates with a different value than ``chosen`` (what a note should mention)."""
    if chosen is None:
        return ()
    return tuple(c for c in candidates if c is not None and c.value != chosen.value)


def choice_note(
    chosen: Setting[T], others: Iterable[Setting[T]], what: Text, precedence: Text | None = None
) -> Text:
    """A note that ``chosen`` won over ``others`` (which disagree with it), in both languages."""
    rest = tuple(others)
    why = precedence or Text("", "")
    return Text(
        f"{what.zh}：使用 {chosen.describe('zh')}；未采用 "
        + "、".join(o.describe("zh") for o in rest)
        + (f"（{why.zh}）" if why.zh else ""),
        f"{what.en}: using {chosen.describe('en')}; not used: "
        + ", ".join(o.describe("en") for o in rest)
        + (f" ({why.en})" if why.en else ""),
    )

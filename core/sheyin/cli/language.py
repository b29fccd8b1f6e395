"""The language of what the ``sheyin`` command prints, decided from the command line alone.

A usage error or a help page may come before the group's callback has read the
workspace (``sheyin --bogus``, ``sheyin --help``, ``sheyin --lang`` with no value), so
the language is decided here from the same inputs the callback uses, in the same
order (:func:`sheyin.config.config_lang`): ``--lang`` on the command line, else
``SHEYIN_LANG``, else ``lang`` in the nearest ``sheyin.toml``, else Chinese. A value
that names no language is skipped (the command itself reports it).

This module is read on every start, ``sheyin --help`` included: it imports nothing
heavy, and reads ``sheyin.toml`` only when neither ``--lang`` nor ``SHEYIN_LANG`` decides.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import click

from sheyin.i18n import DEFAULT_LANG, Lang, parse_lang
from sheyin.launch import find_config

ARGS_KEY = "sheyin.args"  # ctx.meta: the group's raw command line
LANG_KEY = "sheyin.lang"  # ctx.meta: the language decided from it


def lang_option(args: Sequence[str]) -> str | None:
    """The value of the group's ``--lang`` in ``args`` (before the command word), if given."""
    found = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--lang":
            if index + 1 < len(args):
                found = args[index + 1]
            index += 2
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
            index += 1
        elif arg.startswith("-"):  # another group option (--help, --version, a typo)
            index += 1
        else:  # the command word: what follows belongs to the command
            break
    return found


def workspace_lang(start: str) -> Lang | None:
    """``lang`` in the nearest sheyin.toml, when it names a language (else None)."""
    path = find_config(start)
    if path is None:
        return None
    from sheyin._toml import TOMLDecodeError, loads

    try:
        with open(path, "rb") as handle:
            data = loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, TOMLDecodeError):
        return None  # the command reports a broken workspace file itself
    return parse_lang(data.get("lang"))


def command_line_lang(
    args: Sequence[str], environ: Mapping[str, str] = os.environ, start: str | None = None
) -> Lang:
    """The language for ``args``: ``--lang``, else ``SHEYIN_LANG``, else sheyin.toml, else zh."""
    chosen = parse_lang(lang_option(args)) or parse_lang(environ.get("SHEYIN_LANG"))
    if chosen is not None:
        return chosen
    try:
        folder = os.getcwd() if start is None else start
    except OSError:  # the current folder was removed
        return DEFAULT_LANG
    return workspace_lang(folder) or DEFAULT_LANG


def lang_of(ctx: click.Context | None) -> Lang:
    """The language of the command ``ctx`` belongs to: the session's once the group has
    read the workspace, else the one its command line decides (remembered in ``ctx.meta``)."""
    if ctx is None:
        return command_line_lang(())
    session_lang = getattr(ctx.find_root().obj, "lang", None)
    if session_lang in ("zh", "en"):
        return "en" if session_lang == "en" else "zh"
    meta = ctx.meta
    decided = meta.get(LANG_KEY)
    if decided not in ("zh", "en"):
        decided = command_line_lang(meta.get(ARGS_KEY, ()))
        meta[LANG_KEY] = decided
    return "en" if decided == "en" else "zh"

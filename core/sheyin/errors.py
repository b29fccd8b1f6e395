"""Errors that reach users: every one names the file, the key path and what was expected."""

from __future__ import annotations

from attrs import frozen

from sheyin.i18n import Lang, Text


@frozen
class Problem:
    """One thing wrong with an input: where it is and what was expected there."""

    file: str
    pointer: str  # JSON pointer into the document, "" for the whole document
    text: Text

    def render(self, lang: Lang) -> str:
        """Return ``file:/key/path: message`` in ``lang``."""
        where = f"{self.file}:{self.pointer}" if self.pointer else self.file
        return f"{where}: {self.text.render(lang)}"


class SheyinError(Exception):
    """Base of every error sheyin raises on purpose; the CLI turns it into exit status 2."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(problems[0].render("en") if problems else "error")
        self.problems = problems

    def render(self, lang: Lang) -> str:
        """Return every problem, one per line, in ``lang``."""
        return "\n".join(problem.render(lang) for problem in self.problems)


class InputError(SheyinError):
    """A snapshot, configuration or other user document is malformed."""


class ProfileError(SheyinError):
    """A profile cannot be found or its data files are invalid."""


class PluginError(SheyinError):
    """A plugin failed to import or registered something invalid."""


def problem(file: str, pointer: str, zh: str, en: str) -> Problem:
    """Shorthand for a :class:`Problem` with a ready-made message."""
    return Problem(file=file, pointer=pointer, text=Text(zh=zh, en=en))


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from key and index parts."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "".join("/" + part for part in escaped)

"""Errors that reach users: every one names the file, the key path and what was expected."""

from __future__ import annotations

import errno

from attrs import frozen

from sheyin.i18n import Lang, Text


@frozen
class Problem:
    """One thing wrong with an input: where it is and what was expected there."""

    file: str | Text  # a file name, or words for an option or variable (see sheyin.origin)
    pointer: str  # JSON pointer into the document, "" for the whole document
    text: Text

    def where(self, lang: Lang) -> str:
        """``file:/key/path`` (or the option or variable named in ``lang``)."""
        file = self.file.render(lang) if isinstance(self.file, Text) else self.file
        return f"{file}:{self.pointer}" if self.pointer else file

    def render(self, lang: Lang) -> str:
        """Return ``file:/key/path: message`` in ``lang``."""
        return f"{self.where(lang)}: {self.text.render(lang)}"


class SheyinError(Exception):
    """Base of every error sheyin raises on purpose; the CLI turns it into exit status 2."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(problems[0].render("en") if problems else "error")
        self.problems = problems

    def render(self, lang: Lang) -> str:
        """Return every problem, one per line, in ``lang`` (a line repeated is shown once)."""
        return "\n".join(dict.fromkeys(problem.render(lang) for problem in self.problems))


class InputError(SheyinError):
    """A snapshot, configuration or other user document is malformed."""


class ProfileError(SheyinError):
    """A profile cannot be found or its data files are invalid."""


class PluginError(SheyinError):
    """A plugin failed to import or registered something invalid."""


class JobsError(SheyinError):
    """A process checking part of a snapshot (``sheyin check --jobs``) ended abnormally."""


def problem(file: str, pointer: str, zh: str, en: str) -> Problem:
    """Shorthand for a :class:`Problem` with a ready-made message."""
    return Problem(file=file, pointer=pointer, text=Text(zh=zh, en=en))


def pointer(*parts: str | int) -> str:
    """Build a JSON pointer (RFC 6901) from key and index parts."""
    if not parts:
        return ""
    text = "/" + "/".join(map(str, parts))
    if "~" in text or text.count("/") != len(parts):  # some part needs escaping
        text = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return text


_OS_REASONS = {
    errno.ENOSPC: ("磁盘空间不足", "no space left on the device"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("不允许此操作", "operation not permitted"),
    errno.EROFS: ("文件系统只读", "read-only file system"),
    errno.ENOENT: ("路径不存在", "no such file or directory"),
    errno.EISDIR: ("这是目录", "is a directory"),
    errno.ENOTDIR: ("路径中有一段不是目录", "a part of the path is not a directory"),
    errno.EIO: ("输入输出错误", "input/output error"),
    errno.EFBIG: ("文件过大", "file too large"),
    errno.EPIPE: ("管道已关闭", "the pipe was closed"),
}


def os_reason(exc: OSError) -> Text:
    """Why an operating-system call failed, in both languages (errno first, else its own words)."""
    known = _OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return Text(*known)
    reason = (exc.strerror or type(exc).__name__)[:200]
    return Text(reason, reason)

"""Bearer tokens bound to actors: the token file and the constant-time lookup."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from pathlib import Path

from attrs import frozen

from sheyin.errors import InputError, problem


@frozen
class Token:
    """One line of the token file: a secret and the real name of the person who uses it."""

    secret: bytes
    actor: str


@frozen
class Tokens:
    """The tokens a server accepts; empty when it was started without a token file."""

    entries: tuple[Token, ...] = ()

    def actor(self, authorization: str | None) -> str | None:
        """The actor of an ``Authorization: Bearer <token>`` header, or None.

        Every entry is compared with :func:`hmac.compare_digest`, and the loop never stops
        early, so the time taken says nothing about which token came close.
        """
        if not authorization:
            return None
        scheme, _, given = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return None
        offered = given.strip().encode("utf-8")
        found: str | None = None
        for entry in self.entries:
            if hmac.compare_digest(entry.secret, offered) and found is None:
                found = entry.actor
        return found


def parse_tokens(text: str, file: str) -> Tokens:
    """Read ``token actor`` lines; blank lines and ``#`` comments are skipped.

    The actor is the rest of the line after the first run of white space, so a name may
    contain spaces. A line without an actor, or a token given twice, is an input error.
    """
    entries: list[Token] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split(maxsplit=1)
        where = f"/{number}"
        if len(parts) != 2:
            raise InputError(
                (
                    problem(
                        file,
                        where,
                        f"第 {number} 行应为“令牌 操作人”，缺少操作人",
                        f"line {number} should be 'token actor'; the actor is missing",
                    ),
                )
            )
        secret, actor = parts
        if secret in seen:
            raise InputError(
                (
                    problem(
                        file,
                        where,
                        f"第 {number} 行的令牌与第 {seen[secret]} 行重复",
                        f"the token on line {number} repeats the one on line {seen[secret]}",
                    ),
                )
            )
        seen[secret] = number
        entries.append(Token(secret=secret.encode("utf-8"), actor=actor.strip()))
    return Tokens(tuple(entries))


def read_tokens(path: Path) -> Tokens:
    """Read a token file; a missing or unreadable file is an input error naming it."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(
            (problem(str(path), "", "令牌文件不存在", "token file not found"),)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            (
                problem(
                    str(path), "", f"无法读取令牌文件：{exc}", f"cannot read the token file: {exc}"
                ),
            )
        ) from None
    return parse_tokens(text, str(path))


def actors(tokens: Tokens) -> Mapping[str, int]:
    """How many tokens each actor holds (for the start-up line; never the tokens themselves)."""
    counts: dict[str, int] = {}
    for entry in tokens.entries:
        counts[entry.actor] = counts.get(entry.actor, 0) + 1
    return counts

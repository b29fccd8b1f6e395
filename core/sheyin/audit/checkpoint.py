"""Checkpoints: the head of the log as a few printable lines a department can file.

::

    sheyin audit checkpoint
    size 1234
    root sha256:5dc9da79…
    time 2026-12-01T15:30:00Z
    profile yulin 1.0 sha256:…

``root`` is the RFC 9162 Merkle tree head over the entry hashes.
"""

from __future__ import annotations

from attrs import frozen

from sheyin.errors import InputError, problem

HEADER = "sheyin audit checkpoint"


@frozen
class Checkpoint:
    """Size and Merkle root of the log at a moment, with the profile it was kept under."""

    size: int
    root: bytes
    time: str
    profile: str = ""

    def render(self) -> str:
        """The printable text form (ends with a newline)."""
        lines = [HEADER, f"size {self.size}", f"root sha256:{self.root.hex()}", f"time {self.time}"]
        if self.profile:
            lines.append(f"profile {self.profile}")
        return "\n".join(lines) + "\n"


def parse_checkpoint(text: str, source: str = "<checkpoint>") -> Checkpoint:
    """Read a checkpoint written by :meth:`Checkpoint.render`; malformed text is an InputError."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    fields: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition(" ")
        fields[key] = value.strip()
    try:
        if not lines or lines[0] != HEADER:
            raise ValueError
        size = int(fields["size"])
        digest = fields["root"].removeprefix("sha256:")
        root_bytes = bytes.fromhex(digest)
        if size < 0 or len(root_bytes) != 32:
            raise ValueError
    except (KeyError, ValueError):
        raise InputError(
            (
                problem(
                    source,
                    "",
                    f"不是 sheyin 审计检查点（应以“{HEADER}”开头，含 size 与 root sha256:…）",
                    f"not a sheyin audit checkpoint (expected '{HEADER}' with size and root sha256:…)",
                ),
            )
        ) from None
    return Checkpoint(size, root_bytes, fields.get("time", ""), fields.get("profile", ""))

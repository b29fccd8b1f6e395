"""Parameter fields that name vocabulary terms, resolved to canonical ids when a profile loads."""

from __future__ import annotations

from typing import Any

import attrs

from sheyin.vocabulary import Domain


def kinds_field() -> tuple[str, ...]:
    """The ``outlet_kinds`` parameter: outlet kinds a check applies to (empty: every outlet).

    Use it as a class attribute of a check kind's parameters::

        outlet_kinds: tuple[str, ...] = kinds_field()
    """
    kinds: tuple[str, ...] = attrs.field(default=(), metadata={"domain": "outlet_kinds"})
    return kinds


def terms_field(domain: Domain, *, default: Any = attrs.NOTHING) -> Any:
    """A parameter holding one term or a tuple of terms of ``domain`` (``"受理区"`` → ``"acceptance"``).

    The profile loader resolves every name to its canonical id and refuses an unknown
    one at start-up, naming the requirement and the closest known name::

        posts: tuple[str, ...] = terms_field("posts", default=())
        event: str = terms_field("event_types")
    """
    return attrs.field(default=default, metadata={"domain": domain})

"""The registry: the system of record, an append-only audit log on SQLite or PostgreSQL.

State is derived from the log; ``import_``, ``record`` and ``erase_personal`` append to it;
``state``, ``export`` and ``check`` read it; ``verify`` and ``checkpoint`` prove it intact.
"""

from sheyin.registry.core import ImportResult, Judgement, Registry
from sheyin.registry.database import DEFAULT_URL, resolve_url

__all__ = ["DEFAULT_URL", "ImportResult", "Judgement", "Registry", "resolve_url"]

"""Canonical services (data/services.toml): what regional catalogue items map to."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from attrs import frozen

from sheyin import _toml
from sheyin.i18n import Lang
from sheyin.packagefiles import package_files


@frozen
class Service:
    """One canonical service, e.g. 城乡居民养老保险参保登记."""

    id: str
    zh: str
    en: str
    category: str

    def label(self, lang: Lang) -> str:
        """The name in ``lang``."""
        return self.zh if lang == "zh" else self.en


def load_services() -> Mapping[str, Service]:
    """Every canonical service by id (reads the packaged data file)."""
    text = (package_files("sheyin") / "data" / "services.toml").read_text("utf-8")
    return MappingProxyType(
        {
            service_id: Service(
                id=service_id, zh=entry["zh"], en=entry["en"], category=entry["category"]
            )
            for service_id, entry in _toml.loads(text).items()
        }
    )

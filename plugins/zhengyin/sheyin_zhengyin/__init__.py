"""Profile ``zhengyin``: 《“政银合作”服务网点建设与服务规范》 (DB XX/T), data only.

Everything the standard requires is written with core's declarative check kinds, so the plugin
implements one hook and imports only the public plugin API.
"""

from __future__ import annotations

from sheyin.plugin import ProfileSource, hookimpl


@hookimpl
def sheyin_profiles() -> list[ProfileSource]:
    """The zhengyin profile's data folder."""
    return [ProfileSource.from_package("zhengyin", __name__)]

"""The dimensions requirements are grouped by: the national standard's “七统一” plus general provisions.

《合作机构经办社会保险业务规范》 (drafting explanation 五（四）) unifies seven things:
基本要求、合作程序、经办规范、管理培训、安全要求、监督评价、退出机制. Every profile's
requirements may name one, so profiles can be compared dimension by dimension.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sheyin.i18n import Text

DIMENSIONS: Mapping[str, Text] = MappingProxyType(
    {
        "basic": Text("基本要求", "Basic requirements"),
        "procedure": Text("合作程序", "Cooperation procedure"),
        "handling": Text("经办规范", "Handling rules"),
        "training": Text("管理培训", "Management and training"),
        "security": Text("安全要求", "Security"),
        "supervision": Text("监督评价", "Supervision and evaluation"),
        "exit": Text("退出机制", "Exit"),
        "general": Text("总则与其他", "General and other provisions"),
    }
)

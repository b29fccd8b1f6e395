"""Check kinds describe what a requirement demands as comparable facts.

``profile show``, ``profile diff`` and ``profile compare`` read these facts; none of them
knows any kind by name. A kind's ``describe`` gets a :class:`DescribeContext`, the
requirement and its parsed parameters, and yields :class:`Fact` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from attrs import frozen

from sheyin.i18n import Text, join
from sheyin.profile.model import Profile, Requirement
from sheyin.vocabulary import Domain

# The aspects core knows, in the order reports list them. A plugin may use another
# aspect by giving its ``aspect_label``; such aspects come after these.
ASPECTS: Mapping[str, Text] = MappingProxyType(
    {
        "outlet_kinds": Text("网点类型", "Outlet kinds"),
        "zones": Text("功能区", "Zones"),
        "equipment": Text("设备", "Equipment"),
        "facilities": Text("设施物品", "Facilities"),
        "records": Text("网点与机构信息", "Records"),
        "staffing": Text("人员配备", "Staffing"),
        "posts": Text("岗位", "Posts"),
        "permissions": Text("权限管理", "Permission policy"),
        "identity": Text("身份与代码", "Identity"),
        "lifecycle": Text("生命周期步骤", "Lifecycle steps"),
        "events": Text("应有的记录", "Required records"),
        "thresholds": Text("期限与阈值", "Periods and thresholds"),
        "exit": Text("退出规则", "Exit rules"),
        "forms": Text("表单", "Forms"),
        "catalogue": Text("服务事项目录", "Service catalogue"),
        "other": Text("其他规则", "Other rules"),
    }
)

# Events that end or wind down a partnership or outlet: a check that names one of them
# is an exit rule as well as whatever else it states.
EXIT_EVENTS: tuple[str, ...] = (
    "notice",
    "exit_request",
    "exit_approved",
    "forced_exit",
    "termination",
    "plaque_removed",
    "announcement",
    "materials_handover",
    "permission_revoke",
)

SEVERITY_WORDS: Mapping[str, Text] = MappingProxyType(
    {
        "error": Text("必须", "required"),
        "warning": Text("宜", "recommended"),
        "info": Text("可", "optional"),
    }
)


@frozen
class Fact:
    """One comparable statement of what a profile requires.

    Two profiles state the same thing under one ``aspect`` and ``key`` when their
    tokens hold the same atoms. A ``token`` is language-neutral (ids, numbers) and may
    hold several ``;``-separated atoms; ``value`` is what a person reads; ``cites`` are
    the clauses behind it (the requirement's clause when left empty). Facts of one
    profile with the same aspect and key are merged: atoms and cites are united, and
    values that share a ``qualifier`` are listed after it once ("必须：甲、乙；宜：丙").
    """

    aspect: str
    key: str
    key_label: Text
    value: Text
    token: str
    cites: tuple[str, ...] = ()
    qualifier: Text | None = None
    aspect_label: Text | None = None

    @property
    def atoms(self) -> frozenset[str]:
        """The token's atoms: what is compared between profiles."""
        return frozenset(a for a in self.token.split(";") if a)


class DescribeContext:
    """What a kind's ``describe`` sees: the profile, with helpers to name its terms."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    def label(self, domain: Domain, term_id: str) -> Text:
        """The name of one term in both languages (the id for an unknown one)."""
        vocabulary = self.profile.vocabulary
        return Text(
            vocabulary.label(domain, term_id, "zh"), vocabulary.label(domain, term_id, "en")
        )

    def labels(self, domain: Domain, ids: Iterable[str]) -> Text:
        """The names of ``ids`` joined, in both languages."""
        ids = list(ids)
        vocabulary = self.profile.vocabulary
        return Text(
            join((vocabulary.label(domain, i, "zh") for i in ids), "zh"),
            join((vocabulary.label(domain, i, "en") for i in ids), "en"),
        )

    def outlet_kinds(self, kinds: Iterable[str] = ()) -> tuple[str, ...]:
        """The outlet kinds a check applies to: ``kinds``, or every kind of the profile when empty."""
        return tuple(kinds) or self.profile.outlet_kinds

    def severity_word(self, requirement: Requirement) -> Text:
        """必须 / 宜 / 可 for the requirement's severity: a qualifier for merged values."""
        return SEVERITY_WORDS[requirement.severity]

    def regulates(
        self, requirement: Requirement, *events: str, any_dimension: bool = False
    ) -> Iterator[Fact]:
        """Exit facts for those of ``events`` that end or wind down service.

        Only requirements of the exit dimension (or of none) count, unless
        ``any_dimension``: a notice rule filed under another dimension does not make a
        profile regulate exits, but a lifecycle step to an exit always does.
        """
        if not any_dimension and requirement.dimension not in (None, "exit"):
            return
        for event in dict.fromkeys(events):
            if event in EXIT_EVENTS:
                yield Fact(
                    "exit",
                    event,
                    self.label("event_types", event),
                    Text("有规定", "regulated"),
                    "yes",
                )

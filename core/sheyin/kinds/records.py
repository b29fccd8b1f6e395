"""What a record states: keys filled in, lists holding named values, events recorded at least once.

Works on the keys this contract defines and on those a profile adds (profile.toml ``[fields]``)
alike, so a region that needs "every outlet records its complaint telephone" or "the outlet's
internal rules include 安全保密制度" writes it as data instead of code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
from attrs import field, frozen

from sheyin.engine.context import CheckContext
from sheyin.engine.findings import Value, Violation
from sheyin.engine.lifecycle import event_matches, event_value
from sheyin.i18n import Text, join
from sheyin.plugin.describe import DescribeContext, Fact
from sheyin.plugin.fields import kinds_field
from sheyin.plugin.types import CheckKind
from sheyin.profile.model import Requirement
from sheyin.snapshot.model import Event, Outlet, Partnership

Record = Literal["outlet", "partnership"]

# Names of the contract keys a region is likely to require, in both languages.
CONTRACT_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "name": Text("名称", "name"),
        "code": Text("网点编码", "outlet code"),
        "address": Text("地址", "address"),
        "contact": Text("联系人", "contact"),
        "phone": Text("联系电话", "telephone"),
        "zones": Text("功能区", "zones"),
        "equipment": Text("设备", "equipment"),
        "facilities": Text("设施物品", "facilities"),
        "items": Text("服务事项清单", "item list"),
        "events": Text("事件记录", "events"),
        "staff": Text("工作人员", "staff"),
    }
)


@frozen
class RecordHas:
    """Records of ``subject`` fill in every key of ``fields`` and hold every value ``includes`` names.

    ``fields``: keys (the contract's, such as ``items``, or profile-added) that must be present and
    not empty. ``includes``: per list key, values the list must hold (compared as written; other
    values in the list are allowed). Outlets are checked while in service, partnerships while active.
    """

    subject: Record = "outlet"
    fields: tuple[str, ...] = ()
    includes: dict[str, tuple[str, ...]] = field(factory=dict)
    outlet_kinds: tuple[str, ...] = kinds_field()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, tuple, list, dict)) and len(value) == 0)


def _name(ctx: CheckContext, subject: Record, key: str) -> Text:
    """A key's name: the ``title`` the profile gave the field, else core's name, else the key."""
    added = ctx.profile.fields.get(subject, {}).get(key)
    if added and added.get("title"):
        return Text(str(added["title"]), key)
    return CONTRACT_NAMES.get(key, Text(key, key))


def _names(texts: list[Text]) -> Text:
    return Text(join((t.zh for t in texts), "zh"), join((t.en for t in texts), "en"))


def _records(
    ctx: CheckContext, subject: Record, kinds: tuple[str, ...]
) -> Iterator[Outlet | Partnership]:
    """Outlets in service (of ``kinds``), or partnerships in an active state."""
    if subject == "outlet":
        return ctx.outlets(kinds, serving=True)
    return (p for p in ctx.snapshot.partnerships if ctx.is_active("partnership", p))


def _active(
    ctx: CheckContext, subject: Record, kinds: tuple[str, ...]
) -> Iterator[Outlet | Partnership]:
    """Outlets (of ``kinds``) or partnerships in an active lifecycle state: serving the public."""
    records = ctx.outlets(kinds) if subject == "outlet" else iter(ctx.snapshot.partnerships)
    return (r for r in records if ctx.is_active(subject, r))


_NOT_RECORDED = Text("未记录：{missing}", "not recorded: {missing}")
_LACKS = Text("{field}缺少：{missing}", "{field} lacks: {missing}")


def record_has(ctx: CheckContext, _: Requirement, params: RecordHas) -> Iterator[Violation]:
    subject = params.subject
    names = {k: _name(ctx, subject, k) for k in (*params.fields, *params.includes)}
    # Records tend to lack the same keys: one message's values per distinct lack.
    unrecorded: dict[tuple[str, ...], dict[str, Text]] = {}
    lacking_values: dict[tuple[str, tuple[str, ...]], dict[str, Text]] = {}
    contract: dict[type, frozenset[str]] = {}
    for record in _records(ctx, subject, params.outlet_kinds):
        keys = contract.get(type(record))
        if keys is None:
            keys = contract[type(record)] = frozenset(attrs.fields_dict(type(record))) - {"extra"}
        missing = tuple(
            k
            for k in params.fields
            if _empty(getattr(record, k) if k in keys else record.extra.get(k))
        )
        if missing:
            values = unrecorded.get(missing)
            if values is None:
                values = unrecorded[missing] = {"missing": _names([names[k] for k in missing])}
            yield Violation(
                ctx.subject(record),
                ctx.path(record, missing[0]) if len(missing) == 1 else ctx.path(record),
                _NOT_RECORDED,
                values,
            )
        for key, wanted in params.includes.items():
            value = getattr(record, key) if key in keys else record.extra.get(key)
            held = set(value) if isinstance(value, (tuple, list)) else set()
            lacking = tuple(w for w in wanted if w not in held)
            if lacking:
                values = lacking_values.get((key, lacking))
                if values is None:
                    values = lacking_values[(key, lacking)] = {
                        "field": names[key],
                        "missing": Text(join(lacking, "zh"), join(lacking, "en")),
                    }
                yield Violation(
                    ctx.subject(record),
                    ctx.path(record, key) if value is not None else ctx.path(record),
                    _LACKS,
                    values,
                )


@frozen
class EventRecorded:
    """Records of ``subject`` have at least one ``event`` (matching ``when``) on or before the as-of date.

    For duties done once and kept (an agreement signed, a plan drawn up): records are checked
    while active (an outlet from its plaque until it leaves, a partnership while it runs). ``unless`` names field values that make an
    event not count (``{by = ["department", "bank"]}``: an evaluation by neither). ``any_of``
    lists field sets of which the event matches at least one: the contract's way of stating
    a fact beside a profile's refinement (``[{by = "bank"}, {source = "bank_self"}]``).
    """

    event: str = field(metadata={"domain": "event_types"})
    subject: Record = "outlet"
    when: dict[str, Any] = field(factory=dict)
    unless: dict[str, tuple[Any, ...]] = field(factory=dict)
    any_of: tuple[dict[str, Any], ...] = ()
    outlet_kinds: tuple[str, ...] = kinds_field()


def _counts(event: Event, params: EventRecorded) -> bool:
    return (
        event_matches(event, params.when)
        and not any(event_value(event, k) in excluded for k, excluded in params.unless.items())
        and (not params.any_of or any(event_matches(event, fields) for fields in params.any_of))
    )


_NOT_SEEN = Text("截至 {on} 未见{event}记录", "no {event} recorded by {on}")


def event_recorded(ctx: CheckContext, _: Requirement, params: EventRecorded) -> Iterator[Violation]:
    as_of = ctx.as_of
    values: dict[str, Value] = {
        "event": ctx.label("event_types", params.event),
        "on": str(as_of),
    }  # one message for every record that lacks the event
    for record in _active(ctx, params.subject, params.outlet_kinds):
        if not any(
            e.on <= as_of and _counts(e, params) for _, e in ctx.events(record, params.event)
        ):
            yield Violation(ctx.subject(record), ctx.path(record, "events"), _NOT_SEEN, values)


SUBJECT_NAMES: Mapping[str, Text] = MappingProxyType(
    {"partnership": Text("合作关系", "partnership"), "outlet": Text("合作网点", "outlet")}
)


def describe_record_has(
    ctx: DescribeContext, req: Requirement, params: RecordHas
) -> Iterator[Fact]:
    subject = SUBJECT_NAMES[params.subject]
    for name in params.fields:
        label = CONTRACT_NAMES.get(name, Text(name, name))
        yield Fact(
            "records",
            f"{params.subject}/{name}",
            Text(f"{label.zh}（{subject.zh}）", f"{label.en} ({subject.en})"),
            Text("须记录", "recorded"),
            "recorded",
            qualifier=ctx.severity_word(req),
        )
    for name, values in params.includes.items():
        label = CONTRACT_NAMES.get(name, Text(name, name))
        yield Fact(
            "records",
            f"{params.subject}/{name}",
            Text(f"{label.zh}（{subject.zh}）", f"{label.en} ({subject.en})"),
            Text(join(values, "zh"), join(values, "en")),
            ";".join(f"includes={v}" for v in sorted(values)),
            qualifier=ctx.severity_word(req),
        )


def describe_event_recorded(
    ctx: DescribeContext, req: Requirement, params: EventRecorded
) -> Iterator[Fact]:
    event = ctx.label("event_types", params.event)
    conditions = [f"{k}={params.when[k]}" for k in sorted(params.when)]
    conditions += [f"{k}∉{'/'.join(map(str, params.unless[k]))}" for k in sorted(params.unless)]
    conditions += (
        ["|".join(",".join(f"{k}={f[k]}" for k in sorted(f)) for f in params.any_of)]
        if params.any_of
        else []
    )
    when = ",".join(conditions)
    subject = SUBJECT_NAMES[params.subject]
    yield Fact(
        "events",
        f"{params.subject}/{params.event}" + (f"/{when}" if when else ""),
        Text(
            f"{event.zh}（{subject.zh}{'，' + when if when else ''}）",
            f"{event.en} ({subject.en}{', ' + when if when else ''})",
        ),
        Text("须有记录", "recorded at least once"),
        "once",
    )
    yield from ctx.regulates(req, params.event)


KINDS = (
    CheckKind(
        "record_has",
        RecordHas,
        record_has,
        RecordHas.__doc__ or "",
        describe=describe_record_has,
        scope="bank",
    ),
    CheckKind(
        "event_recorded",
        EventRecorded,
        event_recorded,
        EventRecorded.__doc__ or "",
        describe=describe_event_recorded,
        scope="bank",
    ),
)

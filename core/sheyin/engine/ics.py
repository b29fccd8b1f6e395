"""An agenda as an iCalendar file (RFC 5545) an office can subscribe to.

Each deadline is an all-day ``VEVENT`` on its due date. Its ``UID`` stays the same
while the duty is the same (:attr:`~sheyin.engine.due.Deadline.uid`), so a
subscribed calendar moves an entry when its date changes instead of adding a second
one, and drops it once the duty is met and the file no longer lists it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from icalendar import Calendar, Event

from sheyin.dates import add_days
from sheyin.engine.due import Agenda
from sheyin.i18n import Lang

PRODID = "-//sheyin//sheyin due//ZH"


def to_ics(agenda: Agenda, lang: Lang = "zh", *, stamp: datetime | None = None) -> bytes:
    """The agenda as iCalendar bytes (CRLF lines, UTF-8), titles in ``lang``.

    ``stamp`` is the ``DTSTAMP`` of every entry (now, in UTC, when omitted).
    """
    zh = lang == "zh"
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"社银到期事项 · {agenda.profile}" if zh else f"sheyin deadlines · {agenda.profile}"
    calendar.add("x-wr-calname", name)
    for deadline in agenda.deadlines:
        action = deadline.action.zh if zh else deadline.action.en
        mark = ("【已逾期】" if zh else "[OVERDUE] ") if deadline.overdue else ""
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_on)
        event.add("dtend", add_days(deadline.due_on, 1))
        event.add("summary", f"{mark}{action}")
        event.add(
            "description",
            "\n".join(
                (
                    f"{deadline.action.zh}",
                    f"{deadline.action.en}",
                    f"{'条款' if zh else 'Clause'}: {deadline.clause}",
                    f"{'规则' if zh else 'Rule'}: {deadline.rule}",
                    f"{'对象' if zh else 'Subject'}: {deadline.subject}",
                )
            ),
        )
        event.add("categories", ["sheyin", deadline.severity, *(["overdue"] if mark else [])])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical

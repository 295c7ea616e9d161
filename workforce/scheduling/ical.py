"""A person's shifts as an iCalendar feed (RFC 5545), for phone calendars.

One VEVENT per shift, published or cancelled, with a UID that never changes
(``shift-<pk>@<host>``), the shift's ``sequence`` (raised by every change)
and STATUS:CONFIRMED or CANCELLED, so a calendar app that subscribes updates
or strikes out the event it already has. Times carry the agency's zone as
TZID, described by a VTIMEZONE. django-scheduler's own feed is not used: it
writes neither time zones nor status.
"""

import datetime
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration

from .hooks import FeedEvent
from .models import Shift

PRODUCT = "-//Deskbook//Shifts//EN"
REFRESH = datetime.timedelta(hours=1)


@functools.lru_cache(maxsize=16)
def vtimezone(zone_key: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone over whole years (slow to build: cached)."""
    return Timezone.from_tzinfo(
        ZoneInfo(zone_key),
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def shift_event(shift: Shift, *, zone: ZoneInfo, host: str) -> Event:
    cancelled = shift.status == Shift.Status.CANCELLED
    event = Event()
    event.add("uid", f"shift-{shift.pk}@{host}")
    # Without METHOD, DTSTAMP is when the event last changed (RFC 5545 3.8.7.2).
    event.add("dtstamp", shift.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", shift.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", shift.start.astimezone(zone))
    event.add("dtend", shift.end.astimezone(zone))
    summary = f"{shift.shift_type.name} shift"
    event.add("summary", f"Cancelled: {summary}" if cancelled else summary)
    if shift.team.location:
        event.add("location", shift.team.location)
    event.add(
        "description",
        f"{shift.team.name}. Unpaid break: {shift.break_minutes} min.",
    )
    event.add("sequence", shift.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def other_event(found: FeedEvent, *, zone: ZoneInfo, host: str) -> Event:
    """A VEVENT of another capability's event (a training session)."""
    event = Event()
    event.add("uid", f"{found.uid}@{host}")
    event.add("dtstamp", found.updated.astimezone(datetime.UTC))
    event.add("last-modified", found.updated.astimezone(datetime.UTC))
    event.add("dtstart", found.start.astimezone(zone))
    event.add("dtend", found.end.astimezone(zone))
    event.add(
        "summary", f"Cancelled: {found.summary}" if found.cancelled else found.summary
    )
    if found.location:
        event.add("location", found.location)
    if found.description:
        event.add("description", found.description)
    event.add("sequence", found.sequence)
    event.add("status", "CANCELLED" if found.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if found.cancelled else "OPAQUE")
    return event


def shift_calendar(
    shifts: Iterable[Shift],
    *,
    name: str,
    zone: ZoneInfo,
    host: str,
    others: Iterable[FeedEvent] = (),
) -> bytes:
    """The feed of ``shifts`` (with their shift type and team loaded) and
    ``others``, the events other capabilities add."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    # How often to look again: RFC 7986, and the older name Outlook reads.
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    shifts, others = list(shifts), list(others)
    spans = [(s.start, s.end) for s in shifts] + [(o.start, o.end) for o in others]
    if spans:
        first = min(start for start, _ in spans).astimezone(zone).year
        last = max(end for _, end in spans).astimezone(zone).year
        calendar.add_component(vtimezone(zone.key, first, last))
    for shift in shifts:
        calendar.add_component(shift_event(shift, zone=zone, host=host))
    for other in others:
        calendar.add_component(other_event(other, zone=zone, host=host))
    return calendar.to_ical()

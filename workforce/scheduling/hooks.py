"""The hooks shift planning declares for the capabilities above it.

``SCHEDULING_ABSENCES``
    ``fn(staff_ids, first_day, last_day) -> Iterable[Absence]``: the times
    people are away from the plan between two days (both included): approved
    leave (leave answers), training sessions (courses answers). The plan grid
    shows them in its cells. An absence with ``refuses=True`` refuses any
    shift overlapping it, at planning, publishing and swapping; one with
    ``refuses=False`` is shown only. An absence ``by_day`` (whole days of
    leave) refuses the shifts that *start* on its days instead, since a
    shift belongs to the day it starts: the night shift of the evening
    before, which runs into the first day, stays. An absence ``pending``
    is asked for and not yet granted: the plan shows it, attendance does
    not excuse the person for it. Leave answers (approved leave refuses,
    pending leave shows); training will.

``SCHEDULING_FEED_EVENTS``
    ``fn(staff, since) -> Iterable[FeedEvent]``: more events for a person's
    calendar feed (``/calendar/shifts/<token>.ics``) from ``since`` on,
    beside their shifts: training sessions (courses answers). An event
    with ``cancelled=True`` is sent as STATUS:CANCELLED, so a subscribed
    phone strikes it out; raise ``sequence`` whenever an event changes.

``SCHEDULING_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the *Shift planning*
    menu inside *Workforce* (team plans, shift types, patterns, placements,
    shift changes). A viewset joins it by setting ``menu_hook =
    SCHEDULING_MENU`` and ``add_to_admin_menu = True``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from wagtail import hooks

SCHEDULING_ABSENCES = "scheduling_absences"
SCHEDULING_MENU = "scheduling_menu_items"
SCHEDULING_FEED_EVENTS = "scheduling_feed_events"


@dataclass(frozen=True)
class Absence:
    """A person away from the plan from ``start`` to ``end`` (aware)."""

    staff_id: int
    start: datetime.datetime
    end: datetime.datetime
    kind: str  # "leave", "training", …: the grid's label
    label: str
    refuses: bool = True
    # Whole local days from start to end: refuses the shifts starting on them.
    by_day: bool = False
    # Asked for, not granted: shown, but the person is still expected.
    pending: bool = False


def absences(
    staff_ids: Iterable[int], first_day: datetime.date, last_day: datetime.date
) -> list[Absence]:
    """Every answer to ``SCHEDULING_ABSENCES`` for these people and days."""
    ids = list(staff_ids)
    found: list[Absence] = []
    for answer in hooks.get_hooks(SCHEDULING_ABSENCES):
        found.extend(answer(ids, first_day, last_day))
    return found


@dataclass(frozen=True)
class FeedEvent:
    """An event of a person's calendar feed that is not a shift. ``uid`` is
    unique and never changes (the host is added); times are aware."""

    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    updated: datetime.datetime
    location: str = ""
    description: str = ""
    sequence: int = 0
    cancelled: bool = False


def feed_events(staff, since: datetime.date) -> list[FeedEvent]:
    """Every answer to ``SCHEDULING_FEED_EVENTS`` for ``staff``."""
    found: list[FeedEvent] = []
    for answer in hooks.get_hooks(SCHEDULING_FEED_EVENTS):
        found.extend(answer(staff, since))
    return sorted(found, key=lambda event: (event.start, event.uid))

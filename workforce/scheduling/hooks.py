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

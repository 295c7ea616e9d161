"""The hooks the people app declares for the back office's other capabilities.

``WORKFORCE_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the admin's *Workforce*
    menu (people, shifts, leave, attendance). A viewset joins it by setting
    ``menu_hook = WORKFORCE_MENU`` and ``add_to_admin_menu = True``. The menu
    shows only to a user who may see at least one of its items.

``PERSON_FLAGS``
    ``fn(staff_ids, on) -> Iterable[PersonFlag]``: warnings about people on a
    date that the person's record, the lead's plan grid and the intraday
    board show beside their name (training answers with lapsed compliance
    certificates). One query an answer, however many people.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from wagtail import hooks

WORKFORCE_MENU = "workforce_menu_items"
PERSON_FLAGS = "workforce_person_flags"


@dataclass(frozen=True)
class PersonFlag:
    """A warning about a person: a short ``label`` and what it is about."""

    staff_id: int
    label: str
    detail: str = ""


def person_flags(
    staff_ids: Iterable[int], on: datetime.date
) -> dict[int, list[PersonFlag]]:
    """Every answer to ``PERSON_FLAGS`` for these people on ``on``, by person."""
    ids = list(staff_ids)
    found: dict[int, list[PersonFlag]] = {}
    if not ids:
        return found
    for answer in hooks.get_hooks(PERSON_FLAGS):
        for flag in answer(ids, on):
            found.setdefault(flag.staff_id, []).append(flag)
    return found

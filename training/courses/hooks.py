"""The hooks the courses app declares for training and quality.

``TRAINING_MENU``
    ``fn() -> wagtail.admin.menu.MenuItem``: an item of the admin's *Training &
    quality* menu (courses, QA, KPIs). A viewset joins it by setting
    ``menu_hook = TRAINING_MENU`` and ``add_to_admin_menu = True``. The menu
    shows only to a user who may see at least one of its items, so it stays
    hidden until a capability adds one.

``COURSE_EFFECTIVENESS``
    ``fn(*, course, trained_staff_ids, first_day, last_day, viewer) ->
    Iterable[EffectivenessLevel]``: Kirkpatrick's level 3 (behaviour: QA item
    scores) and level 4 (results: KPIs) for a course's report, before and
    after training, against people not yet trained in the same period. QA
    and KPIs answer it; until one does, the report says there is no QA or
    KPI data yet.
"""

from dataclasses import dataclass

from wagtail import hooks

TRAINING_MENU = "training_menu_items"

COURSE_EFFECTIVENESS = "courses_effectiveness_levels"


@dataclass(frozen=True)
class EffectivenessLevel:
    """One level's finding for the course report: ``level`` 3 or 4, a
    ``title``, and rows of (measure, trained before, trained after, not yet
    trained before, not yet trained after), values already worded."""

    level: int
    title: str
    rows: tuple[tuple[str, str, str, str, str], ...] = ()
    note: str = ""


def effectiveness_levels(**question) -> list[EffectivenessLevel]:
    """Every answer to ``COURSE_EFFECTIVENESS`` for a course's report."""
    found: list[EffectivenessLevel] = []
    for answer in hooks.get_hooks(COURSE_EFFECTIVENESS):
        found.extend(answer(**question))
    return sorted(found, key=lambda level: level.level)

"""The back office of shift planning: the *Shift planning* menu inside
*Workforce*, with the team plans, shift types, patterns, placements, the
change log, the swaps and coverage. Each screen is a module; every page
refuses with a 403."""

from wagtail.admin.viewsets.base import ViewSetGroup

from workforce.people.hooks import WORKFORCE_MENU

from ..hooks import SCHEDULING_MENU
from .changes import ShiftChangeViewSet
from .coverage import CoverageViewSet
from .patterns import ShiftPatternViewSet
from .placements import PatternPlacementViewSet
from .plan import ShiftPlanViewSet
from .shift_types import ShiftTypeViewSet
from .swaps import ShiftSwapViewSet


class ShiftPlanningGroup(ViewSetGroup):
    menu_label = "Shift planning"
    menu_icon = "calendar-alt"
    menu_order = 60
    menu_hook = WORKFORCE_MENU
    submenu_hook = SCHEDULING_MENU
    items = (
        ShiftPlanViewSet("shift_plan"),
        ShiftTypeViewSet("shift_types"),
        ShiftPatternViewSet("shift_patterns"),
        PatternPlacementViewSet("pattern_placements"),
        ShiftChangeViewSet("shift_changes"),
        ShiftSwapViewSet("shift_swaps"),
        CoverageViewSet(),
    )

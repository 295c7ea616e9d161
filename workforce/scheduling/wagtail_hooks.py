from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.roles import MANAGER, TEAM_LEAD

from .dashboard_panels import scheduling_panels
from .demo import seed_shift_planning
from .viewsets import ShiftPlanningGroup
from .viewsets.my_shifts import MyShiftsViewSet


@hooks.register("register_admin_viewset")
def register_scheduling_viewsets():
    # My shifts needs no permission: it shows only the signed-in person's own.
    return [ShiftPlanningGroup(), MyShiftsViewSet()]


@hooks.register("insert_global_admin_css")
def scheduling_admin_css():
    # Shift codes in their colours appear in listings and forms, not only the grid.
    return format_html(
        '<link rel="stylesheet" href="{}">', static("scheduling/css/planning.css")
    )


@hooks.register(ROLE_PERMISSIONS)
def scheduling_role_permissions():
    # Shifts are planned through the plan grid's services (which check the
    # rules and log changes), never edited row by row.
    planning = [
        "scheduling.add_shift",
        "scheduling.view_shift",
        "scheduling.view_shiftchange",
        "scheduling.view_shiftswap",
        "scheduling.change_shiftswap",
        "scheduling.view_shifttype",
        "scheduling.view_shiftpattern",
        "scheduling.add_shiftpattern",
        "scheduling.change_shiftpattern",
        "scheduling.delete_shiftpattern",
        "scheduling.add_patternassignment",
        "scheduling.change_patternassignment",
        "scheduling.delete_patternassignment",
        "scheduling.view_patternassignment",
    ]
    return {
        MANAGER: planning
        + [f"scheduling.{a}_shifttype" for a in ("add", "change", "delete")]
        + ["scheduling.change_shiftrules"],
        TEAM_LEAD: planning,
    }


@hooks.register("construct_homepage_panels")
def add_scheduling_panels(request, panels):
    panels.extend(scheduling_panels(request))


# After the people's seed (order 10), whose teams and staff it plans.
@hooks.register(SEED_DEMO, order=15)
def seed_scheduling(*, size, log):
    seed_shift_planning(size=size, log=log)

import functools

from django.urls import include, path
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO
from deskbook.core.roles import MANAGER, TEAM_LEAD

from .dashboard_panels import attendance_panels
from .demo import seed_attendance
from .demo_staffing import seed_staffing_inputs
from .viewsets import AttendanceGroup, clock, reports


@hooks.register(ROLE_PERMISSIONS)
def attendance_role_permissions():
    # Clock events are written through the services only (web, API, import);
    # corrections are added, never changed or deleted: they are the audit trail.
    seeing = [
        "attendance.view_clockevent",
        "attendance.view_attendancecorrection",
        "attendance.view_portfoliobucket",
        "attendance.view_inboundforecast",
    ]
    return {
        MANAGER: seeing
        + [
            "attendance.add_attendancecorrection",
            "attendance.import_clockevent",
            "attendance.view_integration",
            "attendance.add_integration",
            "attendance.change_integration",
            "attendance.change_attendancesettings",
            *(
                f"attendance.{action}_{model}"
                for action in ("add", "change", "delete")
                for model in ("portfoliobucket", "inboundforecast")
            ),
        ],
        TEAM_LEAD: seeing + ["attendance.add_attendancecorrection"],
    }


@hooks.register("register_admin_viewset")
def register_attendance_viewsets():
    return AttendanceGroup()


@hooks.register("register_admin_urls")
def register_clock_url():
    return clock.urlpatterns


@hooks.register("construct_homepage_panels")
def add_attendance_panels(request, panels):
    panels.extend(attendance_panels(request))


# After the people (order 10), whose teams the inputs belong to.
@hooks.register(SEED_DEMO, order=17)
def seed_attendance_staffing_inputs(*, size, log):
    seed_staffing_inputs(size=size, log=log)


@hooks.register(SEED_DEMO, order=18)
def seed_attendance_demo(*, size, log):
    # After leave (16): approved leave changes when people are expected.
    seed_attendance(size=size, log=log)


@hooks.register("register_admin_urls")
def register_attendance_reports():
    return [
        path(
            "reports/attendance/",
            include((reports.urlpatterns, "attendance_reports")),
        )
    ]


for _label, _name, _order in reports.REPORTS:
    hooks.register(
        "register_reports_menu_item",
        functools.partial(reports.report_menu_item, _label, _name, _order),
    )

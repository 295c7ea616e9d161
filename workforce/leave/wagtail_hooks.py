from django.urls import include, path
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO, TIMED_JOBS
from deskbook.core.roles import MANAGER, TEAM_LEAD
from workforce.scheduling.hooks import SCHEDULING_ABSENCES

from .dashboard_panels import leave_panels
from .demo import seed_leave
from .selectors import plan_absences
from .viewsets import LeaveGroup, MyLeaveViewSet, certificates, report

# Approved leave refuses shifts at planning, publishing and swapping;
# pending leave shows in the plan.
hooks.register(SCHEDULING_ABSENCES, plan_absences)


@hooks.register(ROLE_PERMISSIONS)
def leave_role_permissions():
    # Requests are decided through the services (change_leaverequest is the
    # right to decide, scoped to the teams a lead leads); their counters and
    # charges are never edited by hand.
    deciding = ["leave.view_leaverequest", "leave.change_leaverequest"]
    rules = ("leavetype", "allocation", "publicholiday", "blackout")
    return {
        MANAGER: deciding
        + [f"leave.{a}_{m}" for m in rules for a in ("add", "change", "delete", "view")]
        + ["leave.change_leavesettings"],
        TEAM_LEAD: deciding + [f"leave.view_{m}" for m in rules],
    }


@hooks.register(TIMED_JOBS)
def leave_timed_jobs():
    # Daily: on the first day of a year it opens the year; otherwise it finds
    # the year open and changes nothing.
    return [("open_leave_year", 24 * 60 * 60)]


@hooks.register("register_admin_viewset")
def register_leave_viewsets():
    # My leave needs no permission: it shows only the signed-in person's own.
    return [LeaveGroup(), MyLeaveViewSet()]


@hooks.register("register_admin_urls")
def register_leave_certificate_url():
    return certificates.urlpatterns


@hooks.register("register_admin_urls")
def register_leave_report():
    return [path("reports/leave/", include((report.urlpatterns, "leave_reports")))]


hooks.register("register_reports_menu_item", report.leave_report_menu_item)


@hooks.register("construct_homepage_panels")
def add_leave_panels(request, panels):
    panels.extend(leave_panels(request))


# After shift planning (order 15): the plan decides what leave costs.
@hooks.register(SEED_DEMO, order=16)
def seed_leave_demo(*, size, log):
    seed_leave(size=size, log=log)

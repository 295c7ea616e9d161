from django.urls import include, path, reverse
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO, TEAM_DIRECTORY, TIMED_JOBS
from deskbook.core.menus import PermissionMenuItem
from deskbook.core.roles import MANAGER, TEAM_LEAD

from .dashboard_panels import people_panels
from .demo import seed_teams_and_staff
from .menus import workforce_menu
from .selectors import SEE_EVERYONE
from .team_directory import WorkforceTeamDirectory
from .viewsets import PEOPLE_VIEWSETS, headcount
from .viewsets.my_record import MyRecordView

hooks.register("register_admin_menu_item", workforce_menu)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PEOPLE_VIEWSETS


@hooks.register(ROLE_PERMISSIONS)
def workforce_role_permissions():
    every_action = ["add", "change", "delete", "view"]
    records = ("staff", "team", "partneragency")
    # Moves and resignations are history, written only by their services:
    # recorded and read, never edited or deleted in the admin.
    return {
        MANAGER: [f"workforce.{a}_{m}" for m in records for a in every_action]
        + [
            "workforce.oversee_staff",
            "workforce.add_teammembership",
            "workforce.view_teammembership",
            "workforce.add_resignation",
            "workforce.view_resignation",
        ],
        TEAM_LEAD: [
            "workforce.view_staff",
            "workforce.view_team",
            "workforce.add_teammembership",
            "workforce.view_teammembership",
        ],
    }


@hooks.register(SEED_DEMO, order=10)
def seed_workforce(*, size, log):
    seed_teams_and_staff(size=size, log=log)


@hooks.register(TEAM_DIRECTORY)
def workforce_team_directory():
    return WorkforceTeamDirectory()


@hooks.register(TIMED_JOBS)
def people_timed_jobs():
    return [("mark_leavers", 60 * 60)]


@hooks.register("construct_homepage_panels")
def add_people_panels(request, panels):
    panels.extend(people_panels(request))


@hooks.register("register_admin_urls")
def register_my_record_url():
    return [path("my-record/", MyRecordView.as_view(), name="workforce_my_record")]


@hooks.register("register_admin_urls")
def register_people_reports():
    return [
        path(
            "reports/workforce/", include((headcount.urlpatterns, "workforce_reports"))
        )
    ]


@hooks.register("register_reports_menu_item")
def headcount_menu_item():
    return PermissionMenuItem(
        "Headcount",
        reverse("workforce_reports:headcount"),
        name="headcount",
        icon_name="group",
        order=1300,
        permission=SEE_EVERYONE,
    )

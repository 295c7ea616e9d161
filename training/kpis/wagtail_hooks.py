from django.urls import include, path
from wagtail import hooks

from deskbook.core.hooks import ROLE_PERMISSIONS, SEED_DEMO, TIMED_JOBS
from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from training.courses.hooks import COURSE_EFFECTIVENESS, TRAINING_MENU

from . import urls
from .dashboard_panels import kpi_panels
from .demo import seed_kpis
from .effectiveness import course_effectiveness_levels
from .menus import SEE_OWN, daily_report_item, leaderboard_item, my_kpis_item
from .viewsets.definitions import KpiDefinitionViewSet
from .viewsets.targets import CollectionTargetViewSet

HOUR = 60 * 60


@hooks.register(ROLE_PERMISSIONS)
def kpi_role_permissions():
    # Facts are written by the build only; definitions by managers.
    return {
        COLLECTOR: [SEE_OWN],
        TEAM_LEAD: [
            SEE_OWN,
            "kpis.view_kpidefinition",
            "kpis.view_collectiontarget",
        ],
        MANAGER: [
            SEE_OWN,
            "kpis.oversee_kpis",
            "kpis.change_kpisettings",
            *(
                f"kpis.{action}_{model}"
                for action in ("add", "change", "delete", "view")
                for model in ("kpidefinition", "collectiontarget")
            ),
        ],
    }


@hooks.register(TIMED_JOBS)
def kpi_timed_jobs():
    # With no option the command rebuilds yesterday and the days touched by
    # calls and payments imported since its last run: hourly, so an import
    # shows in the KPIs within the hour; rebuilding a day twice is harmless.
    # The report e-mail checks every quarter hour whether its time has come.
    return [("build_kpi_facts", HOUR), ("send_kpi_daily_reports", HOUR / 4)]


@hooks.register("register_admin_viewset")
def register_kpi_definitions():
    return KpiDefinitionViewSet("kpi_definitions")


@hooks.register("register_admin_viewset")
def register_collection_targets():
    return CollectionTargetViewSet("kpi_collection_targets")


@hooks.register("register_admin_urls")
def register_kpi_urls():
    return [path("kpis/", include((urls.urlpatterns, "kpis")))]


hooks.register(COURSE_EFFECTIVENESS, course_effectiveness_levels)
hooks.register(TRAINING_MENU, my_kpis_item)
hooks.register(TRAINING_MENU, leaderboard_item)
hooks.register(TRAINING_MENU, daily_report_item)


@hooks.register("construct_homepage_panels")
def add_kpi_panels(request, panels):
    panels.extend(kpi_panels(request))


# After attendance (17/18), courses and QA (20s): the facts read their data.
@hooks.register(SEED_DEMO, order=35)
def seed_kpi_demo(*, size, log):
    seed_kpis(size=size, log=log)

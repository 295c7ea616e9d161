"""The KPI items of *Training & quality*."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem

from deskbook.core.menus import PermissionMenuItem

from .selectors import leaderboard_teams, may_see_all

SEE_OWN = "kpis.view_collectorday"


class LeaderboardMenuItem(MenuItem):
    """Shown to managers and to anyone leading a team."""

    def is_shown(self, request):
        viewer = request.user
        return may_see_all(viewer) or leaderboard_teams(viewer).exists()


def my_kpis_item() -> MenuItem:
    return PermissionMenuItem(
        "My KPIs",
        reverse("kpis:mine"),
        name="my-kpis",
        icon_name="list-ol",
        order=60,
        permission=SEE_OWN,
    )


def leaderboard_item() -> MenuItem:
    return LeaderboardMenuItem(
        "KPI leaderboard",
        reverse("kpis:leaderboard"),
        name="kpi-leaderboard",
        icon_name="list-ol",
        order=61,
    )


def daily_report_item() -> MenuItem:
    return LeaderboardMenuItem(
        "Daily KPI report",
        reverse("kpis:daily_report"),
        name="kpi-daily-report",
        icon_name="list-ol",
        order=63,
    )

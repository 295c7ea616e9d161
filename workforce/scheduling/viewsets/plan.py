"""The plan's pages under ``/admin/workforce/shift-plan/``: the teams, a
team's grid, its actions, a cell, publishing and the export."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from deskbook.core.refusals import refused_with_403

from ..selectors import PLAN
from .plan_actions import ApplyPatternsView, ClearDraftsView, CopyWeekView
from .plan_cell import PlanCellView
from .plan_export import PlanExportView
from .plan_grid import PlanGridView, PlanIndexView
from .publish import PublishView


class PlanMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PLAN)


class ShiftPlanViewSet(ViewSet):
    url_prefix = "workforce/shift-plan"
    icon = "table"
    menu_label = "Team plans"
    menu_order = 10
    menu_item_class = PlanMenuItem

    def get_urlpatterns(self):
        return decorate_urlpatterns(self.plan_urlpatterns(), refused_with_403)

    def plan_urlpatterns(self):
        return [
            path("", PlanIndexView.as_view(), name="index"),
            path("<slug:team>/", PlanGridView.as_view(), name="grid"),
            path("<slug:team>/apply/", ApplyPatternsView.as_view(), name="apply"),
            path("<slug:team>/copy-week/", CopyWeekView.as_view(), name="copy_week"),
            path("<slug:team>/clear/", ClearDraftsView.as_view(), name="clear"),
            path("<slug:team>/publish/", PublishView.as_view(), name="publish"),
            path("<slug:team>/export/", PlanExportView.as_view(), name="export"),
            path(
                "<slug:team>/cell/<int:staff>/<str:day>/",
                PlanCellView.as_view(),
                name="cell",
            ),
        ]

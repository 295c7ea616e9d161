"""Shift patterns, per team: a lead keeps their teams' patterns, a manager
every team's. The rotation is edited a week a row."""

import django_filters
from django.db.models import Count
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..admin_forms import ShiftPatternForm
from ..models import ShiftPattern
from ..selectors import patterns_visible_to, teams_plannable_by
from ..services import shift_pattern_save
from .service_views import (
    PlannedDeleteView,
    PlannedHistoryView,
    PlannedUsageView,
    ServiceCreateView,
    ServiceEditView,
)


def planned_teams(request):
    return teams_plannable_by(request.user)


class PatternFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(queryset=planned_teams)

    class Meta:
        model = ShiftPattern
        fields = []


class PatternIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return (
            patterns_visible_to(self.request.user)
            .annotate(people=Count("assignments"))
            .prefetch_related("days__shift_type")
        )


class PeopleColumn(Column):
    """How many people are placed in the pattern, linked to their placements."""

    cell_template_name = "scheduling/columns/link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = (
            reverse("pattern_placements:index") + f"?pattern={instance.pk}"
        )
        return context


class PatternSaveMixin:
    def save_with_service(self, form):
        return shift_pattern_save(
            pattern=form.instance,
            cells=form.cleaned_data["rotation"],
            by=self.request.user,
        )


class PatternCreateView(PatternSaveMixin, ServiceCreateView):
    pass


class PatternEditView(PatternSaveMixin, ServiceEditView):
    pass


class ShiftPatternViewSet(RefusesWith403, ModelViewSet):
    model = ShiftPattern
    url_prefix = "workforce/shift-patterns"
    icon = "rotate"
    menu_label = "Shift patterns"
    menu_order = 30
    index_view_class = PatternIndexView
    add_view_class = PatternCreateView
    edit_view_class = PatternEditView
    delete_view_class = PlannedDeleteView
    history_view_class = PlannedHistoryView
    usage_view_class = PlannedUsageView
    copy_view_enabled = False
    filterset_class = PatternFilterSet
    list_display = [
        "name",
        "team",
        "weeks",
        Column("rotation_codes", label="Rotation"),
        PeopleColumn("people", label="People placed"),
    ]
    search_fields = ["name"]
    list_export = ["team.name", "name", "weeks", "rotation_codes", "people"]
    export_headings = {
        "team.name": "Team",
        "rotation_codes": "Rotation",
        "people": "People placed",
    }
    export_filename = "shift-patterns"

    def get_form_class(self, for_update=False):
        return ShiftPatternForm

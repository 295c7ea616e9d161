"""Placements: a person in a pattern from a date, at a rotation offset."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..admin_forms import PatternAssignmentForm
from ..models import PatternAssignment
from ..selectors import patterns_visible_to, placements_visible_to
from ..services import pattern_assignment_save
from .patterns import planned_teams
from .service_views import (
    PlannedDeleteView,
    PlannedHistoryView,
    PlannedUsageView,
    ServiceCreateView,
    ServiceEditView,
)


def visible_patterns(request):
    return patterns_visible_to(request.user)


class PlacementFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(
        field_name="pattern__team", queryset=planned_teams
    )
    pattern = django_filters.ModelChoiceFilter(queryset=visible_patterns)
    starts_on = django_filters.DateFromToRangeFilter(label="From")

    class Meta:
        model = PatternAssignment
        fields = []


class PlacementIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return placements_visible_to(self.request.user)


class PlacementSaveMixin:
    def save_with_service(self, form):
        return pattern_assignment_save(assignment=form.instance, by=self.request.user)


class PlacementCreateView(PlacementSaveMixin, ServiceCreateView):
    pass


class PlacementEditView(PlacementSaveMixin, ServiceEditView):
    team_path = "pattern.team"


class PlacementDeleteView(PlannedDeleteView):
    team_path = "pattern.team"


class PlacementHistoryView(PlannedHistoryView):
    team_path = "pattern.team"


class PlacementUsageView(PlannedUsageView):
    team_path = "pattern.team"


class PatternPlacementViewSet(RefusesWith403, ModelViewSet):
    model = PatternAssignment
    url_prefix = "workforce/pattern-placements"
    icon = "user"
    menu_label = "Pattern assignments"
    menu_order = 40
    index_view_class = PlacementIndexView
    add_view_class = PlacementCreateView
    edit_view_class = PlacementEditView
    delete_view_class = PlacementDeleteView
    history_view_class = PlacementHistoryView
    usage_view_class = PlacementUsageView
    copy_view_enabled = False
    filterset_class = PlacementFilterSet
    list_display = [
        "staff",
        "pattern",
        "starts_on",
        "ends_on",
        "rotation_offset_days",
    ]
    search_fields = [
        "staff__first_name",
        "staff__last_name",
        "staff__employee_number",
    ]
    ordering = ["pattern__team__name", "staff__last_name", "starts_on"]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "pattern.team.name",
        "pattern.name",
        "starts_on",
        "ends_on",
        "rotation_offset_days",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "pattern.team.name": "Team",
        "pattern.name": "Pattern",
        "starts_on": "From",
        "ends_on": "Until",
        "rotation_offset_days": "Rotation offset (days)",
    }
    export_filename = "pattern-placements"

    def get_form_class(self, for_update=False):
        return PatternAssignmentForm

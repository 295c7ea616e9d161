"""The change log of published shifts: who changed what, when and why.
Written only by the services; read here, filtered and exported."""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.people.models import Staff, TeamMembership

from ..models import ShiftChange
from ..selectors import changes_visible_to, teams_plannable_by
from .patterns import planned_teams


def people_of_planned_teams(request):
    """Everyone who has been in a team the user plans."""
    ever_in = TeamMembership.objects.filter(team__in=teams_plannable_by(request.user))
    return Staff.objects.filter(pk__in=ever_in.values("staff_id"))


class ShiftChangeFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(
        field_name="shift__team", queryset=planned_teams
    )
    person = django_filters.ModelChoiceFilter(
        field_name="shift__staff", queryset=people_of_planned_teams
    )
    day = django_filters.DateFromToRangeFilter(
        label="Shift day", field_name="shift__day", widget=DateRangePickerWidget
    )
    changed_on = django_filters.DateFromToRangeFilter(
        label="Changed on", field_name="changed_at__date", widget=DateRangePickerWidget
    )
    action = django_filters.ChoiceFilter(choices=ShiftChange.Action.choices)

    class Meta:
        model = ShiftChange
        fields = []


def local_time(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


class ShiftChangeIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT
    # In the agency's time, as the listing shows it.
    custom_field_preprocess = {
        "changed_at": {
            IndexView.FORMAT_CSV: local_time,
            IndexView.FORMAT_XLSX: local_time,
        }
    }

    def get_base_queryset(self):
        return changes_visible_to(self.request.user)


class ShiftChangeViewSet(RefusesWith403, ModelViewSet):
    model = ShiftChange
    url_prefix = "workforce/shift-changes"
    icon = "history"
    menu_label = "Shift changes"
    menu_order = 50
    index_view_class = ShiftChangeIndexView
    filterset_class = ShiftChangeFilterSet
    copy_view_enabled = False
    list_display = [
        DateColumn("changed_at", label="Changed", sort_key="changed_at"),
        Column("shift.day", label="Shift day", sort_key="shift__day"),
        Column("shift.staff.full_name", label="Person"),
        Column("shift.team", label="Team"),
        Column("action", label="Action", accessor="get_action_display"),
        "before",
        "after",
        "reason",
        Column("changed_by", label="By"),
    ]
    search_fields = ["reason", "shift__staff__first_name", "shift__staff__last_name"]
    ordering = ["-changed_at", "-pk"]
    list_export = [
        "changed_at",
        "shift.day",
        "shift.staff.employee_number",
        "shift.staff.full_name",
        "shift.team.name",
        "get_action_display",
        "before",
        "after",
        "reason",
        "changed_by",
    ]
    export_headings = {
        "changed_at": "Changed at",
        "shift.day": "Shift day",
        "shift.staff.employee_number": "Employee number",
        "shift.staff.full_name": "Name",
        "shift.team.name": "Team",
        "get_action_display": "Action",
        "changed_by": "Changed by",
    }
    export_filename = "shift-changes"
    form_fields = []

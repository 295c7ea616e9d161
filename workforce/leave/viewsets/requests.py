"""*Leave requests*: the requests of the teams a lead leads (a manager's:
everyone's), filtered and exported. Written only by the services."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.urls import path
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from deskbook.core.exports import SAFE_TEXT
from workforce.people.models import TeamMembership
from workforce.scheduling.selectors import teams_plannable_by
from workforce.scheduling.viewsets.access import ReadOnlyRows, refuse_with_403

from ..models import LeaveRequest, LeaveType
from ..selectors import requests_visible_to


def in_team(queryset, name, team):
    """Requests of people in ``team`` on some day of the request."""
    if not team:
        return queryset
    member = TeamMembership.objects.filter(
        staff=OuterRef("staff"), team=team, valid_from__lte=OuterRef("last_day")
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("first_day")))
    return queryset.filter(Exists(member))


def visible_teams(request):
    return teams_plannable_by(request.user)


class LeaveRequestFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(queryset=visible_teams, method=in_team)
    leave_type = django_filters.ModelChoiceFilter(queryset=LeaveType.objects.all())
    status = django_filters.ChoiceFilter(choices=LeaveRequest.Status.choices)
    first_day = django_filters.DateFromToRangeFilter(
        label="Starts", widget=DateRangePickerWidget
    )

    class Meta:
        model = LeaveRequest
        fields = []


class LeaveRequestIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return requests_visible_to(self.request.user)


class LeaveRequestViewSet(ModelViewSet):
    """The listing only: requests are decided through their services."""

    model = LeaveRequest
    url_prefix = "workforce/leave-requests"
    icon = "date"
    menu_label = "Requests"
    menu_order = 10
    index_view_class = LeaveRequestIndexView
    filterset_class = LeaveRequestFilterSet
    copy_view_enabled = False
    list_display = [
        Column("staff", label="Person", sort_key="staff__last_name"),
        "leave_type",
        Column("period", label="Days", sort_key="first_day"),
        Column("days", label="Cost (days)"),
        StatusTagColumn("status", label="Status", accessor="get_status_display"),
        Column("decided_by", label="Decided by"),
    ]
    search_fields = ["staff__first_name", "staff__last_name", "reason"]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "leave_type.name",
        "first_day",
        "first_day_part",
        "last_day",
        "last_day_part",
        "days",
        "get_status_display",
        "reason",
        "decided_by",
        "comment",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "leave_type.name": "Leave type",
        "get_status_display": "Status",
    }
    export_filename = "leave-requests"

    def get_urlpatterns(self):
        return decorate_urlpatterns(
            [
                path("", self.index_view, name="index"),
                path("results/", self.index_results_view, name="index_results"),
            ],
            refuse_with_403,
        )

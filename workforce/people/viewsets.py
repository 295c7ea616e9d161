"""Admin viewsets for teams and staff records."""

from django.utils import timezone
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .hooks import WORKFORCE_MENU
from .models import Staff, Team
from .selectors import staff_list_for, team_list_for


class TeamIndexView(IndexView):
    def get_base_queryset(self):
        return team_list_for(self.request.user)


class StaffIndexView(IndexView):
    def get_base_queryset(self):
        return staff_list_for(self.request.user, on=timezone.localdate())


class TeamViewSet(ModelViewSet):
    model = Team
    url_prefix = "workforce/teams"
    icon = "group"
    menu_label = "Teams"
    menu_order = 20
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    list_display = ["name", "stage", "channel", "location", "run_by"]
    list_filter = ["stage", "channel", "partner"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "slug",
        "stage",
        "channel",
        "leads",
        "location",
        "minimum_staffing",
        "partner",
    ]
    list_export = ["name", "stage", "channel", "location", "minimum_staffing", "run_by"]
    export_filename = "teams"
    index_view_class = TeamIndexView


class StaffViewSet(ModelViewSet):
    model = Staff
    url_prefix = "workforce/staff"
    icon = "user"
    menu_label = "Staff"
    menu_order = 10
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    list_display = ["full_name", "employee_number", "job_title", "status"]
    list_filter = ["job_title", "status", "languages"]
    search_fields = ["first_name", "last_name", "employee_number", "email"]
    ordering = ["last_name", "first_name"]
    list_per_page = 50
    form_fields = [
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "user",
        "hired_on",
        "status",
        "languages",
        "phone_extension",
        "dialer_agent_id",
    ]
    list_export = [
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "hired_on",
        "status",
        "phone_extension",
        "dialer_agent_id",
    ]
    export_filename = "staff"
    index_view_class = StaffIndexView


PEOPLE_VIEWSETS = [StaffViewSet("staff"), TeamViewSet("teams")]

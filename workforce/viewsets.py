"""Admin viewsets for teams and staff records."""

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Staff, Team
from .selectors import staff_list_for, team_list_for


class TeamIndexView(IndexView):
    def get_base_queryset(self):
        return team_list_for(self.request.user)


class StaffIndexView(IndexView):
    def get_base_queryset(self):
        return staff_list_for(self.request.user)


class TeamViewSet(ModelViewSet):
    model = Team
    url_prefix = "workforce/teams"
    icon = "group"
    menu_label = "Teams"
    list_display = ["name", "stage", "channel", "lead"]
    list_filter = ["stage", "channel"]
    search_fields = ["name"]
    form_fields = ["name", "slug", "stage", "channel", "lead"]
    list_export = ["name", "stage", "channel", "lead"]
    export_filename = "teams"
    index_view_class = TeamIndexView


class StaffViewSet(ModelViewSet):
    model = Staff
    url_prefix = "workforce/staff"
    icon = "user"
    menu_label = "Staff"
    list_display = ["full_name", "employee_number", "job_title", "team", "is_active"]
    list_filter = ["team", "job_title", "is_active"]
    search_fields = ["first_name", "last_name", "employee_number", "email"]
    ordering = ["last_name", "first_name"]
    list_per_page = 50
    form_fields = [
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "team",
        "user",
        "hired_on",
        "is_active",
    ]
    list_export = [
        "employee_number",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "team",
        "hired_on",
        "is_active",
    ]
    export_filename = "staff"
    index_view_class = StaffIndexView


class WorkforceViewSetGroup(ModelViewSetGroup):
    menu_label = "Workforce"
    menu_icon = "group"
    menu_order = 300
    items = (StaffViewSet("staff"), TeamViewSet("teams"))

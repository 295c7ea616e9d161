"""The staff listing (scoped, filtered, exported) and a person's page."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..hooks import WORKFORCE_MENU, person_flags
from ..models import Language, PartnerAgency, Staff, Team, TeamMembership
from ..selectors import staff_list_for, staff_visible_to, team_history
from .staff_import import IMPORT_STAFF


def with_team_today(staff):
    """Each person's team today, read in the listing's own query."""
    today = TeamMembership.objects.on(timezone.localdate()).filter(staff=OuterRef("pk"))
    return staff.annotate(
        team_today=Subquery(today.values("team__name")[:1]),
        partner_today=Subquery(today.values("team__partner__name")[:1]),
    )


class StaffFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(
        label="Team (today)", queryset=Team.objects.all(), method="filter_team"
    )
    partner = django_filters.ModelChoiceFilter(
        label="Partner agency (today)",
        queryset=PartnerAgency.objects.all(),
        method="filter_partner",
    )
    status = django_filters.ChoiceFilter(choices=Staff.Status.choices)
    languages = django_filters.ModelChoiceFilter(
        label="Speaks", queryset=Language.objects.all()
    )
    job_title = django_filters.ChoiceFilter(choices=Staff.JobTitle.choices)

    class Meta:
        model = Staff
        fields = []

    def _today(self):
        return TeamMembership.objects.on(timezone.localdate())

    def filter_team(self, queryset, name, value):
        return queryset.filter(pk__in=self._today().filter(team=value).values("staff"))

    def filter_partner(self, queryset, name, value):
        in_partner = self._today().filter(team__partner=value).values("staff")
        return queryset.filter(pk__in=in_partner)


class StaffIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        staff = staff_list_for(self.request.user, on=timezone.localdate())
        return with_team_today(staff)

    @cached_property
    def header_buttons(self):
        """Beside *Add staff*, the way to the roster upload, for those who may
        import (the upload refuses anyone else)."""
        buttons = super().header_buttons
        if self.request.user.has_perm(IMPORT_STAFF):
            upload = reverse("staff_import:index")
            buttons = [
                *buttons,
                HeaderButton("Import staff", upload, icon_name="upload"),
            ]
        return buttons


class StaffInspectView(InspectView):
    """A person's page: their record, team history and resignations."""

    template_name = "workforce/staff_inspect.html"
    fields = [
        "employee_number",
        "job_title",
        "status",
        "hired_on",
        "email",
        "languages",
        "phone_extension",
        "dialer_agent_id",
    ]

    def get_object(self, queryset=None):
        visible = staff_visible_to(viewer=self.request.user, on=timezone.localdate())
        staff = super().get_object(queryset)
        if not visible.filter(pk=staff.pk).exists():
            raise PermissionDenied
        return staff

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["team_history"] = team_history(self.object)
        context["resignations"] = self.object.resignations.order_by("-recorded_at")
        context["flags"] = person_flags([self.object.pk], timezone.localdate()).get(
            self.object.pk, []
        )
        return context


class StaffViewSet(RefusesWith403, ModelViewSet):
    model = Staff
    url_prefix = "workforce/staff"
    icon = "user"
    menu_label = "Staff"
    menu_order = 10
    add_to_admin_menu = True
    menu_hook = WORKFORCE_MENU
    inspect_view_enabled = True
    index_view_class = StaffIndexView
    inspect_view_class = StaffInspectView
    filterset_class = StaffFilterSet
    list_display = [
        "full_name",
        "employee_number",
        "job_title",
        Column("team_today", label="Team today"),
        "status",
    ]
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
        "team_today",
        "partner_today",
        "hired_on",
        "status",
        "phone_extension",
        "dialer_agent_id",
    ]
    export_headings = {
        "team_today": "Team today",
        "partner_today": "Partner agency today",
    }
    export_filename = "staff"

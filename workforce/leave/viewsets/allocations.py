"""Allocations: managers keep them (or import them); leads see their teams'."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403

from ..models import Allocation, LeaveType
from ..selectors import allocations_visible_to
from .allocation_import import AllocationImportView, may_import_allocations


class AllocationFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter()
    leave_type = django_filters.ModelChoiceFilter(queryset=LeaveType.objects.all())

    class Meta:
        model = Allocation
        fields = []


class AllocationIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return allocations_visible_to(self.request.user, on=timezone.localdate())

    @cached_property
    def header_buttons(self):
        """Beside *Add allocation*, the way to the upload, for those who may
        import (the upload refuses anyone else)."""
        buttons = super().header_buttons
        if may_import_allocations(self.request.user):
            upload = reverse("leave_allocations:import")
            buttons = [*buttons, HeaderButton("Import", upload, icon_name="upload")]
        return buttons


class AllocationViewSet(RefusesWith403, ModelViewSet):
    model = Allocation
    url_prefix = "workforce/leave-allocations"
    icon = "table"
    menu_label = "Allocations"
    menu_order = 30
    index_view_class = AllocationIndexView
    filterset_class = AllocationFilterSet
    copy_view_enabled = False
    list_display = [
        Column("staff", label="Person", sort_key="staff__last_name"),
        "leave_type",
        "year",
        "granted",
        Column("carried_over", label="Carried over"),
        Column("carry_over_expires", label="Carry-over expires"),
        "taken",
        "pending",
        Column("remaining", label="Remaining"),
    ]
    search_fields = ["staff__first_name", "staff__last_name", "staff__employee_number"]
    form_fields = [
        "staff",
        "leave_type",
        "year",
        "granted",
        "carried_over",
        "carry_over_expires",
    ]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "leave_type.code",
        "year",
        "granted",
        "carried_over",
        "carry_over_expires",
        "taken",
        "pending",
        "remaining",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "leave_type.code": "Leave type",
    }
    export_filename = "leave-allocations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", AllocationImportView.as_view(), name="import"),
        ]

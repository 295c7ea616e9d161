"""Shift types: managers keep them; leads see them."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.people.models import Team

from ..models import ShiftType


class ShiftTypeFilterSet(WagtailFilterSet):
    teams = django_filters.ModelChoiceFilter(
        label="Used by", queryset=Team.objects.all()
    )
    active = django_filters.BooleanFilter()

    class Meta:
        model = ShiftType
        fields = []


class ShiftTypeIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return ShiftType.objects.prefetch_related("teams")


class ColourColumn(Column):
    cell_template_name = "scheduling/columns/colour_cell.html"


class ClockColumn(Column):
    """A time as the plan shows it: 07:00, 22:00."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return f"{value:%H:%M}" if value is not None else None


class ShiftTypeViewSet(RefusesWith403, ModelViewSet):
    model = ShiftType
    url_prefix = "workforce/shift-types"
    icon = "time"
    menu_label = "Shift types"
    menu_order = 20
    index_view_class = ShiftTypeIndexView
    filterset_class = ShiftTypeFilterSet
    copy_view_enabled = False
    list_display = [
        "name",
        ColourColumn("code", label="Code"),
        ClockColumn("starts_at", label="Starts", sort_key="starts_at"),
        ClockColumn("ends_at", label="Ends", sort_key="ends_at"),
        Column("unpaid_break_minutes", label="Unpaid break (min)"),
        Column("team_names", label="Used by"),
        BooleanColumn("active", label="Active"),
    ]
    search_fields = ["name", "code"]
    form_fields = [
        "name",
        "code",
        "starts_at",
        "ends_at",
        "unpaid_break_minutes",
        "colour",
        "teams",
        "active",
    ]
    list_export = [
        "name",
        "code",
        "starts_at",
        "ends_at",
        "unpaid_break_minutes",
        "paid_hours",
        "colour",
        "team_names",
        "active",
    ]
    export_headings = {"paid_hours": "Paid hours", "team_names": "Used by"}
    export_filename = "shift-types"

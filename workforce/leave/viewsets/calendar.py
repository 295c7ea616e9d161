"""Public holidays (the agency's own days added here; the country's filled by
``fill_public_holidays``) and team blackouts: managers keep them, leads see
them."""

import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from workforce.scheduling.viewsets.access import RefusesWith403

from ..models import Blackout, PublicHoliday


class SafeIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT


class PublicHolidayFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget)
    source = django_filters.ChoiceFilter(choices=PublicHoliday.Source.choices)

    class Meta:
        model = PublicHoliday
        fields = []


class PublicHolidayViewSet(RefusesWith403, ModelViewSet):
    model = PublicHoliday
    url_prefix = "workforce/public-holidays"
    icon = "date"
    menu_label = "Public holidays"
    menu_order = 40
    index_view_class = SafeIndexView
    filterset_class = PublicHolidayFilterSet
    copy_view_enabled = False
    list_display = ["date", "name", Column("source", accessor="get_source_display")]
    search_fields = ["name"]
    form_fields = ["date", "name", "source"]
    list_export = ["date", "name", "get_source_display"]
    export_headings = {"get_source_display": "Source"}
    export_filename = "public-holidays"


class BlackoutFilterSet(WagtailFilterSet):
    first_day = django_filters.DateFromToRangeFilter(
        label="Starts", widget=DateRangePickerWidget
    )

    class Meta:
        model = Blackout
        fields = ["team"]


class BlackoutIndexView(SafeIndexView):
    def get_base_queryset(self):
        return Blackout.objects.select_related("team")


class BlackoutViewSet(RefusesWith403, ModelViewSet):
    model = Blackout
    url_prefix = "workforce/leave-blackouts"
    icon = "warning"
    menu_label = "Blackouts"
    menu_order = 50
    index_view_class = BlackoutIndexView
    filterset_class = BlackoutFilterSet
    copy_view_enabled = False
    list_display = ["team", "first_day", "last_day", "reason"]
    search_fields = ["reason"]
    form_fields = ["team", "first_day", "last_day", "reason"]
    list_export = ["team", "first_day", "last_day", "reason"]
    export_filename = "leave-blackouts"

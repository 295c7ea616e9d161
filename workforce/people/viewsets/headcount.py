"""The headcount report: people in each team on a date, with the month's
joiners and leavers, by team or by who runs the teams; page, CSV and XLSX."""

import datetime

import django_filters
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies import ModelPermissionPolicy

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import refused_with_403

from ..models import Staff, Team
from ..selectors import headcount

BY_TEAM, BY_RUN_BY = "team", "run_by"


class HeadcountFilterSet(WagtailFilterSet):
    """The report's date and grouping; they shape the rows rather than filter
    a queryset (``HeadcountView.filter_queryset``)."""

    on = django_filters.DateFilter(label="On", widget=AdminDateInput)
    group_by = django_filters.ChoiceFilter(
        label="Group by",
        choices=[(BY_TEAM, "Team"), (BY_RUN_BY, "Run by (in-house, partner)")],
        empty_label=None,
    )

    class Meta:
        model = Team
        fields = []


class HeadcountView(ReportView):
    page_title = "Headcount"
    header_icon = "group"
    results_template_name = "workforce/reports/headcount_results.html"
    index_url_name = "workforce_reports:headcount"
    index_results_url_name = "workforce_reports:headcount_results"
    filterset_class = HeadcountFilterSet
    # Managers: whoever may see every person's records.
    permission_policy = ModelPermissionPolicy(Staff)
    permission_required = "oversee"
    paginate_by = None
    custom_value_preprocess = SAFE_TEXT

    @cached_property
    def cleaned(self) -> dict:
        return self.filters.form.cleaned_data if self.filters.is_valid() else {}

    @cached_property
    def on(self) -> datetime.date:
        """The report's date: whose team is counted where, and whose month."""
        return self.cleaned.get("on") or timezone.localdate()

    @cached_property
    def grouping(self) -> str:
        return self.cleaned.get("group_by") or BY_TEAM

    @cached_property
    def counts(self) -> dict:
        return headcount(on=self.on)

    @cached_property
    def columns(self):
        counted = [
            Column("people", label="People", accessor="people"),
            Column("joiners", label="Joiners in the month", accessor="joiners"),
            Column("leavers", label="Leavers in the month", accessor="leavers"),
        ]
        if self.grouping == BY_RUN_BY:
            return [
                Column("name", label="Run by", accessor="name"),
                Column("teams", label="Teams", accessor="teams"),
                *counted,
            ]
        return [
            Column("name", label="Team", accessor="name"),
            Column("run_by", label="Run by", accessor="run_by"),
            *counted,
        ]

    @cached_property
    def list_export(self):
        return [column.accessor for column in self.columns]

    @cached_property
    def export_headings(self):
        return {column.accessor: column.label for column in self.columns}

    def get_filename(self):
        return f"headcount-by-{self.grouping.replace('_', '-')}-{self.on:%Y-%m-%d}"

    def get_base_queryset(self):
        by = "by_agency" if self.grouping == BY_RUN_BY else "by_team"
        rows = self.counts[by]
        total = {"name": "Total", "run_by": ""} | self.counts["total"]
        return [*rows, total]

    def filter_queryset(self, queryset):
        return queryset  # the filters chose the rows in get_base_queryset

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["on"], context["month"] = self.on, self.counts["month"]
        return context


urlpatterns = [
    path("headcount/", refused_with_403(HeadcountView.as_view()), name="headcount"),
    path(
        "headcount/results/",
        refused_with_403(HeadcountView.as_view(results_only=True)),
        name="headcount_results",
    ),
]

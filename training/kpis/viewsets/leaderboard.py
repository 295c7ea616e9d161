"""The KPI leaderboard: a lead's teams' collectors (a manager's: every team
and partner) ranked by a KPI or by the composite for a month, with CSV and
XLSX. Each collector counts in a team for the days they were in it.
Anyone who leads no team and may not see every team: 403."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from deskbook.core.exports import SAFE_TEXT, export_links
from deskbook.core.refusals import RefusedWith403
from deskbook.core.teams import IN_HOUSE, IN_HOUSE_KEY
from training.kpis.calculations.measures import COLLECTED_VS_TARGET, read
from workforce.people.models import PartnerAgency

from ..selectors import (
    Month,
    kpi_names,
    leaderboard,
    leaderboard_teams,
    may_see_all,
)

COLUMNS = [
    ("rank", "Rank"),
    ("team", "Team"),
    ("collector", "Collector"),
    ("value", "Value"),
    ("composite", "Composite"),
    ("collected", "Collected"),
    ("collection_target", "Collection target"),
    ("vs_target", "Collected vs target (%)"),
]


class LeaderboardForm(forms.Form):
    month = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"type": "month"})
    )
    kpi = forms.ChoiceField(label="KPI", required=False)
    team = forms.ModelChoiceField(queryset=None, required=False)
    run_by = forms.ChoiceField(label="Run by", required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = leaderboard_teams(viewer)
        self.fields["kpi"].choices = [("", "Composite")] + [
            (name, name) for name in kpi_names(viewer)
        ]
        if may_see_all(viewer):
            self.fields["run_by"].choices = [("", "Anyone"), (IN_HOUSE_KEY, IN_HOUSE)]
            self.fields["run_by"].choices += [
                (str(p.pk), p.name) for p in PartnerAgency.objects.order_by("name")
            ]
        else:
            del self.fields["run_by"]


class LeaderboardView(
    RefusedWith403, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "kpis/leaderboard.html"
    page_title = "KPI leaderboard"
    header_icon = "list-ol"
    custom_value_preprocess = SAFE_TEXT

    def check_allowed(self):
        viewer = self.request.user
        if not (may_see_all(viewer) or leaderboard_teams(viewer).exists()):
            raise PermissionDenied("The leaderboard is for team leads and managers.")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def form(self):
        # The month shown is this month until another is chosen.
        this_month = Month.of(timezone.localdate()).key
        return LeaderboardForm(
            self.request.GET or None,
            viewer=self.request.user,
            initial={"month": this_month},
        )

    @cached_property
    def choices(self) -> dict:
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        return {
            "month": Month.parse(cleaned.get("month"), timezone.localdate()),
            "kpi": cleaned.get("kpi") or "",
            "team": cleaned.get("team"),
            "run_by": cleaned.get("run_by") or "",
        }

    @cached_property
    def rows(self):
        return leaderboard(viewer=self.request.user, **self.choices)

    @cached_property
    def row_dicts(self) -> list[dict]:
        return [
            {
                "rank": row.rank if row.rank is not None else "",
                "team": row.team.name,
                "collector": row.collector.full_name,
                "value": _said(row.value),
                "composite": _said(row.composite),
                "collected": row.totals.collected,
                "collection_target": row.totals.collection_target,
                "vs_target": _said(read(COLLECTED_VS_TARGET, row.totals).value),
                "url": reverse("kpis:collector", args=[row.collector.pk])
                + f"?month={self.choices['month'].key}",
            }
            for row in self.rows
        ]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                self.row_dicts, request.GET.get("export", self.FORMAT_CSV)
            )
        return super().get(request, *args, **kwargs)

    list_export = [key for key, _ in COLUMNS]
    export_headings = dict(COLUMNS)

    def get_filename(self):
        return f"kpi-leaderboard-{self.choices['month'].key}"

    def to_row_dict(self, item):
        return {key: item[key] for key in self.list_export}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = self.choices["month"]
        context.update(
            form=self.form,
            heading=f"{self.choices['kpi'] or 'Composite'}, {month.label}",
            rows=self.row_dicts,
            **export_links(self.request),
        )
        return context


def _said(value):
    return "no data" if value is None else value

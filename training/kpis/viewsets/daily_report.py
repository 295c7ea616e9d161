"""*Daily KPI report*: a day's figures per collector and team (yesterday
unless another day is chosen), CSV/XLSX. Leads and managers; anyone else 403."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from deskbook.core.exports import SAFE_TEXT, export_links
from deskbook.core.refusals import RefusedWith403

from ..daily_report import COLUMNS, daily_report
from ..selectors import leaderboard_teams, may_see_all


class DayForm(forms.Form):
    day = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


class DailyReportView(
    RefusedWith403, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "kpis/daily_report.html"
    page_title = "Daily KPI report"
    header_icon = "list-ol"
    custom_value_preprocess = SAFE_TEXT
    list_export = [key for key, _ in COLUMNS]
    export_headings = dict(COLUMNS)

    def check_allowed(self):
        viewer = self.request.user
        if not (may_see_all(viewer) or leaderboard_teams(viewer).exists()):
            raise PermissionDenied("The daily report is for team leads and managers.")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def form(self):
        return DayForm(self.request.GET or None)

    @cached_property
    def day(self) -> datetime.date:
        if self.form.is_valid() and self.form.cleaned_data.get("day"):
            return self.form.cleaned_data["day"]
        return yesterday()

    @cached_property
    def lines(self):
        return daily_report(viewer=self.request.user, day=self.day)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                [line.as_dict() for line in self.lines],
                request.GET.get("export", self.FORMAT_CSV),
            )
        return super().get(request, *args, **kwargs)

    def get_filename(self):
        return f"kpi-daily-report-{self.day}"

    def to_row_dict(self, item):
        return item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            heading=f"{self.day:%A %d %B %Y}",
            headings=[heading for _, heading in COLUMNS],
            lines=[(line, list(line.as_dict().values())) for line in self.lines],
            **export_links(self.request),
        )
        return context

"""*Reports → Leave taken*: days of approved leave a month of a year, by type
and by team or by who runs the teams (in-house, each partner agency),
filtered by team, partner and type; as a page with a chart, CSV or XLSX.
Managers only."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.menus import PermissionMenuItem
from deskbook.core.refusals import RefusedWith403
from workforce.people.selectors import SEE_EVERYONE

from .. import calculations as calc
from ..admin_forms import LeaveReportForm
from ..selectors import is_manager, leave_taken
from .report_chart import MONTHS, Series, stacked_months

MONTH_KEYS = [name.lower() for name in MONTHS]


def days(value: Decimal):
    """Days as a spreadsheet cell: 3 and 2.5, never 3.0."""
    return int(value) if value == int(value) else float(value)


def month_cells(months) -> dict:
    """``jan`` to ``dec``, and ``total``: a line's cells."""
    return {
        **{key: days(value) for key, value in zip(MONTH_KEYS, months, strict=True)},
        "total": days(sum(months, calc.ZERO)),
    }


class LeaveReportView(
    RefusedWith403, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    page_title = "Leave taken"
    header_icon = "date"
    template_name = "leave/report.html"
    custom_value_preprocess = SAFE_TEXT

    def check_allowed(self):
        if not is_manager(self.request.user):
            raise PermissionDenied("The leave report is for managers.")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def form(self) -> LeaveReportForm:
        # Unbound until asked, but showing the year the page reports on.
        return LeaveReportForm(
            self.request.GET or None, initial={"year": timezone.localdate().year}
        )

    @cached_property
    def choices(self) -> dict:
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        return {
            "year": cleaned.get("year") or timezone.localdate().year,
            "by_run_by": cleaned.get("group_by") == LeaveReportForm.BY_RUN_BY,
            "team": cleaned.get("team"),
            "partner": cleaned.get("partner") or "",
            "leave_type": cleaned.get("leave_type"),
        }

    @cached_property
    def lines(self):
        return leave_taken(**self.choices)

    @property
    def group_label(self) -> str:
        return "Run by" if self.choices["by_run_by"] else "Team"

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                self.rows(), self.request.GET.get("export", self.FORMAT_CSV)
            )
        return super().get(request, *args, **kwargs)

    def rows(self) -> list[dict]:
        """A line a group and type, then the totals of each month."""
        rows = [
            {
                "group": line.group,
                "leave_type": line.leave_type.name,
                **month_cells(line.months),
            }
            for line in self.lines
        ]
        totals = [
            sum((line.months[m] for line in self.lines), calc.ZERO) for m in range(12)
        ]
        rows.append(
            {
                "group": "Total",
                "leave_type": "",
                **month_cells(totals),
            }
        )
        return rows

    @property
    def list_export(self):
        return ["group", "leave_type", *MONTH_KEYS, "total"]

    @property
    def export_headings(self):
        return {
            "group": self.group_label,
            "leave_type": "Type",
            **dict(zip(MONTH_KEYS, MONTHS, strict=True)),
            "total": "Total",
        }

    def get_filename(self):
        grouping = "run-by" if self.choices["by_run_by"] else "team"
        return f"leave-taken-{self.choices['year']}-by-{grouping}"

    def to_row_dict(self, item):
        return item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_type: dict[int, Series] = {}
        for line in self.lines:
            found = by_type.get(line.leave_type.pk)
            months = list(line.months)
            if found:
                months = [a + b for a, b in zip(found.months, months, strict=True)]
            by_type[line.leave_type.pk] = Series(
                line.leave_type.name, line.leave_type.colour, months
            )
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(
            form=self.form,
            year=self.choices["year"],
            year_text=str(self.choices["year"]),
            group_label=self.group_label,
            months=MONTHS,
            rows=self.rows(),
            chart=stacked_months(sorted(by_type.values(), key=lambda s: s.label)),
            csv_url=f"?{query.urlencode()}&export=csv".replace("?&", "?"),
            xlsx_url=f"?{query.urlencode()}&export=xlsx".replace("?&", "?"),
        )
        return context


urlpatterns = [path("", LeaveReportView.as_view(), name="leave_taken")]


def leave_report_menu_item() -> PermissionMenuItem:
    return PermissionMenuItem(
        "Leave taken",
        reverse("leave_reports:leave_taken"),
        name="leave-taken",
        icon_name="date",
        order=1310,
        permission=SEE_EVERYONE,
    )

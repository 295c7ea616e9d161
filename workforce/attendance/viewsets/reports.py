"""*Reports → Attendance summary*, *Lateness trend* and *Absence by
weekday*: the teams the viewer may see (managers every team, leads their
own), filtered by team and a month or a range; each as a page with a chart
drawn on the server, CSV or XLSX. Anyone else: 403."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from deskbook.core.charts import Bars, stacked_bars
from deskbook.core.exports import SAFE_TEXT
from deskbook.core.menus import PermissionMenuItem
from deskbook.core.refusals import RefusedWith403

from ..admin_forms import AttendanceReportForm
from ..reports import (
    absence_by_weekday,
    attendance_summary,
    lateness_trend,
    may_see_reports,
    report_teams,
)

DAY = datetime.timedelta(days=1)
LATE_COLOUR, ABSENT_COLOUR, PRESENT_COLOUR = "#ef6c00", "#c62828", "#2e7d32"
LEFT_EARLY_COLOUR, LEAVE_COLOUR = "#6a1b9a", "#1565c0"


def percent(share: float | None):
    """A share as a percentage with one decimal, blank when there is none."""
    return "" if share is None else round(share * 100, 1)


def month_span(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    following = (first + 32 * DAY).replace(day=1)
    return first, following - DAY


class AttendanceReportView(
    RefusedWith403, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    header_icon = "time"
    template_name = "attendance/report.html"
    custom_value_preprocess = SAFE_TEXT
    columns: list[tuple[str, str]] = []  # (key, heading)
    slug = ""

    def check_allowed(self):
        if not may_see_reports(self.request.user):
            raise PermissionDenied("Attendance reports are for leads and managers.")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def teams(self):
        return list(report_teams(self.request.user))

    @cached_property
    def form(self) -> AttendanceReportForm:
        today = timezone.localdate()
        return AttendanceReportForm(
            self.request.GET or None,
            teams=report_teams(self.request.user),
            initial={"month": today.replace(day=1)},
        )

    @cached_property
    def choices(self) -> dict:
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        if cleaned.get("first") and cleaned.get("last"):
            first, last = cleaned["first"], cleaned["last"]
        else:
            first, last = month_span(cleaned.get("month") or timezone.localdate())
        team = cleaned.get("team")
        return {"teams": [team] if team else self.teams, "first": first, "last": last}

    @property
    def period(self) -> str:
        first, last = self.choices["first"], self.choices["last"]
        return f"{first:%d %b %Y} to {last:%d %b %Y}"

    def lines(self):
        raise NotImplementedError

    def rows(self) -> list[dict]:
        raise NotImplementedError

    def chart(self) -> dict:
        raise NotImplementedError

    @cached_property
    def row_dicts(self) -> list[dict]:
        return self.rows()

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(
                self.row_dicts, self.request.GET.get("export", self.FORMAT_CSV)
            )
        return super().get(request, *args, **kwargs)

    @property
    def list_export(self):
        return [key for key, _ in self.columns]

    @property
    def export_headings(self):
        return dict(self.columns)

    def get_filename(self):
        first, last = self.choices["first"], self.choices["last"]
        return f"attendance-{self.slug}-{first}-to-{last}"

    def to_row_dict(self, item):
        return item

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(
            form=self.form,
            heading=f"{self.page_title}, {self.period}",
            headings=[heading for _, heading in self.columns],
            table=[[row[key] for key, _ in self.columns] for row in self.row_dicts],
            chart=self.chart(),
            chart_title=f"{self.page_title}, {self.period}",
            explanation=self.explanation,
            csv_url=f"?{query.urlencode()}&export=csv".replace("?&", "?"),
            xlsx_url=f"?{query.urlencode()}&export=xlsx".replace("?&", "?"),
        )
        return context


class SummaryReportView(AttendanceReportView):
    page_title = "Attendance summary"
    slug = "summary"
    columns = [
        ("team", "Team"),
        ("month", "Month"),
        ("scheduled", "Scheduled days"),
        ("present", "Present"),
        ("late", "Late"),
        ("left_early", "Left early"),
        ("absent", "Absent"),
        ("on_leave", "On leave"),
        ("adherence", "Adherence %"),
        ("conformance", "Conformance %"),
    ]
    explanation = (
        "A line a team a month. Scheduled days are the days a published shift "
        "expected someone (on leave or in training included); the counts are "
        "the status that stands, corrections included. Adherence is the share "
        "of expected minutes inside a clocked session, conformance the minutes "
        "clocked over the minutes expected, both as the clock says."
    )

    @cached_property
    def lines(self):
        return attendance_summary(viewer=self.request.user, **self.choices)

    def rows(self):
        return [
            {
                "team": line.team.name,
                "month": f"{line.month:%b %Y}",
                "scheduled": line.scheduled,
                "present": line.present,
                "late": line.late,
                "left_early": line.left_early,
                "absent": line.absent,
                "on_leave": line.on_leave,
                "adherence": percent(line.adherence),
                "conformance": percent(line.conformance),
            }
            for line in self.lines
        ]

    def chart(self):
        labels = [f"{line.team.name} {line.month:%b}" for line in self.lines]
        layers = [
            ("Present", PRESENT_COLOUR, "present"),
            ("Late", LATE_COLOUR, "late"),
            ("Left early", LEFT_EARLY_COLOUR, "left_early"),
            ("Absent", ABSENT_COLOUR, "absent"),
            ("On leave", LEAVE_COLOUR, "on_leave"),
        ]
        return stacked_bars(
            [
                Bars(label, colour, [getattr(line, key) for line in self.lines])
                for label, colour, key in layers
            ],
            labels,
            lambda value: f"{value} days",
        )


class LatenessReportView(AttendanceReportView):
    page_title = "Lateness trend"
    slug = "lateness"
    columns = [
        ("week", "Week from"),
        ("late", "Late arrivals"),
        ("average_minutes_late", "Average minutes late"),
    ]
    explanation = (
        "Each week from its Monday: the days whose first clock-in came after "
        "the grace past the expected start, and how many minutes after the "
        "start they came on average."
    )

    @cached_property
    def lines(self):
        return lateness_trend(viewer=self.request.user, **self.choices)

    def rows(self):
        return [
            {
                "week": f"{line.monday:%d %b %Y}",
                "late": line.late,
                "average_minutes_late": (
                    ""
                    if line.average_minutes_late is None
                    else round(line.average_minutes_late, 1)
                ),
            }
            for line in self.lines
        ]

    def chart(self):
        return stacked_bars(
            [Bars("Late arrivals", LATE_COLOUR, [line.late for line in self.lines])],
            [f"{line.monday:%d %b}" for line in self.lines],
            lambda value: f"{value} late",
        )


class AbsenceReportView(AttendanceReportView):
    page_title = "Absence by weekday"
    slug = "absence"
    columns = [
        ("weekday", "Weekday"),
        ("scheduled", "Scheduled days"),
        ("absent", "Absent"),
        ("share", "Absent %"),
    ]
    explanation = (
        "Each weekday: the scheduled days and those absent (no clock-in once "
        "the grace had passed, or corrected to absent)."
    )

    @cached_property
    def lines(self):
        return absence_by_weekday(viewer=self.request.user, **self.choices)

    def rows(self):
        return [
            {
                "weekday": line.weekday,
                "scheduled": line.scheduled,
                "absent": line.absent,
                "share": percent(line.share),
            }
            for line in self.lines
        ]

    def chart(self):
        return stacked_bars(
            [
                Bars(
                    "Absent",
                    ABSENT_COLOUR,
                    [Decimal(line.absent) for line in self.lines],
                )
            ],
            [line.weekday for line in self.lines],
            lambda value: f"{value} absent",
        )


urlpatterns = [
    path("summary/", SummaryReportView.as_view(), name="summary"),
    path("lateness/", LatenessReportView.as_view(), name="lateness"),
    path("absence/", AbsenceReportView.as_view(), name="absence"),
]

REPORTS = [
    ("Attendance summary", "summary", 1320),
    ("Lateness trend", "lateness", 1321),
    ("Absence by weekday", "absence", 1322),
]


def report_menu_item(label: str, name: str, order: int) -> PermissionMenuItem:
    # Leads and managers hold the right to see clock events; the page checks
    # the teams.
    return PermissionMenuItem(
        label,
        reverse(f"attendance_reports:{name}"),
        name=f"attendance-{name}",
        icon_name="time",
        order=order,
        permission="attendance.view_clockevent",
    )

"""*Training reports*: completion by team and course (with a chart that
renders offline, CSV and XLSX), overdue refreshers, each course's
effectiveness over Kirkpatrick's four levels; and *Refreshers due*, the
people whose certificates expire within N days, by team and course. For
trainers, leads and managers, each seeing the people they may see."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.charts import Bars, stacked_bars
from deskbook.core.exports import SAFE_TEXT, export_links
from deskbook.core.refusals import RefusedWith403
from workforce.scheduling.selectors import teams_plannable_by

from ..admin_forms import DueListForm, ReportForm
from ..hooks import TRAINING_MENU
from ..models import Course
from ..selectors.refreshers import REFRESHER_WINDOW_DAYS, refresher_due_list
from ..selectors.reports import (
    by_course,
    completion,
    course_effectiveness,
    overdue_refreshers,
)

SEE_TRAINING = "courses.view_enrolment"
PASSED_COLOUR, NOT_PASSED_COLOUR = "#2e7d32", "#bdbdbd"


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


class ReportMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "table"

    def check_allowed(self):
        if not self.request.user.has_perm(SEE_TRAINING):
            raise PermissionDenied(
                "Training reports are for trainers, leads and managers."
            )

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def form(self) -> ReportForm:
        return ReportForm(
            self.request.GET or None, teams=teams_plannable_by(self.request.user)
        )

    @cached_property
    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        cleaned = self.form.cleaned_data if self.form.is_valid() else {}
        first = cleaned.get("first_day") or today.replace(month=1, day=1)
        last = cleaned.get("last_day") or today.replace(month=12, day=31)
        return first, last

    def chosen(self, name):
        return self.form.cleaned_data.get(name) if self.form.is_valid() else None

    def export_links(self) -> dict:
        return export_links(self.request)


class ExportRows(SpreadsheetExportMixin):
    """A report page that is also its CSV/XLSX: ``rows()`` are dicts keyed
    by ``list_export``."""

    custom_value_preprocess = SAFE_TEXT

    def rows(self) -> list[dict]:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.rows(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    def to_row_dict(self, item):
        return item


class CompletionView(ReportMixin, ExportRows, TemplateView):
    page_title = "Training completion"
    template_name = "courses/report_completion.html"
    list_export = ["team", "course", "assigned", "passed", "failed", "no_show", "rate"]
    export_headings = {"no_show": "Did not attend", "rate": "Completion rate"}

    @cached_property
    def lines(self):
        first, last = self.period
        return completion(
            viewer=self.request.user,
            first_day=first,
            last_day=last,
            course=self.chosen("course"),
            team=self.chosen("team"),
        )

    def rows(self):
        return [
            {
                "team": line.team,
                "course": line.course,
                "assigned": line.assigned,
                "passed": line.passed,
                "failed": line.failed,
                "no_show": line.no_show,
                "rate": round(line.rate, 3) if line.rate is not None else "",
            }
            for line in self.lines
        ]

    def get_filename(self):
        first, last = self.period
        return f"training-completion-{first}-{last}"

    def get_context_data(self, **kwargs):
        courses = by_course(self.lines)
        chart = stacked_bars(
            [
                Bars("Passed", PASSED_COLOUR, [Decimal(c.passed) for c in courses]),
                Bars(
                    "Not passed",
                    NOT_PASSED_COLOUR,
                    [Decimal(c.assigned - c.passed) for c in courses],
                ),
            ],
            [c.course[:14] for c in courses],
        )
        first, last = self.period
        return super().get_context_data(
            form=self.form,
            first=first,
            last=last,
            lines=[{"line": line, "rate": share(line.rate)} for line in self.lines],
            courses=[{"line": c, "rate": share(c.rate)} for c in courses],
            chart=chart,
            overdue=list(
                overdue_refreshers(
                    viewer=self.request.user, today=timezone.localdate()
                )[:200]
            ),
            effectiveness_courses=Course.objects.filter(
                title__in=[c.course for c in courses]
            ),
            **self.export_links(),
            **kwargs,
        )


class EffectivenessView(ReportMixin, TemplateView):
    template_name = "courses/report_effectiveness.html"

    def get_page_title(self):
        return f"Effectiveness: {self.course.title}"

    def check_allowed(self):
        super().check_allowed()
        self.course = get_object_or_404(Course, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        first, last = self.period
        found = course_effectiveness(
            viewer=self.request.user, course=self.course, first_day=first, last_day=last
        )
        learning = found.learning
        gain_chart = stacked_bars(
            [Bars("People", "#1565c0", [Decimal(n) for _, n in learning.distribution])],
            [label for label, _ in learning.distribution],
        )
        rating_chart = stacked_bars(
            [
                Bars(
                    "People",
                    "#6a1b9a",
                    [Decimal(found.ratings[s]) for s in range(1, 6)],
                )
            ],
            ["1", "2", "3", "4", "5"],
        )
        return super().get_context_data(
            form=self.form,
            first=first,
            last=last,
            found=found,
            rating=f"{found.rating:.1f}" if found.rating is not None else "–",
            mean_gain=f"{learning.mean_gain:+.1f}"
            if learning.mean_gain is not None
            else "–",
            normalised=share(learning.mean_normalised_gain),
            gain_chart=gain_chart,
            rating_chart=rating_chart,
            levels=found.levels,
            **kwargs,
        )


class DueListView(ReportMixin, ExportRows, TemplateView):
    page_title = "Refreshers due"
    template_name = "courses/due_list.html"
    list_export = [
        "employee_number",
        "name",
        "course",
        "number",
        "expires_on",
        "booked",
    ]
    export_headings = {"booked": "On a session", "number": "Certificate"}

    @cached_property
    def due_form(self) -> DueListForm:
        return DueListForm(
            self.request.GET or None,
            initial={"within": REFRESHER_WINDOW_DAYS},
            teams=teams_plannable_by(self.request.user),
        )

    @cached_property
    def due(self):
        cleaned = self.due_form.cleaned_data if self.due_form.is_valid() else {}
        within = cleaned.get("within")
        self.within = REFRESHER_WINDOW_DAYS if within is None else within
        return list(
            refresher_due_list(
                viewer=self.request.user,
                today=timezone.localdate(),
                within_days=self.within,
                team=cleaned.get("team"),
                course=cleaned.get("course"),
            )
        )

    def rows(self):
        return [
            {
                "employee_number": c.staff.employee_number,
                "name": c.staff.full_name,
                "course": c.course.title,
                "number": c.number,
                "expires_on": c.expires_on,
                "booked": "yes" if c.booked else "no",
            }
            for c in self.due
        ]

    def get_filename(self):
        return "refreshers-due"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        due = self.due
        return super().get_context_data(
            form=self.due_form,
            within=self.within,
            today=today,
            rows=[{"certificate": c, "days": (c.expires_on - today).days} for c in due],
            **self.export_links(),
            **kwargs,
        )


class TrainingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SEE_TRAINING)


class TrainingReportsViewSet(ViewSet):
    name = "courses_reports"
    url_prefix = "training/reports"
    icon = "table"
    menu_label = "Training reports"
    menu_order = 60
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    menu_item_class = TrainingMenuItem

    def get_urlpatterns(self):
        return [
            path("", CompletionView.as_view(), name="index"),
            path(
                "courses/<int:pk>/", EffectivenessView.as_view(), name="effectiveness"
            ),
        ]


class RefreshersDueViewSet(ViewSet):
    name = "courses_refreshers_due"
    url_prefix = "training/refreshers-due"
    icon = "warning"
    menu_label = "Refreshers due"
    menu_order = 50
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    menu_item_class = TrainingMenuItem

    def get_urlpatterns(self):
        return [path("", DueListView.as_view(), name="index")]

"""*Evaluations*: the evaluations the viewer may see (managers every one,
analysts those they scored, leads their teams' on the day of the call),
filtered and exported; read-only: a final evaluation has no edit."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..evaluation_selectors import evaluations_visible_to
from ..hooks import QA_MENU
from ..models import Evaluation

RECORD_COACHING = "qa.add_coachingrecord"


class EvaluationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=Evaluation.Status.choices)
    critical_failed = django_filters.BooleanFilter(label="Critical fail")
    submitted_at = django_filters.DateFromToRangeFilter(
        label="Submitted", widget=DateRangePickerWidget
    )

    class Meta:
        model = Evaluation
        fields = []


class EvaluationIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return evaluations_visible_to(viewer=self.request.user).order_by(
            "-submitted_at", "-pk"
        )

    @cached_property
    def columns(self):
        columns = super().columns
        if not self.request.user.has_perm(RECORD_COACHING):
            return columns
        # Leads coach from here: the collector's evaluations to link.
        return [
            *columns,
            TitleColumn(
                "coach",
                label="Coaching",
                accessor=lambda evaluation: "Record coaching",
                get_url=lambda evaluation: reverse(
                    "qa_coaching:record", args=[evaluation.collector_id]
                ),
            ),
        ]


class EvaluationInspectView(InspectView):
    """Only an evaluation the viewer may see: the rest are refused, not
    shown (the generic view fetches any row by its id)."""

    def dispatch(self, request, *args, **kwargs):
        visible = evaluations_visible_to(viewer=request.user)
        if not visible.filter(pk=self.object.pk).exists():
            raise PermissionDenied("This evaluation is not open to you.")
        return super().dispatch(request, *args, **kwargs)


class EvaluationViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = Evaluation
    url_prefix = "qa/evaluations"
    icon = "tasks"
    menu_label = "Evaluations"
    menu_order = 70
    index_view_class = EvaluationIndexView
    filterset_class = EvaluationFilterSet
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = EvaluationInspectView
    list_display = [
        Column("call", label="Call"),
        Column("collector", label="Collector", sort_key="collector__last_name"),
        Column("analyst", label="Analyst"),
        Column("version", label="Scorecard"),
        Column("score", label="Score (%)"),
        Column("critical_failed", label="Critical fail"),
        Column("get_status_display", label="State"),
        Column("submitted_at", label="Submitted", sort_key="submitted_at"),
    ]
    search_fields = ["call__call_id", "collector__last_name", "collector__first_name"]
    list_export = [
        "call.call_id",
        "collector.employee_number",
        "collector.full_name",
        "analyst.full_name",
        "version",
        "revision",
        "get_status_display",
        "score",
        "would_be_score",
        "critical_failed",
        "submitted_at",
    ]
    export_headings = {
        "call.call_id": "Call id",
        "collector.employee_number": "Employee number",
        "collector.full_name": "Collector",
        "analyst.full_name": "Analyst",
        "get_status_display": "State",
    }
    export_filename = "qa-evaluations"
    inspect_view_fields = [
        "call",
        "collector",
        "analyst",
        "version",
        "revision",
        "status",
        "score",
        "would_be_score",
        "critical_failed",
        "summary",
        "submitted_at",
    ]

    def get_queryset(self, request):
        return evaluations_visible_to(viewer=request.user)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]

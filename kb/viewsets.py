"""Admin reports of the knowledge base: outstanding acknowledgements, reviews due,
and their URL patterns (under the ``kb_reports`` namespace)."""

import datetime
import itertools
from collections import Counter

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, F, QuerySet
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.roles import STAFF_ROLES
from deskbook.core.teams import NO_TEAM, TeamOnDate, run_by_order, team_directory
from deskbook.core.vocabulary import Department

from .models import AcknowledgementRequest, SOPPage, SOPStatus
from .selectors import outstanding_acknowledgements, sops_due_for_review

SEE_EVERYONE = "kb.view_all_outstanding_acknowledgements"


def _team_choices():
    return team_directory().choices()


def _run_by_choices():
    return team_directory().run_by_choices()


class OutstandingFilterSet(WagtailFilterSet):
    """Filters of the outstanding report; team and who runs it on ``on``,
    the report's date."""

    sop = django_filters.ModelChoiceFilter(
        label="SOP",
        field_name="version__page",
        queryset=SOPPage.objects.live().order_by("title"),
    )
    team = django_filters.ChoiceFilter(
        label="Team", choices=_team_choices, method="filter_team"
    )
    run_by = django_filters.ChoiceFilter(
        label="Run by", choices=_run_by_choices, method="filter_run_by"
    )
    role = django_filters.ModelChoiceFilter(
        label="Role",
        field_name="user__groups",
        queryset=Group.objects.filter(name__in=STAFF_ROLES).order_by("name"),
    )
    department = django_filters.ChoiceFilter(
        label="Department",
        field_name="version__page__department",
        choices=Department.choices,
    )

    class Meta:
        model = AcknowledgementRequest
        fields = []

    def __init__(self, *args, on: datetime.date, **kwargs):
        self.on = on
        super().__init__(*args, **kwargs)

    def filter_team(self, queryset, name, value):
        return queryset.filter(
            user_id__in=team_directory().member_ids(value, on=self.on)
        )

    def filter_run_by(self, queryset, name, value):
        return queryset.filter(
            user_id__in=team_directory().member_ids_run_by(value, on=self.on)
        )


class DaysColumn(Column):
    """Whole days from a date or datetime to today."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if isinstance(value, datetime.datetime):
            value = timezone.localdate(value)
        return (timezone.localdate() - value).days if value else None


def outstanding_for(user, *, on: datetime.date) -> QuerySet[AcknowledgementRequest]:
    """Everyone's outstanding acknowledgements for managers; for a team lead,
    those of the people in their teams on ``on``."""
    outstanding = outstanding_acknowledgements()
    if not user.has_perm(SEE_EVERYONE):
        outstanding = outstanding.filter(
            user_id__in=team_directory().member_ids_led_by(user, on=on)
        )
    return outstanding


class OutstandingAcknowledgementsView(ReportView):
    """Acknowledgements outstanding now, in the teams people are in on the
    report's date (``on``, today): who must still read what, whose lead
    chases it, which partner agency answers for it."""

    page_title = "Outstanding acknowledgements"
    header_icon = "tick"
    results_template_name = "kb/reports/outstanding_acknowledgements_results.html"
    index_url_name = "kb_reports:outstanding_acknowledgements"
    index_results_url_name = "kb_reports:outstanding_acknowledgements_results"
    filterset_class = OutstandingFilterSet
    permission_policy = ModelPermissionPolicy(AcknowledgementRequest)
    permission_required = "view"
    default_ordering = "version__page__title"
    verbose_name_plural = "outstanding acknowledgements"
    columns = [
        TitleColumn(
            "sop",
            label="SOP",
            accessor="version.page.title",
            get_url=lambda request: request.version.page.url,
            sort_key="version__page__title",
        ),
        Column("revision", label="Revision", accessor="version.number"),
        UserColumn("user", label="Person", sort_key="user__last_name"),
        Column("team", label="Team", accessor="team_name"),
        Column("run_by", label="Run by", accessor="run_by"),
        DateColumn("requested_at", label="Asked", sort_key="requested_at"),
        DaysColumn("days", label="Days waiting", accessor="requested_at"),
    ]
    list_export = [
        "version.page.title",
        "version.number",
        "user.get_username",
        "user.get_full_name",
        "team_name",
        "run_by",
        "requested_on",
    ]
    export_headings = {
        "version.page.title": "SOP",
        "version.number": "Revision",
        "user.get_username": "Username",
        "user.get_full_name": "Name",
        "team_name": "Team",
        "run_by": "Run by",
        "requested_on": "Asked on",
    }
    custom_value_preprocess = SAFE_TEXT

    @cached_property
    def on(self) -> datetime.date:
        """The report's date: the day whose teams the rows are grouped in."""
        return timezone.localdate()

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "on": self.on}

    def get_filename(self):
        return f"outstanding-acknowledgements-{self.on:%Y-%m-%d}"

    def get_queryset(self):
        # The person column shows an avatar from the profile.
        self.queryset = outstanding_for(self.request.user, on=self.on).select_related(
            "user__wagtail_userprofile"
        )
        return super().get_queryset()

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        # Straight to the rows: Wagtail would first build the page's context,
        # which counts an unpaginated listing with len(), loading every row as
        # model instances (SOP page and person included) before the export.
        rows = outstanding_export_rows(self.get_filtered_queryset(), on=self.on)
        return self.as_spreadsheet(rows, request.GET.get("export"))

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        teams = team_directory().teams_of({row.user_id for row in rows}, on=self.on)
        for row in rows:
            team = teams.get(row.user_id, NOT_IN_A_TEAM)
            row.team_name, row.run_by = team.name, team.run_by
        return rows

    def to_row_dict(self, item):
        return item  # export rows come as dicts (outstanding_export_rows)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["summary"] = outstanding_summary(self.object_list, on=self.on)
        return context


EXPORT_CHUNK = 2000
NOT_IN_A_TEAM = TeamOnDate(key="", name="", run_by="")


def outstanding_export_rows(
    outstanding: QuerySet[AcknowledgementRequest], *, on: datetime.date
):
    """The export's rows, keyed as ``list_export``, in the report's order.

    Read as plain values a chunk at a time (no model instances: at tens of
    thousands of rows those were most of the time), with the teams each
    chunk's people were in on ``on`` looked up at once.
    """
    username = f"user__{get_user_model().USERNAME_FIELD}"
    values = outstanding.values_list(
        "version__page__title",
        "version__number",
        username,
        "user__first_name",
        "user__last_name",
        "user_id",
        "requested_at",
    ).iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(itertools.islice(values, EXPORT_CHUNK)):
        teams = team_directory().teams_of({row[5] for row in chunk}, on=on)
        for title, number, name, first, last, user_id, requested_at in chunk:
            team = teams.get(user_id, NOT_IN_A_TEAM)
            yield {
                "version.page.title": title,
                "version.number": number,
                "user.get_username": name,
                "user.get_full_name": f"{first} {last}".strip(),
                "team_name": team.name,
                "run_by": team.run_by,
                "requested_on": timezone.localdate(requested_at),
            }


def outstanding_summary(
    outstanding: QuerySet[AcknowledgementRequest], *, on: datetime.date
) -> dict:
    """Counts of the (filtered) outstanding acknowledgements per SOP, per team
    and per who runs the team (in-house, each partner agency), the teams
    being those people were in on ``on``."""
    per_sop = list(
        outstanding.order_by()
        .values(title=F("version__page__title"))
        .annotate(count=Count("pk"))
        .order_by("-count", "title")[:10]
    )
    user_ids = list(outstanding.order_by().values_list("user_id", flat=True))
    teams = team_directory().teams_of(set(user_ids), on=on)
    in_team = [teams.get(user_id) for user_id in user_ids]
    per_team = Counter(team.name if team else NO_TEAM for team in in_team)
    per_run_by = Counter(team.run_by if team else NO_TEAM for team in in_team)
    return {
        "on": on,
        "total": len(user_ids),
        "per_sop": per_sop,
        "per_team": sorted(per_team.items(), key=lambda item: (-item[1], item[0])),
        "per_run_by": sorted(
            per_run_by.items(), key=lambda item: run_by_order(item[0])
        ),
    }


class ReviewDueFilterSet(WagtailFilterSet):
    department = django_filters.ChoiceFilter(
        label="Department", choices=Department.choices
    )
    procedure_owner = django_filters.ModelChoiceFilter(
        label="Owner",
        queryset=lambda request: (
            get_user_model()
            .objects.filter(owned_sops__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        ),
    )

    class Meta:
        model = SOPPage
        fields = []


class ReviewsDueView(ReportView):
    page_title = "SOPs due for review"
    header_icon = "time"
    index_url_name = "kb_reports:reviews_due"
    index_results_url_name = "kb_reports:reviews_due_results"
    filterset_class = ReviewDueFilterSet
    permission_policy = ModelPermissionPolicy(SOPStatus)
    permission_required = "view"
    default_ordering = "status__review_by"
    verbose_name_plural = "SOPs due for review"
    columns = [
        TitleColumn(
            "title",
            label="SOP",
            url_name="wagtailadmin_pages:edit",
            sort_key="title",
        ),
        Column("department", label="Department", accessor="get_department_display"),
        UserColumn("procedure_owner", label="Owner", blank_display_name="Not assigned"),
        DateColumn(
            "last_reviewed", label="Last reviewed", accessor="status.last_reviewed_on"
        ),
        DateColumn(
            "review_by",
            label="Review by",
            accessor="status.review_by",
            sort_key="status__review_by",
        ),
        DaysColumn("overdue", label="Days overdue", accessor="status.review_by"),
    ]
    list_export = [
        "title",
        "get_department_display",
        "procedure_owner",
        "status.last_reviewed_on",
        "status.review_by",
        "full_url",
    ]
    export_headings = {
        "title": "SOP",
        "get_department_display": "Department",
        "procedure_owner": "Owner",
        "status.last_reviewed_on": "Last reviewed",
        "status.review_by": "Review by",
        "full_url": "Link",
    }

    def get_filename(self):
        return f"sops-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = sops_due_for_review().select_related(
            "procedure_owner__wagtail_userprofile"
        )
        return super().get_queryset()


urlpatterns = [
    path(
        "outstanding-acknowledgements/",
        OutstandingAcknowledgementsView.as_view(),
        name="outstanding_acknowledgements",
    ),
    path(
        "outstanding-acknowledgements/results/",
        OutstandingAcknowledgementsView.as_view(results_only=True),
        name="outstanding_acknowledgements_results",
    ),
    path("reviews-due/", ReviewsDueView.as_view(), name="reviews_due"),
    path(
        "reviews-due/results/",
        ReviewsDueView.as_view(results_only=True),
        name="reviews_due_results",
    ),
]

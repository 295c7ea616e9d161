"""The listings of *Training & quality*: courses, sessions, enrolments and
certificates, each filtered, exported and scoped to the viewer. Enrolments
and certificates are written only by the services."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.scheduling.selectors import teams_plannable_by
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..hooks import TRAINING_MENU
from ..models import Certificate, Course, Enrolment, Session
from ..selectors import (
    certificates_visible_to,
    courses_run_by,
    enrolments_visible_to,
    sessions_visible_to,
)
from ..selectors.access import in_teams_on_first_day
from .reviews import course_reviewed


def visible_teams(request):
    return teams_plannable_by(request.user)


def visible_courses(request):
    return Course.objects.all()


class ListingOnly:
    """For a viewset of rows the services write: the listing (and its
    results for filtering) and no add, edit or delete views."""

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class CourseFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=Course.Kind.choices)
    active = django_filters.BooleanFilter()
    flagged = django_filters.BooleanFilter(
        label="Flagged by an SOP change",
        field_name="review_flagged_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Course
        fields = []


class CourseIndexView(IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("owner", "refresher_course")


class CourseViewSet(RefusesWith403, ModelViewSet):
    model = Course
    url_prefix = "training/courses"
    icon = "doc-full-inverse"
    menu_label = "Courses"
    menu_order = 10
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    index_view_class = CourseIndexView
    filterset_class = CourseFilterSet
    copy_view_enabled = False
    list_display = [
        "title",
        Column("kind", label="Kind", accessor="get_kind_display"),
        Column("owner", label="Owner"),
        Column("pass_mark", label="Pass mark"),
        Column("validity_months", label="Valid (months)"),
        Column("refresher_course", label="Renewed by"),
        BooleanColumn("open_for_self_enrolment", label="Self-enrolment"),
        StatusTagColumn(
            "review_flagged_at",
            label="Review",
            accessor=lambda c: "Flagged" if c.review_flagged_at else "",
        ),
    ]
    search_fields = ["title", "code", "description"]
    form_fields = [
        "title",
        "code",
        "kind",
        "description",
        "objectives",
        "sops",
        "owner",
        "duration_hours",
        "pass_mark",
        "max_attempts",
        "validity_months",
        "refresher_course",
        "open_for_self_enrolment",
        "active",
        "review_note",
    ]
    list_export = [
        "title",
        "code",
        "get_kind_display",
        "owner",
        "duration_hours",
        "pass_mark",
        "max_attempts",
        "validity_months",
        "refresher_course",
        "open_for_self_enrolment",
        "active",
        "review_note",
    ]
    export_headings = {"get_kind_display": "Kind"}
    export_filename = "courses"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/reviewed/", course_reviewed, name="reviewed"),
        ]


class SessionFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=visible_courses)
    status = django_filters.ChoiceFilter(choices=Session.Status.choices)
    first_day = django_filters.DateFromToRangeFilter(
        label="Starts", widget=DateRangePickerWidget
    )

    class Meta:
        model = Session
        fields = []


class SessionIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return sessions_visible_to(self.request.user)

    def get_add_url(self):
        if courses_run_by(self.request.user).exists():
            return reverse("courses_sessions:schedule")
        return None

    def get_edit_url(self, instance):
        return reverse("courses_sessions:detail", args=[instance.pk])


def when(session: Session) -> str:
    if not session.starts_at:
        return ""
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    if start.date() == end.date():
        return f"{start:%a %d %b %Y %H:%M}–{end:%H:%M}"
    return f"{start:%d %b} – {end:%d %b %Y}"


class SessionViewSet(RefusesWith403, ListingOnly, ModelViewSet):
    """Sessions: the listing here; scheduling and the session page in
    ``sessions.py`` (dates and calendar events need the service)."""

    model = Session
    url_prefix = "training/sessions"
    icon = "calendar"
    menu_label = "Sessions"
    menu_order = 20
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    index_view_class = SessionIndexView
    filterset_class = SessionFilterSet
    list_display = [
        Column("course", label="Course", sort_key="course__title"),
        Column("when", label="When", accessor=when, sort_key="starts_at"),
        Column("trainer", label="Trainer"),
        Column("where", label="Where"),
        Column("capacity", label="Places"),
        Column("holding", label="Taken"),
        Column("waiting", label="Waiting"),
        StatusTagColumn("status", label="Status", accessor="get_status_display"),
    ]
    search_fields = ["course__title", "room", "trainer__last_name"]
    list_export = [
        "course.title",
        "starts_at",
        "ends_at",
        "trainer.full_name",
        "where",
        "capacity",
        "holding",
        "waiting",
        "get_status_display",
    ]
    export_headings = {
        "course.title": "Course",
        "trainer.full_name": "Trainer",
        "get_status_display": "Status",
    }
    export_filename = "sessions"


class EnrolmentFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        queryset=visible_courses, field_name="session__course"
    )
    team = django_filters.ModelChoiceFilter(
        queryset=visible_teams, method="in_team", label="Team"
    )
    state = django_filters.ChoiceFilter(choices=Enrolment.State.choices)
    source = django_filters.ChoiceFilter(choices=Enrolment.Source.choices)
    first_day = django_filters.DateFromToRangeFilter(
        label="Session starts",
        field_name="session__first_day",
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Enrolment
        fields = []

    def in_team(self, queryset, name, team):
        if not team:
            return queryset
        return queryset.filter(in_teams_on_first_day(team))


class EnrolmentIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return enrolments_visible_to(self.request.user)

    def get_edit_url(self, instance):
        return reverse("courses_sessions:detail", args=[instance.session_id])


class EnrolmentViewSet(RefusesWith403, ListingOnly, ModelViewSet):
    model = Enrolment
    url_prefix = "training/enrolments"
    icon = "group"
    menu_label = "Enrolments"
    menu_order = 30
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    index_view_class = EnrolmentIndexView
    filterset_class = EnrolmentFilterSet
    list_display = [
        Column("staff", label="Person", sort_key="staff__last_name"),
        Column("session", label="Session", sort_key="session__starts_at"),
        StatusTagColumn("state", label="State", accessor="get_state_display"),
        Column("source", label="How", accessor="get_source_display"),
        Column("attempt", label="Attempt"),
    ]
    search_fields = ["staff__first_name", "staff__last_name", "session__course__title"]
    list_export = [
        "staff.employee_number",
        "staff.full_name",
        "session.course.title",
        "session.starts_at",
        "get_state_display",
        "get_source_display",
        "attempt",
        "note",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Name",
        "session.course.title": "Course",
        "session.starts_at": "Session starts",
        "get_state_display": "State",
        "get_source_display": "How",
    }
    export_filename = "enrolments"


class CertificateFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=visible_courses)
    expires_on = django_filters.DateFromToRangeFilter(
        label="Expires", widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = []


class CertificateIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return certificates_visible_to(self.request.user)

    def get_edit_url(self, instance):
        return reverse("courses_certificate_print", args=[instance.number])


def validity(certificate: Certificate) -> str:
    today = timezone.localdate()
    if certificate.expires_on is None:
        return "Does not expire"
    if certificate.expires_on < today:
        return "Expired"
    return "Current"


class CertificateViewSet(RefusesWith403, ListingOnly, ModelViewSet):
    model = Certificate
    url_prefix = "training/certificates"
    icon = "success"
    menu_label = "Certificates"
    menu_order = 40
    menu_hook = TRAINING_MENU
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    list_display = [
        Column("number", label="Number"),
        Column("staff", label="Holder", sort_key="staff__last_name"),
        Column("course", label="Course", sort_key="course__title"),
        Column("issued_on", label="Issued", sort_key="issued_on"),
        Column("expires_on", label="Expires", sort_key="expires_on"),
        StatusTagColumn("validity", label="Validity", accessor=validity),
    ]
    search_fields = ["number", "staff__first_name", "staff__last_name"]
    list_export = [
        "number",
        "staff.employee_number",
        "staff.full_name",
        "course.title",
        "issued_on",
        "expires_on",
    ]
    export_headings = {
        "staff.employee_number": "Employee number",
        "staff.full_name": "Holder",
        "course.title": "Course",
    }
    export_filename = "certificates"

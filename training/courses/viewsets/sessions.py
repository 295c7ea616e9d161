"""Sessions: the listing (``listings.py``), scheduling a session, and the
session page where the trainer enrols people, sees their clashes with
published shifts, marks attendance per date and records the pre/post scores
(by hand or from a spreadsheet). A lead opens it for their own people."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from deskbook.core.refusals import RefusedWith403
from workforce.people.models import Staff
from workforce.people.selectors import staff_visible_to, teams_led_by
from workforce.people.viewsets.spreadsheet_upload import SpreadsheetImportMixin

from ..admin_forms import CancelSessionForm, EnrolForm, SessionScheduleForm
from ..models import Assessment, AttendanceMark, Certificate, Enrolment, Session
from ..selectors import (
    ASSIGN,
    courses_run_by,
    enrolments_visible_to,
    may_run,
    oversees_training,
)
from ..selectors.plan import session_clashes
from ..services import (
    ResultsImportFailed,
    enrolment_cancel,
    enrolment_create,
    import_session_results,
    session_cancel,
    session_confirm,
    session_results_record,
    session_schedule,
)
from ..services.results_import import date_column
from .listings import SessionViewSet as SessionListing

PRESENT, ABSENT = "present", "absent"


class SessionMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_sessions:index"), "label": "Sessions"},
            {"url": "", "label": self.get_page_title()},
        ]


class ScheduleSessionView(SessionMixin, FormView):
    page_title = "Schedule a session"
    template_name = "courses/session_schedule.html"
    form_class = SessionScheduleForm

    def check_allowed(self):
        if not courses_run_by(self.request.user).exists():
            raise PermissionDenied("Sessions are scheduled by trainers and managers.")

    def get_form_kwargs(self):
        user = self.request.user
        trainers = Staff.objects.employed().filter(
            job_title__in=[Staff.JobTitle.TRAINER, Staff.JobTitle.MANAGER]
        )
        if not oversees_training(user):
            trainers = trainers.filter(user=user)
        return {
            **super().get_form_kwargs(),
            "courses": courses_run_by(user).filter(active=True),
            "trainers": trainers,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            session = session_schedule(
                course=data["course"],
                trainer=data["trainer"],
                capacity=data["capacity"],
                room=data["room"],
                online_link=data["online_link"],
                dates=data["dates"],
                confirmed=data["confirmed"],
                by=self.request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, f"Scheduled: {session}.")
        return redirect("courses_sessions:detail", session.pk)


def session_for(request, pk) -> tuple[Session, bool]:
    """The session, and whether ``request.user`` runs it; refused for whoever
    neither runs it nor assigns people (a lead)."""
    session = get_object_or_404(
        Session.objects.select_related("course__owner", "trainer"), pk=pk
    )
    runs = may_run(viewer=request.user, session=session)
    leads = request.user.has_perm(ASSIGN) and teams_led_by(request.user).exists()
    if not runs and not leads:
        raise PermissionDenied("This session's people are not yours to see.")
    return session, runs


def people_to_enrol(user, session):
    """Whoever runs the session enrols anyone employed; a lead, their
    teams' people on its first day."""
    employed = Staff.objects.employed().order_by("last_name", "first_name")
    if may_run(viewer=user, session=session):
        return employed
    return employed.filter(
        pk__in=staff_visible_to(viewer=user, on=session.first_day).values("pk")
    )


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "courses/session.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = kwargs["pk"]

    def check_allowed(self):
        self.session, self.runs = session_for(self.request, self.pk)

    def get_page_title(self):
        return str(self.session)

    def get_context_data(self, **kwargs):
        session, user = self.session, self.request.user
        dates = list(session.dates.all())
        enrolments = list(
            enrolments_visible_to(user)
            .filter(session=session)
            .exclude(state=Enrolment.State.CANCELLED)
            .prefetch_related(
                Prefetch("marks", queryset=AttendanceMark.objects.all()),
                Prefetch("assessments", queryset=Assessment.objects.all()),
            )
            .order_by("created_at", "pk")
        )
        certificates = dict(
            Certificate.objects.filter(enrolment__in=enrolments).values_list(
                "enrolment_id", "number"
            )
        )
        clashes = session_clashes(session, [e.staff_id for e in enrolments])
        rows = []
        for enrolment in enrolments:
            marks = {m.session_date_id: m.present for m in enrolment.marks.all()}
            scores = {a.kind: a.score for a in enrolment.assessments.all()}
            rows.append(
                {
                    "enrolment": enrolment,
                    "cells": [
                        {
                            "name": f"mark-{enrolment.pk}-{d.pk}",
                            "value": {True: PRESENT, False: ABSENT}.get(
                                marks.get(d.pk), ""
                            ),
                        }
                        for d in dates
                    ],
                    "pre": scores.get("pre", ""),
                    "post": scores.get("post", ""),
                    "clashes": clashes.get(enrolment.staff_id, []),
                    "certificate": certificates.get(enrolment.pk),
                    "waiting": enrolment.state == Enrolment.State.WAITLISTED,
                }
            )
        return super().get_context_data(
            session=session,
            dates=dates,
            rows=[r for r in rows if not r["waiting"]],
            waitlist=[r for r in rows if r["waiting"]],
            runs=self.runs,
            enrol_form=kwargs.pop("enrol_form", None)
            or EnrolForm(people=people_to_enrol(user, session)),
            cancel_form=CancelSessionForm(),
            errors=kwargs.pop("errors", []),
            csv_columns=["employee_number", "name"]
            + [date_column(d) for d in dates]
            + ["pre_score", "post_score"],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """The results form: every mark and score at once, or none."""
        if not self.runs:
            raise PermissionDenied("Only the session's trainer or a manager.")
        marks, scores, problems = {}, {}, []
        for name, value in request.POST.items():
            parts = name.split("-")
            if parts[0] == "mark" and len(parts) == 3 and value in (PRESENT, ABSENT):
                marks[(int(parts[1]), int(parts[2]))] = value == PRESENT
            elif parts[0] in ("pre", "post") and len(parts) == 2 and value.strip():
                try:
                    scores[(int(parts[1]), parts[0])] = Decimal(value.strip())
                except InvalidOperation:
                    problems.append(f"Not a score: {value!r}.")
        if not problems:
            try:
                changed = session_results_record(
                    session=self.session, marks=marks, scores=scores, by=request.user
                )
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request, f"Results saved; {len(changed)} people's state changed."
                )
                return redirect("courses_sessions:detail", self.session.pk)
        return self.render_to_response(self.get_context_data(errors=problems))


class SessionActionView(SessionMixin, TemplateView):
    """A POST from the session page: enrol, confirm, cancel the session or a
    place. Each is one service call; its refusal goes back as a message."""

    http_method_names = ["post"]
    action = ""

    def check_allowed(self):
        self.session, self.runs = session_for(self.request, self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        try:
            self.act(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("courses_sessions:detail", self.session.pk)

    def act(self, request):
        user, session = request.user, self.session
        if self.action == "enrol":
            form = EnrolForm(request.POST, people=people_to_enrol(user, session))
            if not form.is_valid():
                raise ValidationError("Choose a person.")
            enrolment = enrolment_create(
                session=session, staff=form.cleaned_data["staff"], by=user
            )
            state = enrolment.get_state_display().lower()
            messages.success(request, f"{enrolment.staff.full_name}: {state}.")
            clashes = session_clashes(session, [enrolment.staff_id])
            if clashes:
                messages.warning(
                    request,
                    f"{enrolment.staff.full_name} has published shifts at the "
                    f"session's times: {'; '.join(clashes[enrolment.staff_id])}. "
                    "Once the session is confirmed it replaces that time in "
                    "the plan and in attendance.",
                )
        elif self.action == "confirm":
            session_confirm(session=session, by=user)
            messages.success(request, "Confirmed: its people leave the plan for it.")
        elif self.action == "cancel":
            form = CancelSessionForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Say why the session is cancelled.")
            session_cancel(session=session, by=user, reason=form.cleaned_data["reason"])
            messages.success(request, "Cancelled; its people are told.")
        elif self.action == "cancel_place":
            enrolment = get_object_or_404(
                Enrolment, pk=self.kwargs["enrolment_id"], session=session
            )
            enrolment_cancel(enrolment=enrolment, by=user)
            messages.success(request, f"{enrolment.staff.full_name}: place cancelled.")


class ResultsUploadView(SpreadsheetImportMixin, SessionMixin, FormView):
    """Attendance and scores from a CSV or XLSX file, all or nothing."""

    template_name = "courses/results_upload.html"
    page_title = "Upload results"
    header_icon = "upload"
    failure = ResultsImportFailed
    listing = "courses_sessions:index"
    listing_label = "Sessions"
    done_message = "Results recorded"

    def check_allowed(self):
        self.session, runs = session_for(self.request, self.kwargs["pk"])
        if not runs:
            raise PermissionDenied("Only the session's trainer or a manager.")

    def get_context_data(self, **kwargs):
        dates = list(self.session.dates.all())
        return super().get_context_data(
            session=self.session, date_columns=[date_column(d) for d in dates], **kwargs
        )

    def run_import(self, *, source, filename, dry_run):
        return import_session_results(
            session=self.session,
            source=source,
            filename=filename,
            dry_run=dry_run,
            by=self.request.user,
        )

    def imported(self, report):
        messages.success(self.request, f"{self.done_message}: {report}.")
        return redirect("courses_sessions:detail", self.session.pk)


class SessionViewSet(SessionListing):
    def get_urlpatterns(self):
        action = SessionActionView.as_view
        return [
            *super().get_urlpatterns(),
            path("schedule/", ScheduleSessionView.as_view(), name="schedule"),
            path("<int:pk>/", SessionDetailView.as_view(), name="detail"),
            path("<int:pk>/enrol/", action(action="enrol"), name="enrol"),
            path("<int:pk>/confirm/", action(action="confirm"), name="confirm"),
            path("<int:pk>/cancel/", action(action="cancel"), name="cancel"),
            path(
                "<int:pk>/places/<int:enrolment_id>/cancel/",
                action(action="cancel_place"),
                name="cancel_place",
            ),
            path("<int:pk>/upload/", ResultsUploadView.as_view(), name="upload"),
        ]

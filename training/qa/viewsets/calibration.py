"""*Calibration*: sessions (a QA manager makes one; its analysts and managers
see it), each analyst's scoring of the session's calls, and the report: per
item the chance-corrected agreement with ambiguous items flagged, per analyst
the deviation from the consensus of the others."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from deskbook.core.refusals import RefusesWith403
from workforce.people.models import Staff
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..evaluation_forms import CalibrationSessionForm, ItemAnswersForm, groups_of
from ..evaluation_selectors import calibration_report, sessions_visible_to
from ..hooks import QA_MENU
from ..models import CalibrationRating, CalibrationSession
from ..services.calibration import RUN, calibration_rate, calibration_session_create
from ..services.samples import qa_analysts
from ..services.scorecards import version_with_structure
from .evaluation_pages import QAPageMixin, add_errors


class SessionIndexView(ReadOnlyRows, IndexView):
    def get_base_queryset(self):
        return sessions_visible_to(viewer=self.request.user)

    def get_edit_url(self, instance):
        return reverse("qa_calibration:session", args=[instance.pk])

    @property
    def header_buttons(self):
        if not self.request.user.has_perm(RUN):
            return []
        return [
            HeaderButton("New session", reverse("qa_calibration:new"), icon_name="plus")
        ]


class SessionMixin(QAPageMixin):
    parent_crumbs = property(
        lambda self: [(reverse("qa_calibration:index"), "Calibration")]
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(
            CalibrationSession.objects.select_related("version__scorecard"),
            pk=kwargs["pk"],
        )

    def check_allowed(self):
        if (
            not sessions_visible_to(viewer=self.request.user)
            .filter(pk=self.session.pk)
            .exists()
        ):
            raise PermissionDenied("This calibration session is not yours.")

    @property
    def is_analyst(self) -> bool:
        return (
            bool(self.staff) and self.session.analysts.filter(pk=self.staff.pk).exists()
        )


class NewSessionView(QAPageMixin, FormView):
    template_name = "qa/form_page.html"
    form_class = CalibrationSessionForm
    page_title = "New calibration session"
    parent_crumbs = property(
        lambda self: [(reverse("qa_calibration:index"), "Calibration")]
    )

    def check_allowed(self):
        if not self.request.user.has_perm(RUN):
            raise PermissionDenied("Calibration sessions are run by QA managers.")

    def get_form_kwargs(self):
        analysts = Staff.objects.filter(pk__in=[a.pk for a in qa_analysts()])
        return {**super().get_form_kwargs(), "analysts": analysts}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            session = calibration_session_create(
                title=data["title"],
                held_on=data["held_on"],
                version=data["version"],
                analysts=data["analysts"],
                calls=data["call_ids"],
                threshold=data["threshold"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{session} made with {session.calls.count()} calls."
        )
        return redirect("qa_calibration:session", session.pk)


class SessionView(SessionMixin, TemplateView):
    template_name = "qa/calibration_session.html"

    def get_page_title(self):
        return str(self.session)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rated = (
            set(
                CalibrationRating.objects.filter(
                    session=self.session, analyst=self.staff
                ).values_list("call_id", flat=True)
            )
            if self.staff
            else set()
        )
        context.update(
            session=self.session,
            calls=[
                (call, call.pk in rated) for call in self.session.calls.order_by("pk")
            ],
            is_analyst=self.is_analyst,
            report=calibration_report(session=self.session),
        )
        return context


class RateCallView(SessionMixin, FormView):
    template_name = "qa/calibration_rate.html"
    form_class = ItemAnswersForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = get_object_or_404(self.session.calls.all(), pk=kwargs["call"])

    def check_allowed(self):
        super().check_allowed()
        if not self.is_analyst:
            raise PermissionDenied("Only the session's analysts score its calls.")

    def get_page_title(self):
        return f"Calibration: call {self.call.call_id}"

    def get_form_kwargs(self):
        version = version_with_structure(self.session.version_id)
        initial = {
            f"item_{item_id}": answer
            for item_id, answer in CalibrationRating.objects.filter(
                session=self.session, analyst=self.staff, call=self.call
            ).values_list("item_id", "answer")
        }
        return {
            **super().get_form_kwargs(),
            "groups": groups_of(version),
            "comments": False,
            "initial": initial,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "call": self.call}

    def form_valid(self, form):
        try:
            calibration_rate(
                session=self.session,
                analyst=self.staff,
                call=self.call,
                answers={
                    pk: answer for pk, (answer, _) in form.answers_given().items()
                },
                by=self.request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Call {self.call.call_id} scored.")
        return redirect("qa_calibration:session", self.session.pk)


class CalibrationViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = CalibrationSession
    url_prefix = "qa/calibration"
    icon = "group"
    menu_label = "Calibration"
    menu_order = 100
    index_view_class = SessionIndexView
    copy_view_enabled = False
    list_display = [
        "title",
        "held_on",
        Column("version", label="Scorecard"),
        "threshold",
    ]
    list_export = ["title", "held_on", "version", "threshold"]
    export_filename = "qa-calibration-sessions"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", NewSessionView.as_view(), name="new"),
            path("<int:pk>/", SessionView.as_view(), name="session"),
            path("<int:pk>/calls/<int:call>/", RateCallView.as_view(), name="rate"),
        ]

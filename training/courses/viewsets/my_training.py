"""*My training*: the signed-in person's certificates (and what is due),
their sessions with a way to cancel a place, feedback on finished courses,
and the sessions open for self-enrolment. It takes no person's id; every
action is checked again by its service. The printable certificate is here
too: its holder's, and theirs who may see the holder's training."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from deskbook.core.refusals import RefusedWith403
from workforce.people.selectors import staff_of

from ..admin_forms import FeedbackForm
from ..models import Enrolment, Session
from ..selectors import certificates_visible_to
from ..selectors.own import due_soon, my_certificates, my_enrolments, open_sessions
from ..services import enrolment_cancel, enrolment_create, feedback_give

NO_STAFF = "No staff record is linked to your sign-in: ask a manager to link one."


class OwnTrainingMixin(RefusedWith403, WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.staff = staff_of(request.user)

    def check_allowed(self):
        if self.staff is None:
            raise PermissionDenied(NO_STAFF)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class MyTrainingView(OwnTrainingMixin, TemplateView):
    page_title = "My training"
    template_name = "courses/my_training.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        certificates = my_certificates(self.staff)
        enrolments = list(my_enrolments(self.staff))
        now = timezone.now()
        return super().get_context_data(
            today=today,
            certificates=[
                {"certificate": c, "current": c.is_current(today)} for c in certificates
            ],
            due=due_soon(certificates, today),
            upcoming=[
                e
                for e in enrolments
                if e.state in ("enrolled", "waitlisted") and e.session.starts_at > now
            ],
            past=[
                e for e in enrolments if e.state in Enrolment.FINISHED + ("attended",)
            ],
            open_sessions=open_sessions(self.staff, now),
            feedback_form=FeedbackForm(),
            **kwargs,
        )


class OwnActionView(OwnTrainingMixin, TemplateView):
    http_method_names = ["post"]
    action = ""

    def post(self, request, *args, **kwargs):
        try:
            self.act(request, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("my_training:index")

    def act(self, request, pk):
        user = request.user
        if self.action == "enrol":
            session = get_object_or_404(Session, pk=pk)
            enrolment = enrolment_create(
                session=session, staff=self.staff, source=Enrolment.Source.SELF, by=user
            )
            messages.success(
                request,
                f"{session.course.title}: {enrolment.get_state_display().lower()}.",
            )
            return
        enrolment = get_object_or_404(Enrolment, pk=pk, staff=self.staff)
        if self.action == "cancel":
            enrolment_cancel(enrolment=enrolment, by=user)
            messages.success(request, "Your place is cancelled.")
        elif self.action == "feedback":
            form = FeedbackForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Choose a rating from 1 to 5.")
            feedback_give(
                enrolment=enrolment,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                by=user,
            )
            messages.success(request, "Thank you for your feedback.")


class CertificatePrintView(RefusedWith403, TemplateView):
    """A certificate to print: the holder's own, or one whose holder's
    training the viewer may see."""

    template_name = "courses/certificate_print.html"

    def check_allowed(self):
        self.certificate = get_object_or_404(
            certificates_visible_to(self.request.user).select_related(
                "enrolment__session__trainer"
            ),
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            certificate=self.certificate,
            current=self.certificate.is_current(timezone.localdate()),
            verify_url=self.request.build_absolute_uri(
                reverse("courses_verify_certificate")
            )
            + f"?number={self.certificate.number}",
            **kwargs,
        )


class MyTrainingMenuItem(MenuItem):
    def is_shown(self, request):
        return staff_of(request.user) is not None


class MyTrainingViewSet(ViewSet):
    name = "my_training"
    url_prefix = "my-training"
    icon = "doc-full-inverse"
    menu_label = "My training"
    menu_order = 252
    add_to_admin_menu = True
    menu_item_class = MyTrainingMenuItem

    def get_urlpatterns(self):
        action = OwnActionView.as_view
        return [
            path("", MyTrainingView.as_view(), name="index"),
            path("sessions/<int:pk>/enrol/", action(action="enrol"), name="enrol"),
            path("places/<int:pk>/cancel/", action(action="cancel"), name="cancel"),
            path(
                "places/<int:pk>/feedback/", action(action="feedback"), name="feedback"
            ),
        ]


def certificate_urls():
    return [
        path(
            "training/certificates/<str:number>/print/",
            CertificatePrintView.as_view(),
            name="courses_certificate_print",
        )
    ]

"""*My evaluations*: a collector's own final evaluations, each with its
answers and comments, and the form to dispute items within the window."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from workforce.people.selectors import staff_of

from ..evaluation_forms import DisputeForm
from ..evaluation_selectors import my_evaluations, my_qa_scores
from ..models import Evaluation
from ..services.disputes import dispute_deadline, dispute_raise
from .evaluation_pages import QAPageMixin, add_errors


class MyEvaluationsView(QAPageMixin, TemplateView):
    page_title = "My evaluations"
    template_name = "qa/my_evaluations.html"

    def check_allowed(self):
        self.require_staff()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evaluations"] = my_evaluations(viewer=self.request.user)
        context["scores"] = my_qa_scores(viewer=self.request.user)
        return context


class MyEvaluationView(QAPageMixin, FormView):
    """One of the collector's evaluations; the dispute form while it may be
    disputed."""

    template_name = "qa/my_evaluation.html"
    form_class = DisputeForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.evaluation = get_object_or_404(
            Evaluation.objects.select_related("call", "version__scorecard"),
            pk=kwargs["pk"],
        )

    def check_allowed(self):
        self.require_staff()
        if (
            self.evaluation.collector_id != self.staff.pk
            or self.evaluation.status == Evaluation.Status.DRAFT
        ):
            raise PermissionDenied("This is not one of your evaluations.")

    def get_page_title(self):
        return f"Evaluation of call {self.evaluation.call.call_id}"

    parent_crumbs = property(
        lambda self: [(reverse("qa_my_evaluations:index"), "My evaluations")]
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "evaluation": self.evaluation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.evaluation
        deadline = dispute_deadline(evaluation)
        context.update(
            evaluation=evaluation,
            answers=evaluation.answers.select_related("item"),
            disputes=evaluation.disputes.all(),
            deadline=deadline,
            may_dispute=evaluation.status == Evaluation.Status.FINAL
            and timezone.now() <= deadline
            and not evaluation.disputes.filter(status="open").exists(),
        )
        return context

    def form_valid(self, form):
        try:
            dispute_raise(
                evaluation=self.evaluation,
                by=self.request.user,
                items=form.cleaned_data["items"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, "Dispute sent: your lead or a senior analyst decides."
        )
        return redirect("qa_my_evaluations:detail", pk=self.evaluation.pk)


class MyEvaluationsMenuItem(MenuItem):
    def is_shown(self, request):
        return staff_of(request.user) is not None


class MyEvaluationsViewSet(ViewSet):
    name = "qa_my_evaluations"
    url_prefix = "qa/my-evaluations"
    icon = "tasks"
    menu_label = "My evaluations"
    menu_order = 252
    add_to_admin_menu = True
    menu_item_class = MyEvaluationsMenuItem

    def get_urlpatterns(self):
        return [
            path("", MyEvaluationsView.as_view(), name="index"),
            path("<int:pk>/", MyEvaluationView.as_view(), name="detail"),
        ]

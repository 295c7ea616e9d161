"""*My queue*: the sampled calls an analyst scores, and the scoring form
(save a draft or submit; a final evaluation opens read-only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from ..evaluation_forms import EvaluationForm, groups_of
from ..evaluation_selectors import queue_of
from ..models import Evaluation, SampledCall
from ..services.evaluations import evaluation_save
from ..services.scorecards import version_with_structure
from .evaluation_pages import QAPageMixin, add_errors, answers_of

SCORE = "qa.score_call"
# The calls still to score come first: the first page is the work at hand.
PER_PAGE = 50


class MyQueueView(QAPageMixin, TemplateView):
    page_title = "My queue"
    template_name = "qa/my_queue.html"

    def check_allowed(self):
        if not self.request.user.has_perm(SCORE):
            raise PermissionDenied("The queue is for QA analysts.")
        self.require_staff()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = queue_of(viewer=self.request.user)
        page = Paginator(queue, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            rows=page.object_list,
            items=page,
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            to_do=queue.filter(is_done=False).count(),
        )
        return context


class ScoreCallView(QAPageMixin, FormView):
    template_name = "qa/score_call.html"
    form_class = EvaluationForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.sampled = get_object_or_404(
            SampledCall.objects.select_related("call", "collector", "draw__scorecard"),
            pk=kwargs["pk"],
        )
        self.evaluation = (
            Evaluation.objects.filter(sampled_call=self.sampled)
            .exclude(status=Evaluation.Status.SUPERSEDED)
            .first()
        )
        version_pk = (
            self.evaluation.version_id
            if self.evaluation
            else getattr(self.sampled.draw.scorecard.current_version(), "pk", None)
        )
        self.version = version_pk and version_with_structure(version_pk)

    def check_allowed(self):
        if not self.request.user.has_perm(SCORE):
            raise PermissionDenied("Calls are scored by QA analysts.")
        if self.staff is None or self.sampled.analyst_id != self.staff.pk:
            raise PermissionDenied("This call is in another analyst's queue.")

    def get_page_title(self):
        return f"Score call {self.sampled.call.call_id}"

    parent_crumbs = property(lambda self: [(reverse("qa_queue:index"), "My queue")])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["groups"] = groups_of(self.version)
        kwargs["initial"] = EvaluationForm.initial_from(self.evaluation)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            sampled=self.sampled,
            call=self.sampled.call,
            version=self.version,
            evaluation=self.evaluation,
            final=bool(self.evaluation and self.evaluation.is_final),
            answers=self.evaluation.answers.select_related("item")
            if self.evaluation
            else [],
        )
        return context

    def form_valid(self, form):
        submit = "submit" in self.request.POST
        try:
            evaluation = evaluation_save(
                sampled_call=self.sampled,
                analyst=self.staff,
                by=self.request.user,
                answers=answers_of(form),
                summary=form.cleaned_data["summary"],
                submit=submit,
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if submit:
            score = (
                "no score (all N/A)"
                if evaluation.score is None
                else f"{evaluation.score}%"
            )
            messages.success(
                self.request,
                f"Call {self.sampled.call.call_id} scored: {score}"
                + (" — critical fail" if evaluation.critical_failed else ""),
            )
            return redirect("qa_queue:index")
        messages.success(self.request, "Draft saved.")
        return redirect("qa_queue:score", pk=self.sampled.pk)


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SCORE)


class MyQueueViewSet(ViewSet):
    name = "qa_queue"
    url_prefix = "qa/my-queue"
    icon = "tasks"
    menu_label = "My queue"
    menu_order = 254
    menu_item_class = QueueMenuItem
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", MyQueueView.as_view(), name="index"),
            path("<int:pk>/", ScoreCallView.as_view(), name="score"),
        ]

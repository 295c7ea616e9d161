"""*Disputes*: the disputes a lead (their teams', on the day of the call) or a
senior analyst may see, and the decision page: uphold with the corrected
answers (a new revision) or reject with a note."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT
from deskbook.core.refusals import RefusesWith403
from workforce.scheduling.viewsets.access import ReadOnlyRows

from ..evaluation_forms import DecideForm
from ..evaluation_selectors import disputes_visible_to, may_decide
from ..hooks import QA_MENU
from ..models import Dispute
from ..services.disputes import dispute_decide
from .evaluation_pages import QAPageMixin, add_errors


class DisputeIndexView(ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return disputes_visible_to(viewer=self.request.user)

    def get_edit_url(self, instance):
        return reverse("qa_disputes:decide", args=[instance.pk])


class DecideDisputeView(QAPageMixin, FormView):
    template_name = "qa/decide_dispute.html"
    form_class = DecideForm
    parent_crumbs = property(lambda self: [(reverse("qa_disputes:index"), "Disputes")])

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.dispute = get_object_or_404(
            Dispute.objects.select_related(
                "evaluation__call", "evaluation__collector", "evaluation__version"
            ),
            pk=kwargs["pk"],
        )

    def check_allowed(self):
        if not may_decide(viewer=self.request.user, dispute=self.dispute):
            raise PermissionDenied(
                "A lead of the collector's team on the day of the call, or a "
                "senior analyst, decides this dispute."
            )

    def get_page_title(self):
        return f"Dispute of call {self.dispute.evaluation.call.call_id}"

    def get_form_kwargs(self):
        items = list(self.dispute.items.order_by("section__sort_order", "sort_order"))
        return {
            **super().get_form_kwargs(),
            "groups": [("Disputed items", items)],
            "comments": False,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.dispute.evaluation
        context.update(
            dispute=self.dispute,
            evaluation=evaluation,
            answers=evaluation.answers.select_related("item"),
        )
        return context

    def form_valid(self, form):
        uphold = form.cleaned_data["decision"] == "uphold"
        corrected = {
            pk: answer for pk, (answer, _) in form.answers_given().items() if answer
        }
        try:
            with transaction.atomic():
                dispute_decide(
                    dispute=self.dispute,
                    by=self.request.user,
                    uphold=uphold,
                    note=form.cleaned_data["note"],
                    corrected=corrected,
                    for_calibration=form.cleaned_data["for_calibration"],
                )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, "Dispute upheld." if uphold else "Dispute rejected."
        )
        return redirect("qa_disputes:index")


class DisputeViewSet(RefusesWith403, ModelViewSet):
    menu_hook = QA_MENU
    add_to_admin_menu = True
    model = Dispute
    url_prefix = "qa/disputes"
    icon = "warning"
    menu_label = "Disputes"
    menu_order = 80
    index_view_class = DisputeIndexView
    copy_view_enabled = False
    list_filter = ["status"]
    list_display = [
        Column("evaluation", label="Evaluation"),
        Column("reason", label="Reason"),
        Column("get_status_display", label="State"),
        Column("raised_at", label="Raised", sort_key="raised_at"),
    ]
    list_export = [
        "evaluation.call.call_id",
        "evaluation.collector.full_name",
        "reason",
        "get_status_display",
        "raised_at",
        "decided_at",
        "decision_note",
    ]
    export_headings = {
        "evaluation.call.call_id": "Call id",
        "evaluation.collector.full_name": "Collector",
        "get_status_display": "State",
    }
    export_filename = "qa-disputes"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/decide/", DecideDisputeView.as_view(), name="decide"),
        ]

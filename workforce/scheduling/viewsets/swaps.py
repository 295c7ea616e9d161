"""*Shift swaps*: the swaps of the teams a lead leads (a manager's: every
team's), kept as history, and the review page where a lead sees what the
planning rules say of the result and approves or declines."""

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from deskbook.core.exports import SAFE_TEXT

from ..admin_forms import SwapDecisionForm
from ..models import ShiftSwap
from ..selectors import may_plan, swaps_decidable_by
from ..services import RulesBroken
from ..swaps import (
    describe,
    finding_text,
    swap_approve,
    swap_decline,
    swap_findings,
)
from .access import ReadOnlyRows
from .refusals import RefusedWith403


def _with_whom(swap: ShiftSwap) -> str:
    if swap.in_return_id:
        gives = "who gives" if swap.taken_by_id else "asked to give"
        return f"{swap.in_return.staff.full_name}, {gives} {describe(swap.in_return)}"
    return swap.taken_by.full_name if swap.taken_by_id else ""


EXPORT = OrderedDict(
    [
        ("Day", lambda s: s.shift.day),
        ("Shift", lambda s: describe(s.shift)),
        ("Team", lambda s: s.shift.team.name),
        ("Offered by", lambda s: s.offered_by.full_name),
        ("Taken by", lambda s: s.taken_by.full_name if s.taken_by_id else ""),
        ("In return", lambda s: describe(s.in_return) if s.in_return_id else ""),
        ("Note", lambda s: s.note),
        ("Status", lambda s: s.get_status_display()),
        ("Offered at", lambda s: s.offered_at),
        ("Decided by", lambda s: s.decided_by.get_full_name() if s.decided_by else ""),
        ("Decided at", lambda s: s.decided_at),
        ("Comment", lambda s: s.decision_comment),
    ]
)


class ShiftSwapIndexView(RefusedWith403, ReadOnlyRows, IndexView):
    custom_value_preprocess = SAFE_TEXT

    def get_base_queryset(self):
        return swaps_decidable_by(self.request.user).annotate(
            awaiting=Case(
                When(status=ShiftSwap.Status.TAKEN, then=Value(0)),
                When(status=ShiftSwap.Status.OFFERED, then=Value(1)),
                default=Value(2),
            )
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "shift",
                label="Shift",
                accessor=lambda swap: describe(swap.shift),
                get_url=self.get_edit_url,
                sort_key="shift__start",
            ),
            Column("team", label="Team", accessor="shift.team.name"),
            Column("offered_by", label="Offered by", accessor="offered_by.full_name"),
            Column("with", label="Taken by / swap with", accessor=_with_whom),
            StatusTagColumn(
                "get_status_display",
                label="Status",
                primary=lambda swap: swap.status == ShiftSwap.Status.TAKEN,
            ),
            DateColumn("offered_at", label="Offered", sort_key="offered_at"),
        ]

    def get_edit_url(self, instance):
        return reverse("shift_swaps:review", args=[instance.pk])

    def to_row_dict(self, item):
        return OrderedDict((heading, value(item)) for heading, value in EXPORT.items())


class SwapReviewView(RefusedWith403, WagtailAdminTemplateMixin, FormView):
    page_title = "Shift swap"
    header_icon = "resubmit"
    template_name = "scheduling/swap_review.html"
    form_class = SwapDecisionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.swap = get_object_or_404(
            ShiftSwap.objects.select_related(
                "shift__team",
                "shift__shift_type",
                "shift__staff",
                "offered_by",
                "taken_by",
                "in_return__staff",
                "in_return__shift_type",
                "decided_by",
            ),
            pk=kwargs["pk"],
        )

    def check_allowed(self):
        if not may_plan(viewer=self.request.user, team=self.swap.shift.team):
            raise PermissionDenied(
                "Only a lead of the team or a manager sees and decides its swaps."
            )

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("shift_swaps:index"), "label": "Shift swaps"},
            {"url": "", "label": describe(self.swap.shift)},
        ]

    def get_context_data(self, **kwargs):
        swap = self.swap
        is_open = swap.status in (ShiftSwap.Status.OFFERED, ShiftSwap.Status.TAKEN)
        findings = swap_findings(swap) if swap.status == ShiftSwap.Status.TAKEN else []
        return {
            **super().get_context_data(**kwargs),
            "swap": swap,
            "shift_text": describe(swap.shift),
            "in_return_text": describe(swap.in_return) if swap.in_return_id else "",
            "is_open": is_open,
            "may_approve": swap.status == ShiftSwap.Status.TAKEN,
            "refused": [finding_text(swap, f) for f in findings if f.refused],
            "warnings": [finding_text(swap, f) for f in findings if not f.refused],
            "changes": [
                change
                for shift in (swap.shift, swap.in_return)
                if shift is not None
                for change in shift.changes.filter(
                    action="swapped", changed_at__gte=swap.offered_at
                )
            ]
            if swap.status == ShiftSwap.Status.APPROVED
            else [],
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.request.POST.get("action") == "decline":
                swap_decline(
                    swap=self.swap, by=self.request.user, comment=data["comment"]
                )
                messages.success(self.request, "Swap declined; both people are told.")
            else:
                swap_approve(
                    swap=self.swap,
                    by=self.request.user,
                    override_reason=data["override_reason"],
                    comment=data["comment"],
                )
                messages.success(
                    self.request, "Swap approved: the shifts have changed hands."
                )
        except RulesBroken as broken:
            if broken.refused:
                form.add_error(None, "The rules refuse this swap; decline it.")
            else:
                form.add_error(
                    "override_reason", "Give a reason to approve despite the warnings."
                )
            return self.form_invalid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "comment" in error.error_dict:
                form.add_error("comment", error.error_dict["comment"])
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        return redirect("shift_swaps:index")


class ShiftSwapViewSet(ModelViewSet):
    """The listing and the review page only: swaps are written by their
    services, never edited, copied or deleted here."""

    model = ShiftSwap
    url_prefix = "scheduling/swaps"
    icon = "resubmit"
    menu_label = "Shift swaps"
    menu_order = 60
    index_view_class = ShiftSwapIndexView
    list_filter = ["status", "shift__team"]
    # Those awaiting a decision first, then those still open, newest first.
    ordering = ("awaiting", "-offered_at")
    list_export = list(EXPORT)
    export_headings = {heading: heading for heading in EXPORT}
    export_filename = "shift-swaps"
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("review/<int:pk>/", SwapReviewView.as_view(), name="review"),
        ]

    @cached_property
    def url_finder_class(self):
        return type(
            "ShiftSwapURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("review")},
        )

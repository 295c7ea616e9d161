"""Lessons in the admin: SOP revision proposals (the report by status and age,
proposing from a lesson, the SOP owner's accept / reject, the open proposals on
an SOP's edit page) and promoting a lesson to a draft public alert."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from kb.hooks import OpenProposal
from kb.models import SOPPage, SOPVersion

from .models import SOPRevisionProposal
from .promotion import lesson_promote
from .selectors import lessons_visible_to, proposals_visible_to
from .services import proposal_accept, proposal_reject


def can_resolve(user, proposal) -> bool:
    return user.pk == proposal.sop.procedure_owner_id or user.has_perm(
        "lessons.change_soprevisionproposal"
    )


class ProposalFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=SOPRevisionProposal.Status.choices)
    sop = django_filters.ModelChoiceFilter(
        label="SOP", queryset=SOPPage.objects.live().order_by("title")
    )
    older_than = django_filters.NumberFilter(
        label="Older than (days)", method="filter_older_than"
    )

    class Meta:
        model = SOPRevisionProposal
        fields = ["status", "sop"]

    def filter_older_than(self, queryset, name, value):
        return queryset.filter(
            proposed_at__lte=timezone.now() - timezone.timedelta(days=int(value))
        )


class ProposalIndexView(IndexView):
    def get_base_queryset(self):
        return proposals_visible_to(self.request.user)


class VisibleProposalsOnly:
    """Object views find only proposals of lessons the user may read."""

    def get_queryset(self):
        return proposals_visible_to(self.request.user)


class ProposalEditView(VisibleProposalsOnly, EditView):
    pass


class ProposalDeleteView(VisibleProposalsOnly, DeleteView):
    pass


class ProposalCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        lesson = self.request.GET.get("lesson", "")
        if lesson.isdigit():
            initial["lesson"] = int(lesson)
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["lesson"].queryset = lessons_visible_to(self.request.user)
        form.fields["sop"].queryset = SOPPage.objects.live().order_by("title")
        return form

    def save_instance(self):
        proposal = self.form.save(commit=False)
        proposal.proposed_by = self.request.user
        proposal.save()
        return proposal


class ProposalViewSet(ModelViewSet):
    model = SOPRevisionProposal
    icon = "edit"
    menu_label = "SOP proposals"
    url_prefix = "lessons/proposals"
    add_to_admin_menu = False
    index_view_class = ProposalIndexView
    add_view_class = ProposalCreateView
    edit_view_class = ProposalEditView
    delete_view_class = ProposalDeleteView
    form_fields = ["lesson", "sop", "change", "reason"]
    filterset_class = ProposalFilterSet
    list_display = [
        "sop",
        "lesson",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("proposed_at", label="Proposed"),
        Column("age_days", label="Age (days)"),
        Column("owner", label="SOP owner", accessor="sop.procedure_owner"),
    ]
    list_export = [
        "sop",
        "lesson",
        "get_status_display",
        "proposed_at",
        "age_days",
        "sop.procedure_owner",
        "change",
        "reason",
        "rejection_reason",
    ]
    export_headings = {
        "get_status_display": "Status",
        "age_days": "Age (days)",
        "sop.procedure_owner": "SOP owner",
    }
    export_filename = "sop-revision-proposals"
    list_per_page = 50
    ordering = ["-proposed_at"]


proposal_viewset = ProposalViewSet("sop_proposals")


class AcceptForm(forms.Form):
    version = forms.ModelChoiceField(
        queryset=SOPVersion.objects.none(),
        label="The SOP revision that made the change",
    )


class RejectForm(forms.Form):
    rejection_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Why not"
    )


def resolve(request, proposal_id: int):
    """The SOP's owner (or a manager) accepts a proposal, naming the revision that
    implemented it, or rejects it with a reason."""
    proposal = get_object_or_404(proposals_visible_to(request.user), pk=proposal_id)
    if not can_resolve(request.user, proposal):
        raise PermissionDenied
    accept = AcceptForm(request.POST if "accept" in request.POST else None)
    accept.fields["version"].queryset = proposal.sop.versions.order_by("-number")
    reject = RejectForm(request.POST if "reject" in request.POST else None)
    form = accept if "accept" in request.POST else reject
    if request.method == "POST" and form.is_valid():
        try:
            if form is accept:
                proposal_accept(
                    proposal=proposal,
                    user=request.user,
                    version=form.cleaned_data["version"],
                )
            else:
                proposal_reject(
                    proposal=proposal,
                    user=request.user,
                    reason=form.cleaned_data["rejection_reason"],
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Proposal resolved. The lesson shows it.")
            return redirect(proposal_viewset.get_url_name("index"))
    return TemplateResponse(
        request,
        "lessons/admin/resolve_proposal.html",
        {"proposal": proposal, "accept": accept, "reject": reject},
    )


def open_proposals_for_sop(sop, user):
    """Open proposals from lessons ``user`` may read; *Resolve* for those who may."""
    proposals = proposals_visible_to(user).open().filter(sop=sop)
    return [
        OpenProposal(
            source_title=proposal.lesson.title,
            # The lesson as staff read it: every reader of the proposal may open it.
            source_url=proposal.lesson.get_url() or "",
            change=proposal.change,
            reason=proposal.reason,
            age_days=proposal.age_days,
            resolve_url=(
                reverse("lessons_resolve_proposal", args=[proposal.pk])
                if can_resolve(user, proposal)
                else ""
            ),
        )
        for proposal in proposals.order_by("proposed_at")
    ]


def promote(request, lesson_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("lessons.promote_lesson"):
        raise PermissionDenied
    lesson = get_object_or_404(lessons_visible_to(request.user), pk=lesson_id)
    article = lesson_promote(lesson=lesson, user=request.user)
    messages.success(
        request,
        "A draft public alert was made from the lesson. Check it for personal "
        "data, apply the redactions, then publish.",
    )
    return redirect("deskbook_personal_data_review", article.pk)

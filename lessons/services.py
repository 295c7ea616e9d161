"""Writes of the lessons app: sensitivity, proposals and their resolution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction, Workflow, WorkflowPage, WorkflowTask

from deskbook.core.pagetree import restrict_to_groups
from deskbook.core.roles import MANAGER, TEAM_LEAD
from kb.models import SOPPage, SOPVersion

from .models import LessonPage, Sensitivity, SOPRevisionProposal

CONFIDENTIAL_READERS = (TEAM_LEAD, MANAGER)
REVIEW_WORKFLOW = "Lesson review"


def lesson_sensitivity_apply(*, lesson: LessonPage) -> None:
    """A confidential lesson gets its own view restriction; an internal one none
    (it then inherits the section's staff-only restriction)."""
    if lesson.sensitivity == Sensitivity.CONFIDENTIAL:
        restrict_to_groups(lesson, CONFIDENTIAL_READERS)
    else:
        PageViewRestriction.objects.filter(page=lesson).delete()


def lesson_review_workflow_ensure(*, section, task) -> Workflow:
    """Lessons under ``section`` go to a team lead or manager before publishing."""
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if not workflow.workflow_tasks.filter(task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def proposal_create(
    *, lesson: LessonPage, sop: SOPPage, change: str, reason: str, user
) -> SOPRevisionProposal:
    proposal = SOPRevisionProposal(
        lesson=lesson, sop=sop, change=change, reason=reason, proposed_by=user
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def _open_for_update(proposal: SOPRevisionProposal) -> SOPRevisionProposal:
    proposal = SOPRevisionProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != SOPRevisionProposal.Status.OPEN:
        raise ValidationError("This proposal has already been resolved.")
    return proposal


@transaction.atomic
def proposal_accept(
    *, proposal: SOPRevisionProposal, user, version: SOPVersion
) -> SOPRevisionProposal:
    """The owner made the change: link the proposal to the SOP revision that did."""
    proposal = _open_for_update(proposal)
    if version.page_id != proposal.sop_id:
        raise ValidationError({"version": "Pick a revision of this SOP."})
    proposal.status = SOPRevisionProposal.Status.ACCEPTED
    proposal.implemented_in = version
    proposal.resolved_by, proposal.resolved_at = user, timezone.now()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_reject(
    *, proposal: SOPRevisionProposal, user, reason: str
) -> SOPRevisionProposal:
    if not reason.strip():
        raise ValidationError({"rejection_reason": "Say why, for the lesson's author."})
    proposal = _open_for_update(proposal)
    proposal.status = SOPRevisionProposal.Status.REJECTED
    proposal.rejection_reason = reason.strip()
    proposal.resolved_by, proposal.resolved_at = user, timezone.now()
    proposal.save()
    return proposal

"""Disputes of evaluations and coaching: a collector disputes items within the
settings' window; a lead of their team on the call's day, or a senior analyst,
upholds (a new revision of the evaluation, the old one kept as superseded) or
rejects. A lead records coaching from evaluations and its follow-up."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from workforce.people.models import Staff

from .. import notifications
from ..evaluation_selectors import led_on_call_day, may_decide
from ..models import CoachingRecord, Dispute, Evaluation, Item, QASettings
from .evaluations import evaluation_revise


def dispute_deadline(evaluation: Evaluation) -> datetime.datetime:
    days = QASettings.load().dispute_window_days
    return evaluation.submitted_at + datetime.timedelta(days=days)


@transaction.atomic
def dispute_raise(
    *, evaluation: Evaluation, by, items: Iterable[Item], reason: str
) -> Dispute:
    """The collector disputes ``items`` of their final evaluation."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.collector.user_id != by.pk:
        raise PermissionDenied("Only the collector may dispute their evaluation.")
    if evaluation.status != Evaluation.Status.FINAL:
        raise ValidationError("Only a standing final evaluation can be disputed.")
    if timezone.now() > dispute_deadline(evaluation):
        raise ValidationError(
            "The time to dispute this evaluation ended on "
            f"{timezone.localtime(dispute_deadline(evaluation)):%d %b %Y %H:%M}."
        )
    items = list(items)
    if not items:
        raise ValidationError({"items": "Choose the items you dispute."})
    on_version = set(
        Item.objects.filter(section__version_id=evaluation.version_id).values_list(
            "pk", flat=True
        )
    )
    if any(item.pk not in on_version for item in items):
        raise ValidationError({"items": "Those items are not on this evaluation."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why you dispute these items."})
    if evaluation.disputes.filter(status=Dispute.Status.OPEN).exists():
        raise ValidationError("This evaluation is already disputed.")
    dispute = Dispute.objects.create(
        evaluation=evaluation, raised_by=by, reason=reason.strip()
    )
    dispute.items.set(items)
    notifications.dispute_raised(dispute, notifications.leads_on_call_day(evaluation))
    return dispute


@transaction.atomic
def dispute_decide(
    *,
    dispute: Dispute,
    by,
    uphold: bool,
    note: str = "",
    corrected: Mapping[int, str] | None = None,
    for_calibration: bool = False,
) -> Dispute:
    """Uphold with the ``corrected`` answers of the disputed items (item pk ->
    answer), making the evaluation's next revision; or reject it."""
    dispute = (
        Dispute.objects.select_for_update()
        .select_related("evaluation__call", "evaluation__collector")
        .get(pk=dispute.pk)
    )
    if not may_decide(viewer=by, dispute=dispute):
        raise PermissionDenied(
            "A lead of the collector's team on the day of the call, or a senior "
            "analyst, decides this dispute."
        )
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError("This dispute is decided already.")
    if uphold:
        disputed = set(dispute.items.values_list("pk", flat=True))
        corrected = dict(corrected or {})
        if not corrected:
            raise ValidationError(
                {"__all__": "Give the corrected answers of the disputed items."}
            )
        if set(corrected) - disputed:
            raise ValidationError(
                {"__all__": "Only the disputed items may be corrected."}
            )
        dispute.revision = evaluation_revise(
            evaluation=dispute.evaluation, by=by, corrected=corrected
        )
        dispute.status = Dispute.Status.UPHELD
    else:
        if not note.strip():
            raise ValidationError({"note": "Say why the dispute is rejected."})
        dispute.status = Dispute.Status.REJECTED
    dispute.decided_by = by
    dispute.decided_at = timezone.now()
    dispute.decision_note = note.strip()
    dispute.for_calibration = for_calibration
    dispute.save()
    notifications.dispute_decided(dispute)
    return dispute


@transaction.atomic
def coaching_record(
    *,
    collector: Staff,
    by,
    evaluations: Iterable[Evaluation],
    focus_items: Iterable[Item],
    agreed_actions: str,
    follow_up_on: datetime.date,
) -> CoachingRecord:
    """A lead's coaching of a collector from their final evaluations; the lead
    must have led the collector's team on each evaluated call's day."""
    coach = Staff.objects.filter(user=by).first()
    if coach is None or coach.pk == collector.pk:
        raise PermissionDenied("A lead records coaching of their team's collectors.")
    evaluations = list(evaluations)
    if not evaluations:
        raise ValidationError({"evaluations": "Link the evaluations coached on."})
    for evaluation in evaluations:
        if evaluation.collector_id != collector.pk or evaluation.is_final is False:
            raise ValidationError(
                {"evaluations": "Only the collector's final evaluations."}
            )
        if not led_on_call_day(viewer=by, evaluation=evaluation):
            raise PermissionDenied(
                "You did not lead this collector's team on the day of the call."
            )
    if not agreed_actions.strip():
        raise ValidationError({"agreed_actions": "Write the actions agreed."})
    if follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": "The follow-up cannot be in the past."})
    record = CoachingRecord.objects.create(
        collector=collector,
        coach=coach,
        agreed_actions=agreed_actions.strip(),
        follow_up_on=follow_up_on,
        created_by=by,
    )
    record.evaluations.set(evaluations)
    record.focus_items.set(list(focus_items))
    return record


@transaction.atomic
def coaching_follow_up_done(*, record: CoachingRecord, by) -> CoachingRecord:
    if record.coach.user_id != by.pk:
        raise PermissionDenied("Only the coach closes their follow-up.")
    record.followed_up_at = timezone.now()
    record.save(update_fields=["followed_up_at"])
    return record

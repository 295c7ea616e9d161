"""Reads of samples, evaluations, disputes, coaching and calibration, each
scoped to the viewer:

- ``qa.oversee_evaluations`` (managers) sees every evaluation;
- an analyst sees the evaluations they scored and their queue;
- a team lead the final evaluations of the people in a team they lead *on the
  day of the call*;
- a collector their own final evaluations (never a draft).
"""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from workforce.people.models import TeamMembership
from workforce.people.selectors import led_on_the_day, teams_led_by

from .calculations.agreement import consensus_deviations, item_agreement
from .calculations.sampling import ScoreEstimate, collector_estimates
from .models import (
    CalibrationRating,
    CalibrationSession,
    CoachingRecord,
    Dispute,
    Evaluation,
    SampledCall,
    SampleDraw,
)
from .services.scorecards import version_with_structure

SEE_ALL = "qa.oversee_evaluations"
DECIDE_ANY = "qa.decide_any_dispute"


def _with_lead_flag(queryset, user, collector_ref, call_ref):
    zone = timezone.get_default_timezone()
    return queryset.annotate(call_day=TruncDate(call_ref, tzinfo=zone)).annotate(
        led=led_on_the_day(user, staff=collector_ref, day="call_day")
    )


def evaluations_visible_to(*, viewer) -> QuerySet[Evaluation]:
    """The evaluations ``viewer`` may see, by the rule above."""
    evaluations = Evaluation.objects.select_related(
        "call", "collector", "analyst", "version__scorecard"
    )
    if not viewer.is_authenticated or not viewer.is_active:
        return evaluations.none()
    if viewer.has_perm(SEE_ALL):
        return evaluations
    final = ~Q(status=Evaluation.Status.DRAFT)
    return _with_lead_flag(
        evaluations, viewer, "collector_id", "call__started_at"
    ).filter(
        Q(analyst__user=viewer)
        | (final & Q(collector__user=viewer))
        | (final & Q(led=True))
    )


def my_evaluations(*, viewer) -> QuerySet[Evaluation]:
    """The signed-in collector's own final evaluations, newest first."""
    return (
        Evaluation.objects.filter(collector__user=viewer)
        .exclude(status=Evaluation.Status.DRAFT)
        .select_related("call", "version__scorecard", "analyst")
        .order_by("-submitted_at", "-pk")
    )


def queue_of(*, viewer) -> QuerySet[SampledCall]:
    """The sampled calls in the viewer's queue, with their live evaluation's
    state in one query (annotations, no per-row lookups)."""
    live = Evaluation.objects.filter(sampled_call_id=OuterRef("pk")).exclude(
        status=Evaluation.Status.SUPERSEDED
    )
    return (
        SampledCall.objects.filter(analyst__user=viewer)
        .select_related("call", "collector", "draw")
        .annotate(
            has_draft=Exists(live.filter(status=Evaluation.Status.DRAFT)),
            is_done=Exists(live.filter(status=Evaluation.Status.FINAL)),
        )
        .order_by("is_done", "draw__period_start", "call__started_at", "pk")
    )


def may_decide(*, viewer, dispute: Dispute) -> bool:
    """A senior analyst or manager (``decide_any_dispute``), or a lead of the
    collector's team on the day of the call; never the collector."""
    evaluation = dispute.evaluation
    if not viewer.is_authenticated or evaluation.collector.user_id == viewer.pk:
        return False
    if viewer.has_perm(DECIDE_ANY):
        return True
    return led_on_call_day(viewer=viewer, evaluation=evaluation)


def led_on_call_day(*, viewer, evaluation: Evaluation) -> bool:
    """Whether ``viewer`` led a team the collector was in on the call's day."""
    day = timezone.localdate(evaluation.call.started_at)
    return (
        TeamMembership.objects.on(day)
        .filter(staff_id=evaluation.collector_id, team__in=teams_led_by(viewer))
        .exists()
    )


def disputes_to_decide(*, viewer) -> QuerySet[Dispute]:
    """Open disputes the viewer may decide."""
    disputes = Dispute.objects.filter(status=Dispute.Status.OPEN).select_related(
        "evaluation__call", "evaluation__collector"
    )
    return disputes_visible_to(viewer=viewer, disputes=disputes).exclude(
        evaluation__collector__user=viewer
    )


def disputes_visible_to(*, viewer, disputes=None) -> QuerySet[Dispute]:
    disputes = (
        Dispute.objects.select_related("evaluation__call", "evaluation__collector")
        if disputes is None
        else disputes
    )
    if not viewer.is_authenticated or not viewer.is_active:
        return disputes.none()
    if viewer.has_perm(DECIDE_ANY) or viewer.has_perm(SEE_ALL):
        return disputes
    return _with_lead_flag(
        disputes, viewer, "evaluation__collector_id", "evaluation__call__started_at"
    ).filter(Q(led=True) | Q(evaluation__collector__user=viewer))


def coaching_visible_to(*, viewer) -> QuerySet[CoachingRecord]:
    records = CoachingRecord.objects.select_related("collector", "coach")
    if not viewer.is_authenticated or not viewer.is_active:
        return records.none()
    if viewer.has_perm(SEE_ALL):
        return records
    today = timezone.localdate()
    led = TeamMembership.objects.on(today).filter(team__in=teams_led_by(viewer))
    return records.filter(
        Q(coach__user=viewer)
        | Q(collector__user=viewer)
        | Q(collector_id__in=led.values("staff_id"))
    )


def follow_ups_due(*, viewer, on: datetime.date) -> QuerySet[CoachingRecord]:
    """The viewer's own coaching whose follow-up is due by ``on`` and not done."""
    return (
        CoachingRecord.objects.filter(
            coach__user=viewer, follow_up_on__lte=on, followed_up_at__isnull=True
        )
        .select_related("collector")
        .order_by("follow_up_on", "pk")
    )


def sessions_visible_to(*, viewer) -> QuerySet[CalibrationSession]:
    sessions = CalibrationSession.objects.select_related("version__scorecard")
    if not viewer.is_authenticated or not viewer.is_active:
        return sessions.none()
    if viewer.has_perm("qa.run_calibration") and viewer.has_perm(SEE_ALL):
        return sessions
    return sessions.filter(analysts__user=viewer).distinct()


def my_qa_scores(*, viewer) -> list[tuple[SampleDraw, ScoreEstimate]]:
    """The signed-in collector's QA score for each period sampled, newest
    first: the Hájek estimate beside the plain mean and the number of calls."""
    rows = (
        Evaluation.objects.standing()
        .filter(collector__user=viewer)
        .values_list(
            "sampled_call__draw_id", "score", "sampled_call__inclusion_probability"
        )
    )
    by_draw = collector_estimates(
        (draw, None if score is None else float(score), probability)
        for draw, score, probability in rows
    )
    draws = SampleDraw.objects.in_bulk(list(by_draw))
    return sorted(
        ((draws[pk], estimate) for pk, estimate in by_draw.items()),
        key=lambda pair: pair[0].period_start,
        reverse=True,
    )


def qa_scores(*, draw: SampleDraw) -> dict[int, ScoreEstimate]:
    """Each collector's QA score for the draw's period: the Hájek estimate from
    the standing evaluations' scores and their calls' stored inclusion
    probabilities, with the plain mean and the number of calls beside it."""
    rows = (
        Evaluation.objects.standing()
        .filter(sampled_call__draw=draw)
        .values_list("collector_id", "score", "sampled_call__inclusion_probability")
    )
    return collector_estimates(
        (collector, None if score is None else float(score), probability)
        for collector, score, probability in rows
    )


def _item_value(item, answer: str):
    """A rating for the agreement statistics: True/False (yes/no), the scale
    point, None for N/A (a missing rating)."""
    if answer == "na":
        return None
    if item.kind == "yes_no":
        return answer == "yes"
    return int(answer)


def _item_score(item, answer: str) -> float | None:
    """The item's score 0..1, for the deviation from consensus."""
    value = _item_value(item, answer)
    if value is None:
        return None
    return float(value) if item.kind == "yes_no" else value / item.scale_max


def calibration_report(*, session: CalibrationSession):
    """Per item the agreement (Cohen's kappa for two analysts, Fleiss' for
    more, Krippendorff's alpha always) with the ambiguous ones flagged at the
    session's threshold; per analyst the deviation from the consensus of the
    others over every item and call. Three queries."""
    version = version_with_structure(session.version_id)
    items = [item for section in version.sections.all() for item in section.items.all()]
    analysts = {staff.pk: staff for staff in session.analysts.all()}
    ratings = CalibrationRating.objects.filter(session=session).values_list(
        "call_id", "analyst_id", "item_id", "answer"
    )
    by_item: dict[int, dict] = {item.pk: {} for item in items}
    scores: dict[tuple, dict] = {}
    item_of = {item.pk: item for item in items}
    for call_id, analyst_id, item_id, answer in ratings:
        item = item_of[item_id]
        by_item[item_id].setdefault(call_id, {})[analyst_id] = _item_value(item, answer)
        scores.setdefault((call_id, item_id), {})[analyst_id] = _item_score(
            item, answer
        )
    rows = []
    for item in items:
        units = by_item[item.pk]
        if not units:
            rows.append((item, None))
            continue
        rows.append(
            (
                item,
                item_agreement(
                    item.text,
                    units,
                    scale=item.kind == "scale",
                    scale_points=range(item.scale_max + 1)
                    if item.kind == "scale"
                    else None,
                    threshold=session.threshold,
                ),
            )
        )
    deviations = consensus_deviations(scores)
    return {
        "items": rows,
        "deviations": [(analysts[pk], deviations.get(pk)) for pk in sorted(analysts)],
    }

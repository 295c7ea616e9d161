"""Drawing a period's sample: the frame from the call log, set-based, with each
call's risk factors; the draw and the queues from the pure functions in
``calculations.sampling``; the sampled calls written in bulk."""

import datetime
import re
import secrets

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from deskbook.core.roles import QA_ANALYST
from training.courses.models import Certificate
from workforce.people.models import Staff

from ..calculations.queues import AssignmentError, assign_to_queues
from ..calculations.sampling import (
    FrameCall,
    SamplingError,
    SamplingPlan,
    draw_sample,
    sampling_design,
)
from ..models import (
    Call,
    Evaluation,
    Outcome,
    QASettings,
    SampledCall,
    SampleDraw,
    Scorecard,
)
from ..selectors import breaches_by_call

NEW_HIRE = "new_hire"
CRITICAL_FAIL_LAST_PERIOD = "critical_fail_last_period"
COURSE_COMPLETED = "course_completed"
DISPUTE = "dispute"
CONTACT_RULE_BREACH = "contact_rule_breach"
LATE_BUCKET = "late_bucket"
HIGH_BALANCE = "high_balance"  # its weight and threshold: the QA settings

# The plan's default multipliers: a call with a factor is that many times as
# likely to be drawn by the risk phase (factors multiply).
DEFAULT_RISK_WEIGHTS = {
    NEW_HIRE: 2.0,
    CRITICAL_FAIL_LAST_PERIOD: 3.0,
    COURSE_COMPLETED: 1.5,
    DISPUTE: 2.0,
    CONTACT_RULE_BREACH: 4.0,
    LATE_BUCKET: 1.5,
}
NEW_HIRE_DAYS = 90
# A bucket is late from this many days past due ("61–90 DPD", "91+ DPD").
LATE_FROM_DPD = 61


def risk_weights() -> dict[str, float]:
    """The default weights with the high-balance weight of the QA settings."""
    weight = QASettings.load().high_balance_weight
    return {**DEFAULT_RISK_WEIGHTS, HIGH_BALANCE: float(weight)}


def default_plan(*, minimum_per_collector: int = 4, extra_calls: float = 0.0):
    return SamplingPlan(
        minimum_per_collector=minimum_per_collector,
        extra_calls=extra_calls,
        risk_weights=risk_weights(),
    )


def month_bounds(period_start: datetime.date):
    """The month holding ``period_start``: its first and last day and the aware
    moments [first, next first) in the agency's zone."""
    first_day = period_start.replace(day=1)
    next_first = (first_day + datetime.timedelta(days=32)).replace(day=1)
    zone = timezone.get_default_timezone()

    def midnight(day):
        return datetime.datetime.combine(day, datetime.time(), zone)

    return (
        first_day,
        next_first - datetime.timedelta(days=1),
        midnight(first_day),
        midnight(next_first),
    )


def is_late_bucket(bucket: str) -> bool:
    match = re.match(r"\s*(\d+)", bucket or "")
    return bool(match) and int(match.group(1)) >= LATE_FROM_DPD


def qa_analysts() -> list[Staff]:
    """Employed people whose active sign-in holds the QA analyst role."""
    group = Group.objects.filter(name=QA_ANALYST).first()
    if group is None:
        return []
    return list(
        Staff.objects.employed()
        .filter(user__is_active=True, user__groups=group)
        .order_by("pk")
    )


def sample_frame(*, first, last, period_first_day) -> list[FrameCall]:
    """Each employed collector's right-party contacts in [first, last) that no
    sample holds yet, with their risk factors; a fixed number of queries."""
    calls = list(
        Call.objects.started_between(first, last)
        .right_party()
        .filter(collector__status__in=[Staff.Status.ACTIVE, Staff.Status.ON_NOTICE])
        .exclude(Exists(SampledCall.objects.filter(call_id=OuterRef("pk"))))
        # The design's order: sorting them again then takes one pass.
        .order_by("collector_id", "pk")
        .values_list("pk", "collector_id", "dpd_bucket", "outcome", "balance")
    )
    collector_ids = {call[1] for call in calls}
    high_balance = QASettings.load().high_balance_threshold
    hired_after = period_first_day - datetime.timedelta(days=NEW_HIRE_DAYS)
    per_collector: dict[int, set[str]] = {pk: set() for pk in collector_ids}
    for pk in Staff.objects.filter(
        pk__in=collector_ids, hired_on__gt=hired_after
    ).values_list("pk", flat=True):
        per_collector[pk].add(NEW_HIRE)
    previous_first = first - (last - first)
    for pk in (
        Evaluation.objects.standing()
        .filter(
            critical_failed=True,
            collector_id__in=collector_ids,
            call__started_at__gte=previous_first,
            call__started_at__lt=first,
        )
        .values_list("collector_id", flat=True)
        .distinct()
    ):
        per_collector[pk].add(CRITICAL_FAIL_LAST_PERIOD)
    # A course completed in the period before this one: its effect on the
    # calls is what the sample should look at.
    for pk in (
        Certificate.objects.filter(
            staff_id__in=collector_ids,
            issued_on__gte=timezone.localdate(previous_first),
            issued_on__lt=timezone.localdate(first),
        )
        .values_list("staff_id", flat=True)
        .distinct()
    ):
        per_collector[pk].add(COURSE_COMPLETED)
    breaches = breaches_by_call(first=first, last=last)
    frame = []
    combos: dict[tuple, frozenset[str]] = {}
    late = {bucket: is_late_bucket(bucket) for bucket in {row[2] for row in calls}}
    for pk, collector, bucket, outcome, balance in calls:
        high = balance is not None and balance >= high_balance
        key = (
            collector,
            pk in breaches,
            late[bucket],
            outcome == Outcome.DISPUTE,
            high,
        )
        factors = combos.get(key)
        if factors is None:
            found = set(per_collector[collector])
            if key[1]:
                found.add(CONTACT_RULE_BREACH)
            if key[2]:
                found.add(LATE_BUCKET)
            if key[3]:
                found.add(DISPUTE)
            if high:
                found.add(HIGH_BALANCE)
            factors = combos[key] = frozenset(found)
        frame.append(FrameCall(pk, collector, factors))
    return frame


@transaction.atomic
def sample_draw(
    *,
    period: datetime.date,
    by,
    scorecard: Scorecard,
    plan: SamplingPlan,
    seed: int | None = None,
) -> SampleDraw:
    """Draw the sample of the month holding ``period`` and fill the analysts'
    queues. The same call log, plan and seed give the same sample."""
    first_day, last_day, first, last = month_bounds(period)
    if SampleDraw.objects.filter(period_start=first_day).exists():
        raise ValidationError(f"The sample of {first_day:%B %Y} is drawn already.")
    if scorecard.current_version() is None:
        raise ValidationError(f"{scorecard} has no version to score on.")
    seed = secrets.randbits(62) if seed is None else seed
    frame = sample_frame(first=first, last=last, period_first_day=first_day)
    try:
        sample = draw_sample(sampling_design(frame, plan), seed)
    except SamplingError as error:
        raise ValidationError(str(error)) from error
    analysts = qa_analysts()
    try:
        queues = assign_to_queues(
            [(call.call_id, call.collector_id) for call in sample.calls],
            [analyst.pk for analyst in analysts],
        )
    except AssignmentError as error:
        raise ValidationError(
            f"The sample cannot go to the analysts' queues: {error} Give the QA "
            "analyst role to someone who is not the collector."
        ) from error
    factors = {call.call_id: call.risk_factors for call in frame}
    draw = SampleDraw.objects.create(
        period_start=first_day,
        period_end=last_day,
        scorecard=scorecard,
        seed=seed,
        minimum_per_collector=plan.minimum_per_collector,
        extra_calls=plan.extra_calls,
        risk_weights=dict(plan.risk_weights),
        frame_size=len(sample.design.frame),
        collectors=len(sample.design.minimum_sizes),
        drawn_by=by,
    )
    SampledCall.objects.bulk_create(
        [
            SampledCall(
                draw=draw,
                call_id=call.call_id,
                collector_id=call.collector_id,
                inclusion_probability=call.inclusion_probability,
                minimum_probability=call.minimum_probability,
                risk_probability=call.risk_probability,
                risk_weight=call.risk_weight,
                risk_factors=sorted(factors[call.call_id]),
                analyst_id=queues[call.call_id],
            )
            for call in sample.calls
        ],
        batch_size=2000,
    )
    return draw

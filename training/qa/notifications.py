"""E-mails about evaluations, sent once the change is committed (through shift
planning's mailer, as leave does, so ``quiet()`` silences them in the demo)."""

from django.utils import timezone

from workforce.people.models import Staff
from workforce.scheduling.notifications import after_commit, send


def leads_on_call_day(evaluation) -> list[Staff]:
    """The leads of the teams the collector was in on the day of the call."""
    day = timezone.localdate(evaluation.call.started_at)
    return list(
        Staff.objects.filter(
            led_teams__memberships__staff_id=evaluation.collector_id,
            led_teams__memberships__valid_from__lte=day,
        )
        .exclude(led_teams__memberships__valid_to__lt=day)
        .exclude(pk=evaluation.collector_id)
        .select_related("user")
        .distinct()
    )


def critical_fail(evaluation, items, placements=()) -> None:
    """The collector's lead learns of the failed critical items, and of the
    refresher sessions the collector was put on (or why not)."""
    names = "\n".join(
        f"- {item.text}" + (f" ({item.rule_reference})" if item.rule_reference else "")
        for item in items
    )
    for course, placement in placements:
        enrolment = placement.enrolment
        state = enrolment.get_state_display().lower() if enrolment else ""
        names += (
            f"\nRefresher: {state} on {enrolment.session}."
            if enrolment
            else f"\nRefresher {course.title}: not enrolled, {placement.reason}."
        )
    leads = leads_on_call_day(evaluation)
    after_commit(
        lambda: send(
            f"Critical fail: {evaluation.collector.full_name}, call "
            f"{evaluation.call.call_id}",
            f"{evaluation.collector.full_name}'s call {evaluation.call.call_id} "
            f"failed critical items:\n{names}\n",
            leads,
        )
    )


def dispute_raised(dispute, deciders) -> None:
    evaluation = dispute.evaluation
    after_commit(
        lambda: send(
            f"Dispute to decide: {evaluation.collector.full_name}, call "
            f"{evaluation.call.call_id}",
            f"{evaluation.collector.full_name} disputes their evaluation.\n\n"
            f"Reason: {dispute.reason}\n",
            deciders,
        )
    )


def dispute_decided(dispute) -> None:
    evaluation = dispute.evaluation
    verdict = dispute.get_status_display().lower()
    after_commit(
        lambda: send(
            f"Your dispute of call {evaluation.call.call_id} is {verdict}",
            f"Decision: {verdict}\n"
            + (f"Note: {dispute.decision_note}\n" if dispute.decision_note else ""),
            [evaluation.collector],
        )
    )

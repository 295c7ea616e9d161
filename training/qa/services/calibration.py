"""Calibration sessions: several analysts score the same calls on one
scorecard version. Their ratings stay in the session (``CalibrationRating``)
and never reach a collector's score. Calls of disputes marked for calibration
join the next session made."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from workforce.people.models import Staff

from ..calculations.agreement import DEFAULT_AMBIGUITY_THRESHOLD
from ..models import (
    CalibrationRating,
    CalibrationSession,
    Call,
    Dispute,
    ScorecardVersion,
)
from .scorecards import parse_answer, version_mark_used, version_with_structure

RUN = "qa.run_calibration"


def disputed_calls_waiting() -> list[int]:
    """Calls of disputes decided with "bring to calibration" that no session
    holds yet."""
    in_sessions = CalibrationSession.calls.through.objects.values("call_id")
    return list(
        Dispute.objects.filter(for_calibration=True)
        .exclude(evaluation__call_id__in=in_sessions)
        .values_list("evaluation__call_id", flat=True)
        .distinct()
    )


@transaction.atomic
def calibration_session_create(
    *,
    title: str,
    held_on: datetime.date,
    version: ScorecardVersion,
    analysts: Iterable[Staff],
    calls: Iterable[Call],
    by,
    threshold: float = DEFAULT_AMBIGUITY_THRESHOLD,
    with_disputed: bool = True,
) -> CalibrationSession:
    """A session of ``analysts`` on ``calls`` (with the disputed calls waiting
    for calibration, unless ``with_disputed`` is False)."""
    if not by.has_perm(RUN):
        raise PermissionDenied("Calibration sessions are run by QA managers.")
    analysts = list(analysts)
    if len(analysts) < 2:
        raise ValidationError({"analysts": "Calibration needs two analysts or more."})
    call_ids = {call.pk for call in calls}
    if with_disputed:
        call_ids.update(disputed_calls_waiting())
    if not call_ids:
        raise ValidationError({"calls": "Choose the calls to score."})
    session = CalibrationSession(
        title=title,
        held_on=held_on,
        version=version,
        threshold=threshold,
        created_by=by,
    )
    session.full_clean()
    session.save()
    session.analysts.set(analysts)
    session.calls.set(call_ids)
    return session


@transaction.atomic
def calibration_rate(
    *,
    session: CalibrationSession,
    analyst: Staff,
    call: Call,
    answers: Mapping[int, str],
    by,
) -> list[CalibrationRating]:
    """The analyst's answers to every item for one call of the session,
    replacing any they gave before."""
    if analyst.user_id != by.pk or not session.analysts.filter(pk=analyst.pk).exists():
        raise PermissionDenied("Only the session's analysts score its calls.")
    if not session.calls.filter(pk=call.pk).exists():
        raise ValidationError("That call is not in this session.")
    version = version_with_structure(session.version_id)
    items = [item for section in version.sections.all() for item in section.items.all()]
    problems: dict[str, list[str]] = {}
    for item in items:
        given = answers.get(item.pk, "")
        if not given:
            problems[f"item_{item.pk}"] = [
                "Answer this item (N/A where it does not apply)."
            ]
            continue
        try:
            parse_answer(item, given)
        except ValidationError as error:
            problems[f"item_{item.pk}"] = error.messages
    if problems:
        raise ValidationError(problems)
    version_mark_used(version)
    CalibrationRating.objects.filter(
        session=session, analyst=analyst, call=call
    ).delete()
    return CalibrationRating.objects.bulk_create(
        CalibrationRating(
            session=session,
            analyst=analyst,
            call=call,
            item=item,
            answer=answers[item.pk],
        )
        for item in items
    )

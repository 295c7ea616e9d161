"""Scoring a sampled call: save a draft, submit it. Submitting scores the
answers with ``score_evaluation`` and finalises the evaluation: from then on
nothing changes it (an upheld dispute makes the next revision instead)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from training.courses.models import Enrolment
from training.courses.services import enrolment_in_next_session
from workforce.people.models import Staff

from .. import notifications
from ..calculations.scoring import score_evaluation
from ..models import Evaluation, Item, ItemAnswer, SampledCall, ScorecardVersion
from .scorecards import (
    parse_answer,
    version_mark_used,
    version_spec,
    version_with_structure,
)

FINAL = "This evaluation is final: it cannot be changed."


@dataclass(frozen=True)
class AnswerInput:
    answer: str  # "yes", "no", "na", "0".."N"; "" when not answered yet
    comment: str = ""


def _items(version: ScorecardVersion) -> list[Item]:
    return [item for section in version.sections.all() for item in section.items.all()]


def _check_answers(
    items: list[Item], answers: Mapping[int, AnswerInput], *, complete: bool
) -> dict[str, object]:
    """The parsed answers by item key; every problem in one ValidationError."""
    known = {item.pk for item in items}
    problems: dict[str, list[str]] = {}
    unknown = sorted(set(answers) - known)
    if unknown:
        problems["__all__"] = [f"Answers to items not on this scorecard: {unknown}."]
    parsed = {}
    for item in items:
        given = answers.get(item.pk)
        if given is None or given.answer == "":
            if complete:
                problems.setdefault(f"item_{item.pk}", []).append(
                    "Answer this item (N/A where it does not apply)."
                )
            continue
        try:
            parsed[item.key] = parse_answer(item, given.answer)
        except ValidationError as error:
            problems.setdefault(f"item_{item.pk}", []).extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return parsed


def _live(sampled_call: SampledCall) -> Evaluation | None:
    return (
        Evaluation.objects.select_for_update()
        .filter(sampled_call=sampled_call)
        .exclude(status=Evaluation.Status.SUPERSEDED)
        .first()
    )


@transaction.atomic
def evaluation_save(
    *,
    sampled_call: SampledCall,
    analyst: Staff,
    by,
    answers: Mapping[int, AnswerInput],
    summary: str = "",
    submit: bool = False,
) -> Evaluation:
    """Save the analyst's answers as a draft, or submit them: scored and final.

    Only the analyst whose queue holds the call may score it, never their own
    call; a final evaluation is refused."""
    sampled_call = (
        SampledCall.objects.select_for_update()
        .select_related("call", "draw__scorecard")
        .get(pk=sampled_call.pk)
    )
    if sampled_call.analyst_id != analyst.pk:
        raise PermissionDenied("This call is in another analyst's queue.")
    if sampled_call.collector_id == analyst.pk:
        raise PermissionDenied("No analyst scores their own calls.")
    evaluation = _live(sampled_call)
    if evaluation is not None and evaluation.status == Evaluation.Status.FINAL:
        raise ValidationError(FINAL)
    if evaluation is None:
        version = sampled_call.draw.scorecard.current_version()
        evaluation = Evaluation(
            sampled_call=sampled_call,
            call=sampled_call.call,
            collector_id=sampled_call.collector_id,
            analyst=analyst,
            version=version,
            created_by=by,
        )
    version = version_with_structure(evaluation.version_id)
    return _write(
        evaluation,
        version=version,
        answers=answers,
        summary=summary,
        submit=submit,
    )


def _write(evaluation, *, version, answers, summary, submit) -> Evaluation:
    items = _items(version)
    parsed = _check_answers(items, answers, complete=submit)
    version_mark_used(version)
    evaluation.summary = summary
    result = None
    if submit:
        result = score_evaluation(version_spec(version), parsed)
        evaluation.status = Evaluation.Status.FINAL
        evaluation.submitted_at = timezone.now()
        evaluation.score = result.percent
        evaluation.would_be_score = result.would_be_percent
        evaluation.critical_failed = result.critical_failed
    evaluation.full_clean(exclude=["sampled_call", "supersedes"])
    evaluation.save()
    evaluation.answers.all().delete()
    ItemAnswer.objects.bulk_create(
        [
            ItemAnswer(
                evaluation=evaluation,
                item=item,
                answer=answers[item.pk].answer,
                comment=answers[item.pk].comment,
            )
            for item in items
            if item.pk in answers and answers[item.pk].answer
        ]
    )
    if result is not None and result.critical_failed:
        failed_keys = {spec.key for spec in result.failed_critical_items}
        failed = [item for item in items if item.key in failed_keys]
        _critical_fail(evaluation, failed)
    return evaluation


def _critical_fail(evaluation: Evaluation, items: list[Item]) -> None:
    """The collector goes to the next session of each failed item's refresher
    course (a place, else its waitlist), in the evaluation's transaction; the
    lead is told what failed and where the collector was placed."""
    today = timezone.localdate()
    placements = []
    for course in {item.refresher_course for item in items if item.refresher_course}:
        placement = enrolment_in_next_session(
            staff=evaluation.collector,
            course=course,
            source=Enrolment.Source.QA,
            note=f"Critical fail on call {evaluation.call.call_id}",
            today=today,
        )
        placements.append((course, placement))
    notifications.critical_fail(evaluation, items, placements)


def evaluation_revise(
    *,
    evaluation: Evaluation,
    by,
    corrected: Mapping[int, str],
) -> Evaluation:
    """The next revision of a final evaluation with ``corrected`` answers (item
    pk -> answer), scored and final; the old one is marked superseded. Inside
    the caller's transaction (an upheld dispute)."""
    old = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if old.status != Evaluation.Status.FINAL:
        raise ValidationError("Only a standing final evaluation can be revised.")
    answers = {
        answer.item_id: AnswerInput(answer.answer, answer.comment)
        for answer in old.answers.all()
    }
    for item_pk, text in corrected.items():
        if item_pk not in answers:
            raise ValidationError(f"Item {item_pk} is not on this evaluation.")
        answers[item_pk] = AnswerInput(text, answers[item_pk].comment)
    Evaluation.objects.filter(pk=old.pk).update(status=Evaluation.Status.SUPERSEDED)
    revision = (
        Evaluation.objects.filter(sampled_call_id=old.sampled_call_id).aggregate(
            n=Max("revision")
        )["n"]
        + 1
    )
    new = Evaluation(
        sampled_call_id=old.sampled_call_id,
        call_id=old.call_id,
        collector_id=old.collector_id,
        analyst_id=old.analyst_id,
        version_id=old.version_id,
        revision=revision,
        supersedes=old,
        created_by=by,
    )
    return _write(
        new,
        version=version_with_structure(old.version_id),
        answers=answers,
        summary=old.summary,
        submit=True,
    )

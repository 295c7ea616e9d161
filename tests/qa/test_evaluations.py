"""Scorecard versions freeze once used; evaluations are drafted, submitted,
scored by the pure function and then never change; disputes make revisions;
coaching links evaluations; the QA score is the Hájek estimate."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.courses.factories import CourseFactory, sitting
from tests.qa.scoring_floor import build
from tests.workforce.factories import StaffFactory
from training.courses.models import Enrolment
from training.courses.services import session_schedule
from training.qa.evaluation_selectors import (
    evaluations_visible_to,
    qa_scores,
    queue_of,
)
from training.qa.models import Dispute, Evaluation, Item, SampledCall
from training.qa.services.disputes import (
    coaching_record,
    dispute_decide,
    dispute_raise,
)
from training.qa.services.evaluations import AnswerInput, evaluation_save
from training.qa.services.scorecards import check_editable, scorecard_version_new


@pytest.fixture
def qa_floor(db, site_tree):
    return build()


def first_in_queue(floor):
    sampled = SampledCall.objects.select_related("analyst").order_by("pk").first()
    return sampled, sampled.analyst


def answers(items, **given):
    base = {"disclosure": "yes", "verification": "yes", "plan": "yes", "tone": "4"}
    base.update(given)
    return {
        items[key].pk: AnswerInput(value, f"on {key}") for key, value in base.items()
    }


def submit(floor, sampled=None, **given):
    sampled = sampled or first_in_queue(floor)[0]
    return evaluation_save(
        sampled_call=sampled,
        analyst=sampled.analyst,
        by=sampled.analyst.user,
        answers=answers(floor["items"], **given),
        submit=True,
    )


def test_the_sample_goes_to_analysts_and_never_to_the_collector(qa_floor):
    sampled = SampledCall.objects.all()
    # 3 collectors x at least 2 calls, no extra calls planned.
    assert sampled.count() == 6
    assert {s.analyst_id for s in sampled} <= {a.pk for a in qa_floor["analysts"]}
    assert all(s.inclusion_probability == pytest.approx(2 / 6) for s in sampled)


def test_a_draft_scores_nothing_and_submitting_scores_it_by_the_formula(qa_floor):
    sampled, analyst = first_in_queue(qa_floor)
    items = qa_floor["items"]
    draft = evaluation_save(
        sampled_call=sampled,
        analyst=analyst,
        by=analyst.user,
        answers={items["plan"].pk: AnswerInput("no")},
    )
    assert draft.status == "draft" and draft.score is None
    final = submit(qa_floor, sampled, plan="no", tone="2")
    assert final.pk == draft.pk and final.status == "final"
    # Conduct 1.0 x 60; Negotiation (2x0 + 1x0.5)/3 = 1/6 x 40; / 100.
    # = (60 + 6.666...) / 100 = 66.67%
    assert final.score == Decimal("66.67")
    assert final.answers.count() == 4
    assert final.version.used is True


def test_a_final_evaluation_is_refused_any_change(qa_floor):
    sampled, analyst = first_in_queue(qa_floor)
    submit(qa_floor, sampled)
    with pytest.raises(ValidationError, match="final"):
        submit(qa_floor, sampled, plan="no")
    assert (
        Evaluation.objects.get().answers.get(item=qa_floor["items"]["plan"]).answer
        == "yes"
    )


def test_submitting_needs_every_item_and_refuses_bad_answers(qa_floor):
    sampled, analyst = first_in_queue(qa_floor)
    items = qa_floor["items"]
    with pytest.raises(ValidationError) as refused:
        evaluation_save(
            sampled_call=sampled,
            analyst=analyst,
            by=analyst.user,
            answers={
                items["disclosure"].pk: AnswerInput("na"),
                items["tone"].pk: AnswerInput("5"),
            },
            submit=True,
        )
    problems = refused.value.message_dict
    assert problems[f"item_{items['disclosure'].pk}"] == [
        "“Said they are a debt collector” may not be answered N/A."
    ]
    assert problems[f"item_{items['tone'].pk}"] == ["“Tone”: answer 0 to 4."]
    assert f"item_{items['plan'].pk}" in problems
    assert not Evaluation.objects.exists()


def test_only_the_analyst_of_the_queue_scores_the_call(qa_floor):
    sampled, analyst = first_in_queue(qa_floor)
    other = next(a for a in qa_floor["analysts"] if a.pk != analyst.pk)
    with pytest.raises(PermissionDenied):
        evaluation_save(sampled_call=sampled, analyst=other, by=other.user, answers={})


def test_a_used_version_is_frozen_and_an_edit_makes_the_next_version(qa_floor):
    version = qa_floor["version"]
    check_editable(version)  # not used yet: editable
    submit(qa_floor)
    version.refresh_from_db()
    with pytest.raises(ValidationError, match="never changes"):
        check_editable(version)
    new = scorecard_version_new(
        scorecard=qa_floor["scorecard"], based_on=version, by=qa_floor["manager"]
    )
    assert new.number == 2 and not new.used
    assert Item.objects.filter(section__version=new).count() == 4
    assert Item.objects.filter(section__version=version).count() == 4
    assert qa_floor["scorecard"].current_version() == new


def refresher_for(item, *, sessions=1):
    """A refresher course for ``item`` with ``sessions`` sessions ahead."""
    course = CourseFactory(title="Right-party verification refresher")
    trainer = StaffFactory(first_name="Tess", last_name="Trainer")
    for n in range(sessions):
        day = timezone.localdate() + datetime.timedelta(days=7 + n)
        session_schedule(
            course=course,
            trainer=trainer,
            capacity=8,
            dates=[sitting(day)],
            room="Training room 2",
            by=None,
        )
    item.refresher_course = course
    item.save()
    return course


def test_a_critical_fail_scores_0_enrols_in_the_refresher_and_tells_the_lead(
    qa_floor, django_capture_on_commit_callbacks
):
    verification = Item.objects.get(text="Verified the right party first")
    course = refresher_for(verification)

    with django_capture_on_commit_callbacks(execute=True):
        evaluation = submit(qa_floor, verification="no", tone="na")
    assert evaluation.score == Decimal("0.00")
    # Without the failure: Conduct 1/2 x 60 + Negotiation 1 x 40 = 70%.
    assert evaluation.would_be_score == Decimal("70.00")
    enrolment = Enrolment.objects.get(staff=evaluation.collector)
    assert (enrolment.session.course, enrolment.state, enrolment.source) == (
        course,
        Enrolment.State.ENROLLED,
        Enrolment.Source.QA,
    )
    lead_mail = [m for m in mail.outbox if m.to == ["lead@deskbook.example"]]
    assert len(lead_mail) == 1
    assert "Code §3.2" in lead_mail[0].body
    assert f"Refresher: enrolled on {enrolment.session}" in lead_mail[0].body


def test_with_no_refresher_session_the_lead_is_told_nobody_was_enrolled(
    qa_floor, django_capture_on_commit_callbacks
):
    verification = Item.objects.get(text="Verified the right party first")
    refresher_for(verification, sessions=0)
    with django_capture_on_commit_callbacks(execute=True):
        submit(qa_floor, verification="no")
    assert not Enrolment.objects.exists()
    (lead_mail,) = [m for m in mail.outbox if m.to == ["lead@deskbook.example"]]
    assert "not enrolled, no session of Right-party" in lead_mail.body


def test_the_qa_score_is_the_hajek_estimate_beside_the_plain_mean(qa_floor):
    collector = qa_floor["collectors"][0]
    calls = list(SampledCall.objects.filter(collector=collector).order_by("pk"))
    # Make the two calls' probabilities unequal: 0.5 and 0.25.
    SampledCall.objects.filter(pk=calls[0].pk).update(inclusion_probability=0.5)
    SampledCall.objects.filter(pk=calls[1].pk).update(inclusion_probability=0.25)
    calls = list(SampledCall.objects.filter(collector=collector).order_by("pk"))
    submit(qa_floor, calls[0])  # 100%
    submit(qa_floor, calls[1], plan="no", tone="2")  # 66.67%
    estimate = qa_scores(draw=qa_floor["draw"])[collector.pk]
    # (100/0.5 + 66.67/0.25) / (2 + 4) = (200 + 266.68) / 6 = 77.78
    assert estimate.weighted_mean == pytest.approx(77.78, abs=1e-9)
    assert estimate.plain_mean == pytest.approx(83.335, abs=1e-9)
    assert estimate.calls == 2


def test_collectors_see_only_their_own_final_evaluations(qa_floor):
    own, other = qa_floor["collectors"][:2]
    for sampled in SampledCall.objects.filter(collector__in=[own, other]):
        submit(qa_floor, sampled)
    mine = evaluations_visible_to(viewer=own.user)
    assert {e.collector_id for e in mine} == {own.pk}
    lead = evaluations_visible_to(viewer=qa_floor["lead"])
    assert {e.collector_id for e in lead} == {own.pk, other.pk}
    analyst = qa_floor["analysts"][0]
    assert {e.analyst_id for e in evaluations_visible_to(viewer=analyst.user)} == {
        analyst.pk
    }
    assert (
        queue_of(viewer=analyst.user).count()
        == SampledCall.objects.filter(analyst=analyst).count()
    )


def test_a_dispute_upheld_by_the_lead_makes_a_new_revision(qa_floor, frozen_time):
    frozen_time("2026-04-02 10:00")
    evaluation = submit(qa_floor, plan="no")
    collector_user = evaluation.collector.user
    items = qa_floor["items"]
    dispute = dispute_raise(
        evaluation=evaluation,
        by=collector_user,
        items=[items["plan"]],
        reason="I offered a plan at 3:20 in the recording.",
    )
    with pytest.raises(PermissionDenied):
        dispute_decide(dispute=dispute, by=collector_user, uphold=False, note="no")
    dispute_decide(
        dispute=dispute,
        by=qa_floor["lead"],
        uphold=True,
        corrected={items["plan"].pk: "yes"},
        for_calibration=True,
    )
    evaluation.refresh_from_db()
    dispute.refresh_from_db()
    assert evaluation.status == "superseded"
    revision = dispute.revision
    assert (revision.revision, revision.status, revision.supersedes_id) == (
        2,
        "final",
        evaluation.pk,
    )
    assert revision.score == Decimal("100.00")
    assert evaluation.answers.get(item=items["plan"]).answer == "no"


def test_a_dispute_after_the_window_or_by_someone_else_is_refused(
    qa_floor, frozen_time
):
    frozen_time("2026-04-02 10:00")
    evaluation = submit(qa_floor)
    items = qa_floor["items"]
    other = next(c for c in qa_floor["collectors"] if c.pk != evaluation.collector_id)
    with pytest.raises(PermissionDenied):
        dispute_raise(
            evaluation=evaluation, by=other.user, items=[items["plan"]], reason="x"
        )
    frozen_time("2026-04-09 10:01")  # 7 days and a minute later
    with pytest.raises(ValidationError, match="time to dispute"):
        dispute_raise(
            evaluation=evaluation,
            by=evaluation.collector.user,
            items=[items["plan"]],
            reason="late",
        )
    assert not Dispute.objects.exists()


def test_a_rejected_dispute_leaves_the_evaluation_standing(qa_floor, frozen_time):
    frozen_time("2026-04-02 10:00")
    evaluation = submit(qa_floor, plan="no")
    dispute = dispute_raise(
        evaluation=evaluation,
        by=evaluation.collector.user,
        items=[qa_floor["items"]["plan"]],
        reason="I did.",
    )
    dispute = dispute_decide(
        dispute=dispute, by=qa_floor["lead"], uphold=False, note="Not in the call."
    )
    evaluation.refresh_from_db()
    assert evaluation.status == "final" and dispute.status == "rejected"


def test_the_lead_records_coaching_on_their_collectors_evaluations(
    qa_floor, frozen_time
):
    frozen_time("2026-04-02 10:00")
    evaluation = submit(qa_floor, plan="no")
    record = coaching_record(
        collector=evaluation.collector,
        by=qa_floor["lead"],
        evaluations=[evaluation],
        focus_items=[qa_floor["items"]["plan"]],
        agreed_actions="Offer the instalment plan before the call ends.",
        follow_up_on=datetime.date(2026, 4, 16),
    )
    assert list(record.evaluations.all()) == [evaluation]
    analyst = qa_floor["analysts"][0]
    with pytest.raises(PermissionDenied):
        coaching_record(
            collector=evaluation.collector,
            by=analyst.user,
            evaluations=[evaluation],
            focus_items=[],
            agreed_actions="x",
            follow_up_on=datetime.date(2026, 4, 16),
        )

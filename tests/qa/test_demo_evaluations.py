"""The demo's QA evaluations: a scorecard with the four critical items, last
month's sample, evaluations with critical fails, one dispute, a calibration
session of four analysts and a coaching record; a second run adds nothing.
Seeds only what it stands on (the demo sign-ins and the people)."""

import pytest
from django.core import mail

from deskbook.core.demo import ensure_demo_users
from training.qa.demo_evaluations import seed_qa_analysts, seed_qa_evaluations
from training.qa.models import (
    CalibrationRating,
    CalibrationSession,
    CoachingRecord,
    Dispute,
    Evaluation,
    Item,
    SampledCall,
)
from workforce.people.demo import seed_teams_and_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]
QUIET = {"log": lambda line: None}


def counts():
    return (
        SampledCall.objects.count(),
        Evaluation.objects.count(),
        Dispute.objects.count(),
        CalibrationSession.objects.count(),
        CalibrationRating.objects.count(),
        CoachingRecord.objects.count(),
    )


def test_the_demo_tells_every_part_of_qa_once(frozen_time):
    frozen_time("2026-04-08 09:00")
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_qa_analysts(size="small", **QUIET)
    lines = []
    seed_qa_evaluations(size="small", log=lines.append)
    assert Item.objects.filter(critical=True).count() == 4
    assert Evaluation.objects.filter(status="final").count() == 12
    assert Evaluation.objects.filter(critical_failed=True, score=0).exists()
    assert Dispute.objects.get().status == "open"
    session = CalibrationSession.objects.get()
    assert session.analysts.count() == 4
    # Four analysts x three calls x nine items.
    assert CalibrationRating.objects.count() == 4 * 3 * 9
    assert CoachingRecord.objects.get().evaluations.get().critical_failed
    assert SampledCall.objects.filter(draw__period_start="2026-03-01").exists()
    assert not mail.outbox
    assert "12 final evaluations" in lines[0]
    before = counts()
    seed_qa_evaluations(size="small", **QUIET)
    assert counts() == before

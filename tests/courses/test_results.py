"""Attendance per date, pre/post scores, pass or fail, certificates."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from training.courses.models import Assessment, Certificate, Enrolment
from training.courses.services import (
    enrolment_create,
    feedback_give,
    session_results_record,
)

State = Enrolment.State


@pytest.fixture
def sat(training, frozen_time):
    """Aisyah and Wei hold the two places; it is Tuesday 10 March, 18:00,
    after the second date."""
    by = training["trainer_user"]
    aisyah = enrolment_create(
        session=training["session"], staff=training["aisyah"], by=by
    )
    wei = enrolment_create(session=training["session"], staff=training["wei"], by=by)
    frozen_time("2026-03-10 18:00")
    dates = list(training["session"].dates.all())
    return {**training, "aisyah_e": aisyah, "wei_e": wei, "dates": dates}


def everyone_present(sat, **absent):
    return {
        (e.pk, d.pk): not (
            absent.get("wei") and e == sat["wei_e"] and d == sat["dates"][1]
        )
        for e in (sat["aisyah_e"], sat["wei_e"])
        for d in sat["dates"]
    }


def test_present_on_every_date_then_a_post_score_passes_and_issues_a_certificate(
    sat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session_results_record(
            session=sat["session"],
            marks=everyone_present(sat, wei=True),
            scores={
                (sat["aisyah_e"].pk, "pre"): Decimal("55"),
                (sat["aisyah_e"].pk, "post"): Decimal("70"),
            },
            by=sat["trainer_user"],
        )

    sat["aisyah_e"].refresh_from_db()
    sat["wei_e"].refresh_from_db()
    assert sat["aisyah_e"].state == State.PASSED
    assert sat["wei_e"].state == State.NO_SHOW
    certificate = Certificate.objects.get()
    assert (certificate.staff, certificate.issued_on, certificate.expires_on) == (
        sat["aisyah"],
        datetime.date(2026, 3, 10),
        datetime.date(2027, 3, 10),
    )
    assert certificate.number.startswith("2026-")
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"Certificate {certificate.number}: Disclosure and verification",
        "Marked absent: Disclosure and verification",
        "You passed: Disclosure and verification",
    ]


def test_below_the_pass_mark_fails_with_no_certificate(sat):
    session_results_record(
        session=sat["session"],
        marks=everyone_present(sat),
        scores={(sat["aisyah_e"].pk, "post"): Decimal("69.5")},
        by=sat["trainer_user"],
    )
    sat["aisyah_e"].refresh_from_db()
    assert sat["aisyah_e"].state == State.FAILED
    assert not Certificate.objects.exists()


def test_a_post_score_before_attendance_is_refused_and_nothing_is_kept(sat):
    with pytest.raises(ValidationError, match="mark attendance on every date"):
        session_results_record(
            session=sat["session"],
            marks={(sat["aisyah_e"].pk, sat["dates"][0].pk): True},
            scores={
                (sat["wei_e"].pk, "pre"): Decimal("50"),
                (sat["aisyah_e"].pk, "post"): Decimal("90"),
            },
            by=sat["trainer_user"],
        )
    assert not Assessment.objects.exists()
    assert not sat["aisyah_e"].marks.exists()


def test_a_score_out_of_range_is_refused(sat):
    with pytest.raises(ValidationError, match="from 0 to 100, not 101"):
        session_results_record(
            session=sat["session"],
            marks=everyone_present(sat),
            scores={(sat["aisyah_e"].pk, "post"): Decimal("101")},
            by=sat["trainer_user"],
        )


def test_a_date_not_yet_started_cannot_be_marked(sat, frozen_time):
    frozen_time("2026-03-09 18:00")
    with pytest.raises(ValidationError, match="has not started"):
        session_results_record(
            session=sat["session"],
            marks=everyone_present(sat),
            scores={},
            by=sat["trainer_user"],
        )


def test_only_the_trainer_or_a_manager_records_results(sat):
    for someone in (sat["lead"], sat["aisyah_user"]):
        with pytest.raises(PermissionDenied):
            session_results_record(
                session=sat["session"], marks={}, scores={}, by=someone
            )
    session_results_record(
        session=sat["session"], marks={}, scores={}, by=sat["manager"]
    )


def test_attempts_run_out_after_the_maximum(sat):
    from tests.courses.factories import sitting
    from training.courses.services import session_schedule

    session_results_record(
        session=sat["session"],
        marks=everyone_present(sat),
        scores={(sat["aisyah_e"].pk, "post"): Decimal("40")},
        by=sat["trainer_user"],
    )
    retake = session_schedule(
        course=sat["course"],
        trainer=sat["trainer"],
        capacity=5,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 20))],
        by=sat["trainer_user"],
    )
    second = enrolment_create(
        session=retake, staff=sat["aisyah"], by=sat["trainer_user"]
    )
    assert second.attempt == 2
    Enrolment.objects.filter(pk=second.pk).update(state=State.FAILED)
    third = session_schedule(
        course=sat["course"],
        trainer=sat["trainer"],
        capacity=5,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 27))],
        by=sat["trainer_user"],
    )
    with pytest.raises(ValidationError, match="used all 2 attempts"):
        enrolment_create(session=third, staff=sat["aisyah"], by=sat["trainer_user"])


def test_feedback_once_by_the_person_after_the_course(sat):
    with pytest.raises(ValidationError, match="after the course"):
        feedback_give(
            enrolment=sat["aisyah_e"], rating=4, comment="", by=sat["aisyah_user"]
        )
    session_results_record(
        session=sat["session"],
        marks=everyone_present(sat),
        scores={(sat["aisyah_e"].pk, "post"): Decimal("80")},
        by=sat["trainer_user"],
    )
    sat["aisyah_e"].refresh_from_db()
    with pytest.raises(PermissionDenied):
        feedback_give(
            enrolment=sat["aisyah_e"], rating=4, comment="", by=sat["wei_user"]
        )
    feedback = feedback_give(
        enrolment=sat["aisyah_e"], rating=5, comment=" Clear ", by=sat["aisyah_user"]
    )
    assert (feedback.rating, feedback.comment) == (5, "Clear")
    with pytest.raises(ValidationError):
        feedback_give(
            enrolment=sat["aisyah_e"], rating=3, comment="", by=sat["aisyah_user"]
        )

"""Certificates expiring, the due list and the daily refresher job, across
a month end."""

import datetime

import pytest
from django.core.management import call_command

from tests.courses.factories import CourseFactory, sitting
from training.courses.models import Certificate, Enrolment, Session
from training.courses.selectors.refreshers import (
    lapsed_compliance,
    refresher_demand,
    refresher_due_list,
)
from training.courses.services import refreshers_enrol, session_schedule

D = datetime.date


def certify(training, person, course, issued_on, expires_on):
    """A past, passed enrolment of ``person`` and its certificate."""
    session = Session.objects.create(
        course=course,
        trainer=training["trainer"],
        capacity=10,
        room="Room 1",
        status=Session.Status.CONFIRMED,
        first_day=issued_on,
    )
    enrolment = Enrolment.objects.create(
        session=session, staff=person, state="passed", source="assigned"
    )
    return Certificate.objects.create(
        number=f"N-{person.pk}-{course.pk}-{issued_on:%Y%m%d}",
        enrolment=enrolment,
        staff=person,
        course=course,
        issued_on=issued_on,
        expires_on=expires_on,
    )


@pytest.fixture
def expiring(training, frozen_time):
    """31 January 2026: Aisyah's disclosure certificate (issued 28 Feb 2025,
    12 months) expires 28 February 2026; Wei's on 31 March; Kelvin's in
    2027. The refresher course runs a one-place session on 16 February."""
    frozen_time("2026-01-31 23:30")
    course = training["course"]
    refresher = CourseFactory(
        title="Disclosure refresher",
        code="disclosure-r",
        kind="refresher",
        owner=training["trainer"],
        validity_months=12,
    )
    course.refresher_course = refresher
    course.save()
    certify(training, training["aisyah"], course, D(2025, 2, 28), D(2026, 2, 28))
    certify(training, training["wei"], course, D(2025, 3, 31), D(2026, 3, 31))
    certify(training, training["kelvin"], course, D(2026, 1, 5), D(2027, 1, 5))
    session = session_schedule(
        course=refresher,
        trainer=training["trainer"],
        capacity=1,
        room="Room 2",
        dates=[sitting(D(2026, 2, 16))],
        by=training["trainer_user"],
    )
    return {**training, "refresher": refresher, "refresher_session": session}


def test_the_due_list_counts_days_across_the_month_end(expiring):
    today = D(2026, 1, 31)
    due = refresher_due_list(viewer=expiring["manager"], today=today, within_days=28)
    assert [c.staff.first_name for c in due] == ["Nur Aisyah"]
    due = refresher_due_list(viewer=expiring["manager"], today=today, within_days=59)
    assert [c.staff.first_name for c in due] == ["Nur Aisyah", "Wei Ming"]


def test_the_due_list_filters_by_team_and_course_and_scope(expiring):
    today = D(2026, 1, 31)
    other_course = CourseFactory(code="privacy")
    assert not refresher_due_list(
        viewer=expiring["manager"], today=today, within_days=90, course=other_course
    ).exists()
    assert not refresher_due_list(
        viewer=expiring["manager"], today=today, within_days=90, team=expiring["other"]
    ).exists()
    own = refresher_due_list(
        viewer=expiring["aisyah_user"], today=today, within_days=90
    )
    assert [c.staff.first_name for c in own] == ["Nur Aisyah"]
    assert not refresher_due_list(
        viewer=expiring["other_lead"], today=today, within_days=90
    ).exists()


def test_the_job_enrols_the_soonest_due_and_counts_who_has_no_place(expiring):
    run = refreshers_enrol(today=D(2026, 1, 31), within_days=60)

    assert [e.staff.first_name for e in run.enrolled] == ["Nur Aisyah"]
    assert run.enrolled[0].session == expiring["refresher_session"]
    assert run.enrolled[0].source == Enrolment.Source.REFRESHER
    assert dict(run.demand) == {expiring["refresher"].pk: 1}
    assert refresher_demand(today=D(2026, 1, 31), within_days=60) == {
        expiring["refresher"].pk: 1
    }


def test_the_job_run_twice_changes_nothing(expiring):
    refreshers_enrol(today=D(2026, 1, 31), within_days=60)
    again = refreshers_enrol(today=D(2026, 1, 31), within_days=60)
    assert again.enrolled == []
    assert Enrolment.objects.filter(source="refresher").count() == 1


def test_the_command_answers_the_timed_jobs(expiring, capsys):
    call_command("enrol_refreshers", "--within", "60")
    assert "Enrolled 1; no place for 1; refused 0." in capsys.readouterr().out


def test_a_renewal_by_the_refresher_course_is_no_longer_due(expiring):
    certify(
        expiring,
        expiring["aisyah"],
        expiring["refresher"],
        D(2026, 1, 20),
        D(2027, 1, 20),
    )
    due = refresher_due_list(
        viewer=expiring["manager"], today=D(2026, 1, 31), within_days=59
    )
    assert [c.staff.first_name for c in due] == ["Wei Ming"]


def test_an_expired_compliance_certificate_lapses_the_day_after_expiry(expiring):
    ids = [expiring["aisyah"].pk, expiring["wei"].pk]
    assert lapsed_compliance(ids, D(2026, 2, 28)) == {}
    assert lapsed_compliance(ids, D(2026, 3, 1)) == {
        expiring["aisyah"].pk: ["Disclosure and verification"]
    }

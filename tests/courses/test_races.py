"""Two people racing for a session's last place: one gets it, the other the
waitlist. Two threads, two database connections, on PostgreSQL."""

import datetime

import pytest
from django.db import connection

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import TRAINER
from tests.courses.factories import CourseFactory, sitting
from tests.factories import UserFactory
from tests.leave.test_races import race
from tests.workforce.factories import StaffFactory, TeamFactory
from training.courses.models import Enrolment
from training.courses.services import (
    enrolment_cancel,
    enrolment_create,
    session_schedule,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def last_place(frozen_time):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite writes one transaction at a time, so nothing can race; "
            "run with DATABASE_URL=postgres://… (CI does)"
        )
    frozen_time("2026-02-27 09:00")
    bootstrap_site()
    trainer_user = UserFactory(username="farid", roles=[TRAINER])
    trainer = StaffFactory(user=trainer_user, job_title="trainer")
    team = TeamFactory()
    people = [StaffFactory(team=team) for _ in range(3)]
    course = CourseFactory(owner=trainer)
    session = session_schedule(
        course=course,
        trainer=trainer,
        capacity=2,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 9))],
        by=trainer_user,
    )
    enrolment_create(session=session, staff=people[0], by=trainer_user)
    return {"session": session, "people": people, "trainer_user": trainer_user}


def test_two_enrolments_racing_for_the_last_place_get_one_place(last_place):
    session, people = last_place["session"], last_place["people"]

    def enrol(person):
        return lambda: enrolment_create(
            session=session, staff=person, by=last_place["trainer_user"]
        )

    outcomes = race(enrol(people[1]), enrol(people[2]))

    assert all(isinstance(o, Enrolment) for o in outcomes), outcomes
    assert sorted(o.state for o in outcomes) == ["enrolled", "waitlisted"]
    assert session.enrolments.holding_a_place().count() == 2


def test_a_cancellation_racing_an_enrolment_never_overfills(last_place):
    session, people = last_place["session"], last_place["people"]
    by = last_place["trainer_user"]
    enrolment_create(session=session, staff=people[1], by=by)
    first = Enrolment.objects.get(staff=people[0])

    outcomes = race(
        lambda: enrolment_cancel(enrolment=first, by=by),
        lambda: enrolment_create(session=session, staff=people[2], by=by),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    # Whichever came first, the freed place is taken by the third person.
    assert Enrolment.objects.get(staff=people[2]).state == "enrolled"
    assert session.enrolments.holding_a_place().count() == 2

"""Enrolment: places, the waitlist, who may enrol whom, rules, resignations."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.courses.conftest import MON
from tests.courses.factories import CourseFactory, sitting
from tests.workforce.factories import StaffFactory
from training.courses.models import Enrolment, EnrolmentRule
from training.courses.services import (
    enrolment_cancel,
    enrolment_create,
    session_capacity_set,
    session_schedule,
)

pytestmark = pytest.mark.django_db(transaction=False)

State = Enrolment.State


def assign(training, person, **kw):
    return enrolment_create(
        session=kw.pop("session", training["session"]),
        staff=person,
        by=kw.pop("by", training["trainer_user"]),
        **kw,
    )


def test_places_fill_then_the_waitlist_takes_the_rest(
    training, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = assign(training, training["aisyah"])
        second = assign(training, training["wei"])
        third = assign(training, training["kelvin"])

    assert [first.state, second.state, third.state] == [
        State.ENROLLED,
        State.ENROLLED,
        State.WAITLISTED,
    ]
    assert [m.subject for m in mail.outbox] == [
        "You are enrolled: Disclosure and verification",
        "You are enrolled: Disclosure and verification",
        "You are on the waitlist: Disclosure and verification",
    ]
    assert mail.outbox[2].to == ["kelvin@example.com"]


def test_a_freed_place_goes_to_the_first_person_waiting(
    training, django_capture_on_commit_callbacks
):
    aisyah = assign(training, training["aisyah"])
    assign(training, training["wei"])
    kelvin = assign(training, training["kelvin"])
    dewi = assign(training, training["dewi"])

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_cancel(enrolment=aisyah, by=training["aisyah_user"])

    kelvin.refresh_from_db()
    dewi.refresh_from_db()
    assert (kelvin.state, kelvin.source) == (State.ENROLLED, Enrolment.Source.WAITLIST)
    assert dewi.state == State.WAITLISTED
    assert sorted(m.subject for m in mail.outbox) == [
        "You are enrolled: Disclosure and verification",
        "Your place is cancelled: Disclosure and verification",
    ]
    assert {tuple(m.to) for m in mail.outbox} == {
        ("aisyah@example.com",),
        ("kelvin@example.com",),
    }


def test_more_places_go_to_the_waitlist_in_order(training):
    for person in ("aisyah", "wei", "kelvin", "dewi"):
        assign(training, training[person])

    session_capacity_set(
        session=training["session"], capacity=3, by=training["trainer_user"]
    )

    states = dict(Enrolment.objects.values_list("staff__first_name", "state"))
    assert states == {
        "Nur Aisyah": State.ENROLLED,
        "Wei Ming": State.ENROLLED,
        "Kelvin": State.ENROLLED,
        "Dewi": State.WAITLISTED,
    }


def test_fewer_places_than_are_taken_is_refused(training):
    assign(training, training["aisyah"])
    assign(training, training["wei"])
    with pytest.raises(ValidationError, match="2 places are taken"):
        session_capacity_set(
            session=training["session"], capacity=1, by=training["trainer_user"]
        )


def test_a_person_is_on_one_session_of_a_course_at_a_time(training):
    assign(training, training["aisyah"])
    later = session_schedule(
        course=training["course"],
        trainer=training["trainer"],
        capacity=5,
        room="Room 2",
        dates=[sitting(MON + datetime.timedelta(days=14))],
        by=training["trainer_user"],
    )
    with pytest.raises(ValidationError, match="already enrolled on Disclosure"):
        assign(training, training["aisyah"], session=later)


def test_self_enrolment_needs_a_course_open_for_it(training):
    with pytest.raises(PermissionDenied, match="not open for self-enrolment"):
        enrolment_create(
            session=training["session"],
            staff=training["aisyah"],
            source=Enrolment.Source.SELF,
            by=training["aisyah_user"],
        )
    training["course"].open_for_self_enrolment = True
    training["course"].save()
    enrolment = enrolment_create(
        session=training["session"],
        staff=training["aisyah"],
        source=Enrolment.Source.SELF,
        by=training["aisyah_user"],
    )
    assert enrolment.state == State.ENROLLED


def test_a_collector_cannot_enrol_someone_else(training):
    training["course"].open_for_self_enrolment = True
    training["course"].save()
    with pytest.raises(PermissionDenied):
        enrolment_create(
            session=training["session"],
            staff=training["wei"],
            source=Enrolment.Source.SELF,
            by=training["aisyah_user"],
        )


def test_a_lead_assigns_their_own_team_only(training):
    enrolment = assign(training, training["aisyah"], by=training["lead"])
    assert enrolment.enrolled_by == training["lead"]
    with pytest.raises(PermissionDenied):
        assign(training, training["dewi"], by=training["lead"])


def test_a_started_session_takes_nobody(training, frozen_time):
    frozen_time("2026-03-09 09:30")
    with pytest.raises(ValidationError, match="has started"):
        assign(training, training["aisyah"])


def test_a_resignation_cancels_places_after_the_last_working_day(
    training, django_capture_on_commit_callbacks
):
    from workforce.people.services import resignation_record

    aisyah = assign(training, training["aisyah"])
    assign(training, training["wei"])
    kelvin = assign(training, training["kelvin"])

    with django_capture_on_commit_callbacks(execute=True):
        resignation_record(
            staff=training["aisyah"],
            notice_given_on=datetime.date(2026, 2, 27),
            last_working_day=datetime.date(2026, 3, 6),
            reason="Moving away",
            by=training["manager"],
        )

    aisyah.refresh_from_db()
    kelvin.refresh_from_db()
    assert aisyah.state == State.CANCELLED
    assert kelvin.state == State.ENROLLED
    assert "Your place is cancelled: Disclosure and verification" in [
        m.subject for m in mail.outbox
    ]


def test_a_resignation_after_the_session_leaves_the_place(training):
    from workforce.people.services import resignation_record

    aisyah = assign(training, training["aisyah"])
    resignation_record(
        staff=training["aisyah"],
        notice_given_on=datetime.date(2026, 2, 27),
        last_working_day=datetime.date(2026, 3, 31),
        reason="Moving away",
        by=training["manager"],
    )
    aisyah.refresh_from_db()
    assert aisyah.state == State.ENROLLED


def test_a_new_hire_of_a_desk_team_goes_to_the_next_new_hire_programme(training):
    programme = CourseFactory(
        title="Collection basics",
        code="basics",
        kind="new_hire",
        owner=training["trainer"],
    )
    EnrolmentRule.objects.create(
        name="Desk new hires", course=programme, channel="desk"
    )
    EnrolmentRule.objects.create(
        name="Field new hires",
        course=CourseFactory(code="field-safety"),
        channel="field",
    )
    full = session_schedule(
        course=programme,
        trainer=training["trainer"],
        capacity=1,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 2))],
        by=training["trainer_user"],
    )
    enrolment_create(session=full, staff=training["wei"], by=training["trainer_user"])
    with_room = session_schedule(
        course=programme,
        trainer=training["trainer"],
        capacity=10,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 16))],
        by=training["trainer_user"],
    )

    newcomer = StaffFactory(
        first_name="Siti", hired_on=datetime.date(2026, 3, 1), team=training["team"]
    )

    enrolment = Enrolment.objects.get(staff=newcomer)
    assert (enrolment.session, enrolment.state, enrolment.source, enrolment.note) == (
        with_room,
        State.ENROLLED,
        Enrolment.Source.RULE,
        "Desk new hires",
    )


def test_a_team_move_is_not_a_new_hire(training):
    from workforce.people.services import staff_move

    programme = CourseFactory(code="basics", kind="new_hire")
    EnrolmentRule.objects.create(
        name="Desk new hires", course=programme, channel="desk"
    )
    session_schedule(
        course=programme,
        trainer=training["trainer"],
        capacity=10,
        room="Room 1",
        dates=[sitting(datetime.date(2026, 3, 16))],
        by=training["trainer_user"],
    )
    staff_move(
        staff=training["dewi"],
        team=training["team"],
        effective_on=datetime.date(2026, 3, 2),
        reason="Needed",
        by=training["manager"],
    )
    assert not Enrolment.objects.exists()

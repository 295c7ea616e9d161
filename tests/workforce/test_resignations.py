"""Resignations: on notice at once, a signal for the later capabilities,
withdrawn before the last day, and marked as left by the timed job after it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from deskbook.core.roles import MANAGER
from tests.factories import UserFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.people.models import Staff
from workforce.people.services import (
    resignation_record,
    resignation_withdraw,
    staff_move,
)
from workforce.people.signals import staff_resigned

D = datetime.date
LAST_DAY = D(2026, 3, 31)


@pytest.fixture
def manager(user_with_role):
    return user_with_role(MANAGER)


@pytest.fixture
def farhan(db):
    team = TeamFactory(name="Desk early")
    return StaffFactory(
        first_name="Farhan", user=UserFactory(username="farhan"), team=team
    )


def resign(staff, by, last_day=LAST_DAY):
    return resignation_record(
        staff=staff,
        notice_given_on=D(2026, 3, 2),
        last_working_day=last_day,
        reason="Moving back to Ipoh",
        exit_interview_notes="Liked the team; the commute was too long.",
        by=by,
    )


def test_recording_puts_the_person_on_notice_and_ends_their_team_on_the_last_day(
    farhan, manager
):
    resign(farhan, manager)
    farhan.refresh_from_db()
    assert farhan.status == Staff.Status.ON_NOTICE
    assert farhan.team_on(LAST_DAY).name == "Desk early"
    assert farhan.team_on(LAST_DAY + datetime.timedelta(days=1)) is None


def test_recording_sends_staff_resigned_with_the_resignation(farhan, manager):
    received = []

    def receiver(sender, staff, resignation, **kwargs):
        received.append((staff.pk, resignation.last_working_day))

    staff_resigned.connect(receiver)
    try:
        resign(farhan, manager)
    finally:
        staff_resigned.disconnect(receiver)
    assert received == [(farhan.pk, LAST_DAY)]


def test_a_last_day_before_the_notice_is_refused(farhan, manager):
    with pytest.raises(ValidationError, match="cannot come before the notice"):
        resign(farhan, manager, last_day=D(2026, 3, 1))
    farhan.refresh_from_db()
    assert farhan.status == Staff.Status.ACTIVE


def test_resigning_twice_is_refused(farhan, manager):
    resign(farhan, manager)
    with pytest.raises(ValidationError, match="on notice"):
        resign(farhan, manager)


def test_a_move_planned_after_the_last_day_must_be_cancelled_first(farhan, manager):
    staff_move(
        staff=farhan,
        team=TeamFactory(name="Field"),
        effective_on=D(2026, 5, 1),
        reason="Field cover",
        by=manager,
    )
    with pytest.raises(ValidationError, match="moves to Field on 2026-05-01"):
        resign(farhan, manager)


def test_withdrawing_before_the_last_day_makes_the_person_active_in_their_team(
    farhan, manager
):
    resignation = resign(farhan, manager)
    resignation_withdraw(resignation=resignation, on=LAST_DAY, by=manager)
    farhan.refresh_from_db()
    assert farhan.status == Staff.Status.ACTIVE
    assert farhan.team_on(D(2027, 1, 1)).name == "Desk early"
    resignation.refresh_from_db()
    assert resignation.withdrawn_on == LAST_DAY


def test_withdrawing_after_the_last_day_is_refused(farhan, manager):
    resignation = resign(farhan, manager)
    with pytest.raises(ValidationError, match="Too late"):
        resignation_withdraw(resignation=resignation, on=D(2026, 4, 1), by=manager)


def test_the_timed_job_marks_leavers_only_after_their_last_day(
    farhan, manager, frozen_time
):
    resign(farhan, manager)
    frozen_time("2026-03-31 23:59")
    call_command("mark_leavers", stdout=io.StringIO())
    farhan.refresh_from_db()
    assert farhan.status == Staff.Status.ON_NOTICE
    assert farhan.user.is_active

    frozen_time("2026-04-01 00:00")
    call_command("run_timed_jobs", rounds=1)
    farhan.refresh_from_db()
    farhan.user.refresh_from_db()
    assert farhan.status == Staff.Status.LEFT
    assert not farhan.user.is_active
    assert farhan.team_on(LAST_DAY).name == "Desk early"  # history stays


def test_a_withdrawn_resignation_never_makes_anyone_leave(farhan, manager, frozen_time):
    resignation = resign(farhan, manager)
    resignation_withdraw(resignation=resignation, on=D(2026, 3, 10), by=manager)
    frozen_time("2026-06-01 09:00")
    call_command("run_timed_jobs", rounds=1)
    farhan.refresh_from_db()
    assert farhan.status == Staff.Status.ACTIVE

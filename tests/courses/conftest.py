import datetime

import pytest

from deskbook.core.roles import TRAINER
from tests.courses.factories import CourseFactory, sitting
from tests.scheduling import conftest as planning
from tests.workforce.factories import StaffFactory

desk, floor, publish = planning.desk, planning.floor, planning.publish

MON = datetime.date(2026, 3, 9)


@pytest.fixture
def training(floor, user_with_role):
    """The desk of ``floor`` (Friday 27 February 2026, 09:00) with a trainer,
    Farid, who owns *Disclosure and verification* (pass mark 70, two
    attempts, valid 12 months) and runs a two-place session of it on Monday
    9 and Tuesday 10 March, 09:00–17:00."""
    from training.courses.services import session_schedule

    trainer_user = user_with_role(TRAINER, username="farid", email="farid@example.com")
    trainer = StaffFactory(
        first_name="Farid", last_name="Hassan", user=trainer_user, job_title="trainer"
    )
    course = CourseFactory(
        title="Disclosure and verification",
        code="disclosure",
        owner=trainer,
        validity_months=12,
    )
    session = session_schedule(
        course=course,
        trainer=trainer,
        capacity=2,
        room="Training room 1",
        dates=[sitting(MON), sitting(MON + datetime.timedelta(days=1))],
        by=trainer_user,
    )
    return {
        **floor,
        "trainer": trainer,
        "trainer_user": trainer_user,
        "course": course,
        "session": session,
    }

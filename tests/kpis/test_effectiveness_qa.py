"""Level 3 from real evaluations: the QA items a course addresses, before
and after, for the trained and the not yet trained."""

import datetime

import pytest

from tests.courses.factories import CourseFactory, sitting
from tests.kpis.test_qa_facts import score
from tests.qa.scoring_floor import build
from tests.workforce.factories import StaffFactory
from training.courses.models import Enrolment
from training.courses.services import session_schedule
from training.kpis.effectiveness import course_effectiveness_levels
from training.qa.models import Item, SampledCall


@pytest.fixture
def floor(db, site_tree, frozen_time):
    frozen_time("2026-04-20 09:00")
    return build()


def test_level_three_shows_the_items_the_course_addresses(floor):
    trained, *others = floor["collectors"]
    sampled = list(
        SampledCall.objects.filter(collector=trained)
        .select_related("call")
        .order_by("call__started_at")
    )
    days = [call.call.started_at.date() for call in sampled]
    # The session sits on a day between two of the trained's sampled calls.
    gap = next(n for n in range(1, len(days)) if (days[n] - days[n - 1]).days >= 2)
    session_day = days[gap - 1] + datetime.timedelta(days=1)
    course = CourseFactory(title="Offering plans")
    Item.objects.filter(pk=floor["items"]["plan"].pk).update(refresher_course=course)
    session = session_schedule(
        course=course,
        trainer=StaffFactory(job_title="trainer"),
        capacity=5,
        room="Training room 1",
        dates=[sitting(session_day)],
        by=None,
    )
    Enrolment.objects.create(
        session=session, staff=trained, state=Enrolment.State.PASSED
    )
    # Before the session the trained never offered a plan; after, always.
    for call in sampled:
        score(
            floor,
            call,
            plan="no" if call.call.started_at.date() < session_day else "yes",
        )
    for call in SampledCall.objects.filter(collector__in=others):
        score(floor, call, plan="yes")
    before, after = gap, len(sampled) - gap
    # The others' calls on the session's day fall in neither period.
    their_days = [
        call.started_at.date()
        for call in SampledCall.objects.filter(collector__in=others).select_related(
            "call"
        )
        for call in [call.call]
    ]
    their_before = sum(day < session_day for day in their_days)
    their_after = sum(day > session_day for day in their_days)

    behaviour = course_effectiveness_levels(
        course=course,
        trained_staff_ids=[trained.pk],
        first_day=datetime.date(2026, 1, 1),
        last_day=datetime.date(2026, 12, 31),
        viewer=floor["manager"],
    )[0]

    assert behaviour.level == 3
    assert behaviour.rows == (
        (
            "Offered a plan",
            cell("0.00", before),
            cell("100.00", after),
            cell("100.00", their_before),
            cell("100.00", their_after),
        ),
    )


def cell(value: str, calls: int) -> str:
    if calls == 0:
        return "no evaluations"
    return f"{value} ({calls} call{'s' if calls > 1 else ''})"

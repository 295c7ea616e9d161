"""Levels 3 and 4 of a course's report from the KPIs: the trained
collectors' change against the not yet trained over the same periods, as a
difference-in-differences with its interval; too few says so; the course
report renders it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from deskbook.core.roles import MANAGER, TRAINER
from deskbook.core.vocabulary import CollectionStage
from tests.courses.factories import CourseFactory, sitting
from tests.workforce.factories import StaffFactory, TeamFactory
from training.courses.models import Enrolment
from training.courses.selectors.reports import course_effectiveness
from training.courses.services import session_schedule
from training.kpis.effectiveness import course_effectiveness_levels
from training.kpis.models import CollectorDay, KpiDefinition

D = datetime.date
# The session sits on 1-2 April 2026: before is 2-31 March, after 3 April
# to 2 May; the clock stands on 20 May.
BEFORE_DAY, AFTER_DAY = D(2026, 3, 10), D(2026, 4, 10)


def facts(collector, team, day, contacts):
    CollectorDay.objects.create(
        collector=collector, team=team, day=day, attempts=100, contacts=contacts
    )


@pytest.fixture
def floor(db, frozen_time, user_with_role):
    """Early collection held to an RPC rate of 50%; twelve collectors trained
    on 1-2 April and twelve not, all at 30% before. After: the trained at 40%
    or 42% (mean +11 points), the others at 32% or 34% (mean +3 points). A
    late-stage collector, not trained, is no comparison for early ones."""
    frozen_time("2026-05-20 09:00")
    early = TeamFactory(name="Desk early", stage=CollectionStage.EARLY)
    late = TeamFactory(name="Desk late", stage=CollectionStage.LATE)
    KpiDefinition.objects.create(
        name="RPC rate",
        measure="rpc_rate",
        target=Decimal(50),
        stage=CollectionStage.EARLY,
    )
    trainer_user = user_with_role(TRAINER, username="farid")
    trainer = StaffFactory(job_title="trainer", user=trainer_user)
    course = CourseFactory(title="Right-party contact", owner=trainer)
    session = session_schedule(
        course=course,
        trainer=trainer,
        capacity=30,
        room="Training room 1",
        dates=[sitting(D(2026, 4, 1)), sitting(D(2026, 4, 2))],
        by=None,
    )
    trained = [StaffFactory(team=early) for _ in range(12)]
    untrained = [StaffFactory(team=early) for _ in range(12)]
    Enrolment.objects.bulk_create(
        Enrolment(session=session, staff=person, state=Enrolment.State.PASSED)
        for person in trained
    )
    for n, person in enumerate(trained):
        facts(person, early, BEFORE_DAY, 30)
        facts(person, early, AFTER_DAY, 40 + 2 * (n % 2))
    for n, person in enumerate(untrained):
        facts(person, early, BEFORE_DAY, 30)
        facts(person, early, AFTER_DAY, 32 + 2 * (n % 2))
    stranger = StaffFactory(team=late)
    facts(stranger, late, BEFORE_DAY, 10)
    facts(stranger, late, AFTER_DAY, 90)
    return {
        "course": course,
        "trained": trained,
        "untrained": untrained,
        "manager": user_with_role(MANAGER, username="boss"),
        "trainer": trainer_user,
    }


def levels(floor, trained):
    return course_effectiveness_levels(
        course=floor["course"],
        trained_staff_ids=[person.pk for person in trained],
        first_day=D(2026, 1, 1),
        last_day=D(2026, 12, 31),
        viewer=floor["manager"],
    )


def test_trained_collectors_who_improved_show_the_effect(floor):
    found = levels(floor, floor["trained"])
    rpc = next(level for level in found if level.title == "Results: RPC rate")
    assert rpc.level == 4
    # Means over the collectors: trained 30.0 -> 41.0, not yet 30.0 -> 33.0;
    # (41 - 30) - (33 - 30) = 8 points.
    assert rpc.rows == (("RPC rate", "30.0", "41.0", "30.0", "33.0"),)
    assert rpc.note.startswith(
        "RPC rate rose 8.0 points more for trained collectors; 95% interval "
    )
    assert rpc.note.endswith("; 12 trained, 12 not yet")
    # Resampled, the trained's mean change stays within 10 to 12 and the
    # others' within 2 to 4: the interval lies within 6 to 10, around 8.
    low, high = (
        float(x) for x in rpc.note.split("interval ")[1].split(";")[0].split(" to ")
    )
    assert 6 <= low < 8 < high <= 10
    periods = next(level for level in found if level.title == "Results: KPIs")
    assert "before 2 Mar 2026 to 31 Mar 2026; after 3 Apr 2026 to 2 May 2026" in (
        periods.note
    )


def test_too_few_trained_says_so_instead_of_a_number(floor):
    found = levels(floor, floor["trained"][:3])
    rpc = next(level for level in found if level.title == "Results: RPC rate")
    assert rpc.rows == ()
    assert rpc.note == (
        "Too few collectors to compare RPC rate: 3 trained and 12 not yet trained "
        "with data in both periods; at least 10 in each group are needed."
    )


def test_without_a_scorecard_item_for_the_course_level_three_says_so(floor):
    behaviour = levels(floor, floor["trained"])[0]
    assert behaviour.level == 3
    assert behaviour.rows == ()
    assert "No QA scorecard item names this course" in behaviour.note


def test_the_course_report_renders_levels_three_and_four(client, floor):
    # The trainer who runs the course reads the groups' figures.
    client.force_login(floor["trainer"])
    url = reverse("courses_reports:effectiveness", args=[floor["course"].pk])
    page = client.get(url).content.decode()
    assert "No QA data yet" not in page
    assert "Level 3: Behaviour: QA items the course addresses" in page
    assert "Level 4: Results: RPC rate" in page
    assert "RPC rate rose 8.0 points more for trained collectors" in page
    assert "<td>41.0</td>" in page


def test_the_report_counts_the_trained_the_viewer_may_see(floor):
    found = course_effectiveness(
        viewer=floor["manager"],
        course=floor["course"],
        first_day=D(2026, 1, 1),
        last_day=D(2026, 12, 31),
    )
    assert found.trained == 12
    assert any(level.title == "Results: RPC rate" for level in found.levels)

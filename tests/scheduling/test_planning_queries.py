"""Planning writes in bulk: drafting from patterns, publishing and checking
the rules run as many SQL queries for a team of 30 as for a team of 5.

On one day, so each bulk write fits one statement on every database: SQLite
takes at most 999 parameters a statement, so Django inserts 83 shifts at a
time there and a longer period adds a statement per 83 shifts, not per
person."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.scheduling.factories import PatternAssignmentFactory, ShiftPatternFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.scheduling.models import Shift, ShiftRules
from workforce.scheduling.rules import check_shifts
from workforce.scheduling.selectors import may_plan
from workforce.scheduling.services import plan_apply_patterns, plan_publish

D = datetime.date
MONDAY = D(2026, 3, 2)


@pytest.fixture
def two_teams(desk):
    """Teams of 5 and of 30 led by the desk's lead, everyone on an early on
    Monday 2 March."""
    teams = {}
    for size in (5, 30):
        team = TeamFactory(
            name=f"Squad of {size}", slug=f"squad-{size}", lead=desk["lead"]
        )
        pattern = ShiftPatternFactory(
            team=team, cells=[desk["early"]] * 5 + [None, None]
        )
        for _ in range(size):
            PatternAssignmentFactory(
                staff=StaffFactory(team=team),
                pattern=pattern,
                starts_on=MONDAY,
            )
        teams[size] = team
    # The lead's permissions (read once and kept on the user from then on)
    # and the rules' settings (created on first use).
    may_plan(viewer=desk["lead"], team=teams[5])
    ShiftRules.load()
    return teams


def count(run) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        run()
    return [query["sql"] for query in captured]


def test_drafting_from_patterns_takes_the_same_queries_for_30_people_as_for_5(
    desk, two_teams
):
    def plan(size):
        return lambda: plan_apply_patterns(
            team=two_teams[size], first_day=MONDAY, last_day=MONDAY, by=desk["lead"]
        )

    few, many = count(plan(5)), count(plan(30))

    assert Shift.objects.filter(team=two_teams[30]).count() == 30
    assert len(many) == len(few), "\n".join(many)
    # Planning again replaces the drafts, still in as many queries.
    assert len(count(plan(30))) == len(count(plan(5)))


def test_publishing_takes_the_same_queries_for_30_people_as_for_5(desk, two_teams):
    def publish(size):
        plan_apply_patterns(
            team=two_teams[size], first_day=MONDAY, last_day=MONDAY, by=desk["lead"]
        )
        return lambda: plan_publish(
            team=two_teams[size],
            first_day=MONDAY,
            last_day=MONDAY,
            by=desk["lead"],
            override_reason="Earlies only this week",
        )

    few, many = count(publish(5)), count(publish(30))

    assert Shift.objects.published().filter(team=two_teams[30]).count() == 30
    assert len(many) == len(few), "\n".join(many)


def test_checking_the_rules_takes_the_same_queries_for_30_people_as_for_5(
    desk, two_teams
):
    def check(size):
        team = two_teams[size]
        plan_apply_patterns(
            team=team, first_day=MONDAY, last_day=MONDAY, by=desk["lead"]
        )
        drafts = list(Shift.objects.filter(team=team))
        return lambda: check_shifts(team=team, shifts=drafts, removing=[drafts[0].pk])

    assert len(count(check(30))) == len(count(check(5)))

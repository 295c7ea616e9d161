"""The demo's shift planning: shift types, a pattern per team, everyone
placed, this month and next published through the services, a few logged
changes and one swap awaiting approval. Seeds only what it stands on (the
demo sign-ins and the people), not the whole demo."""

import datetime

import pytest
from django.apps import apps
from django.core import mail
from schedule.models import Event

from deskbook.core.demo import ensure_demo_users
from workforce.people.demo import seed_teams_and_staff
from workforce.people.models import Staff, Team, TeamMembership
from workforce.scheduling.demo import seed_shift_planning
from workforce.scheduling.models import (
    PatternAssignment,
    PlanPublication,
    Shift,
    ShiftChange,
    ShiftPattern,
    ShiftSwap,
    ShiftType,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

D = datetime.date
FIRST, LAST = D(2026, 3, 1), D(2026, 4, 30)


@pytest.fixture
def demo(frozen_time, django_capture_on_commit_callbacks):
    """The demo seeded on Tuesday 10 March 2026; what it left to run once
    committed is in ``callbacks``."""
    frozen_time("2026-03-10 09:00")
    ensure_demo_users()
    seed_teams_and_staff(size="small", log=lambda line: None)
    with django_capture_on_commit_callbacks() as callbacks:
        seed_shift_planning(size="small", log=lambda line: None)
    return callbacks


def test_shift_types_patterns_and_everyone_placed_with_staggered_days_off(demo):
    types = {t.code: t for t in ShiftType.objects.prefetch_related("teams")}
    assert sorted(types) == ["E", "L", "M", "N"]
    night = types["N"]
    assert night.crosses_midnight
    assert [team.name for team in night.teams.all()] == ["Partner early collection"]
    assert not any(types[code].crosses_midnight for code in "EML")
    # A pattern a team, everyone in a team during the two months placed in
    # one, their days off staggered.
    assert ShiftPattern.objects.count() == Team.objects.count() == 5
    in_a_team = set(
        TeamMembership.objects.filter(valid_from__lte=LAST)
        .exclude(valid_to__lt=FIRST)
        .values_list("staff_id", flat=True)
    )
    placed = set(PatternAssignment.objects.values_list("staff_id", flat=True))
    assert placed == in_a_team
    for pattern in ShiftPattern.objects.prefetch_related("assignments"):
        weekdays_off = {a.rotation_offset_days % 7 for a in pattern.assignments.all()}
        assert len(weekdays_off) >= min(5, pattern.assignments.count()), pattern


def test_this_month_and_next_are_published_for_every_team_overrides_explained(
    demo,
):
    publications = PlanPublication.objects.order_by("team__name")
    assert [(p.first_day, p.last_day) for p in publications] == [(FIRST, LAST)] * 5
    assert not Shift.objects.filter(status=Shift.Status.DRAFT).exists()
    published = Shift.objects.published()
    assert published.count() == Event.objects.count()
    assert not published.filter(event__isnull=True).exists()
    # Every day of the two months has shifts in every team.
    for team in Team.objects.all():
        days = set(published.filter(team=team).values_list("day", flat=True))
        assert len(days) == 61, team
    # Only the short-handed team overrides a warning, and says why.
    reasons = dict(PlanPublication.objects.values_list("team__name", "override_reason"))
    assert reasons["Desk early collection"].startswith(
        "The team is short-handed until the new hires start"
    )
    assert (
        "under the minimum of 7"
        in PlanPublication.objects.get(team__name="Desk early collection").warnings
    )
    # The night team is open only through its nights: nothing to override.
    assert reasons["Partner early collection"] == ""
    assert reasons["Desk pre-collection"] == ""


def test_changes_after_publishing_are_logged_and_a_swap_awaits_approval(demo):
    changes = ShiftChange.objects.select_related("shift__team").order_by("pk")
    assert [(c.action, c.reason) for c in changes] == [
        (ShiftChange.Action.CHANGED, "Covers the mid-morning callback peak"),
        (ShiftChange.Action.CANCELLED, "Called in sick"),
        (ShiftChange.Action.ADDED, "Extra cover for the month-end payment run"),
    ]
    moved = changes[0]
    assert moved.shift.staff.user.username == "collector"
    assert moved.shift.shift_type.code == "M"
    assert moved.shift.day > D(2026, 3, 10)
    assert {c.shift.team.name for c in changes} == {"Desk early collection"}
    assert changes[1].shift.status == Shift.Status.CANCELLED
    assert changes[1].shift.event is None
    # One swap, taken by a teammate free that day, waits for the lead.
    [swap] = ShiftSwap.objects.select_related("shift", "offered_by", "taken_by")
    assert swap.status == ShiftSwap.Status.TAKEN
    assert swap.offered_by == Staff.objects.get(user__username="collector")
    assert swap.shift.staff == swap.offered_by
    assert swap.shift.status == Shift.Status.PUBLISHED
    assert swap.shift.day > D(2026, 3, 10)
    assert swap.taken_by != swap.offered_by
    taker_team = swap.taken_by.team_on(swap.shift.day)
    assert taker_team == swap.shift.team
    # The taker is off that day, with at least 11 hours' rest either side.
    theirs = list(
        Shift.objects.standing()
        .filter(staff=swap.taken_by)
        .between(
            swap.shift.day - datetime.timedelta(days=1),
            swap.shift.day + datetime.timedelta(days=1),
        )
    )
    assert swap.shift.day not in {s.day for s in theirs}
    for other in theirs:
        rest = max(other.start - swap.shift.end, swap.shift.start - other.end)
        assert rest >= datetime.timedelta(hours=11)
    # Nobody is e-mailed about the demo's made-up people.
    assert demo == []
    assert mail.outbox == []


def scheduling_rows() -> dict:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("scheduling").get_models()
    }
    counts["schedule.Event"] = Event.objects.count()
    counts["shifts"] = sorted(
        Shift.objects.values_list("pk", "status", "shift_type_id", "updated_at")
    )
    return counts


def test_seeding_again_changes_nothing(demo):
    before = scheduling_rows()
    seed_shift_planning(size="small", log=lambda line: None)
    assert scheduling_rows() == before

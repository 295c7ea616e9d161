"""The demo's people: teams, leads, moves and a resignation. Seeds only what
they stand on (the demo sign-ins and the people), not the whole demo."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.demo import ensure_demo_users
from workforce.people.demo import seed_teams_and_staff
from workforce.people.models import Language, Staff, Team, TeamMembership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def seed_people():
    ensure_demo_users()
    seed_teams_and_staff(size="small", log=lambda line: None)


def test_seed_demo_creates_about_forty_staff_in_five_teams_each_led():
    seed_people()
    assert Team.objects.count() == 5
    assert Team.objects.filter(partner__isnull=False).count() == 1
    in_teams = Staff.objects.filter(memberships__isnull=False).distinct()
    assert in_teams.count() == 41
    for team in Team.objects.all():
        assert team.leads.filter(job_title=Staff.JobTitle.TEAM_LEAD).count() == 1


def test_seed_demo_has_moves_past_and_future_and_one_person_on_notice(frozen_time):
    frozen_time("2026-03-02 09:00")
    seed_people()
    moved = TeamMembership.objects.exclude(reason="Joined")
    assert sorted(m.valid_from.isoformat() for m in moved) == [
        "2025-05-06",
        "2025-11-02",
        "2026-04-01",
    ]
    assert list(
        Staff.objects.filter(status=Staff.Status.ON_NOTICE).values_list(
            "resignations__last_working_day", flat=True
        )
    ) == [datetime.date(2026, 3, 22)]
    assert Language.objects.filter(speakers__isnull=False).distinct().count() == 5


def test_demo_collector_and_team_lead_are_real_staff_of_one_team():
    seed_people()
    collector = Staff.objects.get(user__username="collector")
    lead = Staff.objects.get(user__username="teamlead")
    today = timezone.localdate()
    assert collector.team_on(today) == lead.team_on(today)
    assert list(collector.team_on(today).leads.all()) == [lead]

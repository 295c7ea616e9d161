"""The demo's people: teams, leads, moves and a resignation, small and large,
and names that read as a Singapore-Malaysia-Indonesia floor. Seeds only what
they stand on (the demo sign-ins and the people), not the whole demo."""

import collections
import datetime
import itertools

import pytest
from django.apps import apps
from django.utils import timezone

from deskbook.core.demo import ensure_demo_users
from workforce.people.demo import seed_teams_and_staff
from workforce.people.models import (
    Language,
    Resignation,
    Staff,
    Team,
    TeamMembership,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]


def seed_people(size="small"):
    ensure_demo_users()
    seed_teams_and_staff(size=size, log=lambda line: None)


def largest_surname_share() -> float:
    surnames = collections.Counter(Staff.objects.values_list("last_name", flat=True))
    return max(surnames.values()) / sum(surnames.values())


def assert_every_convention_on_the_floor():
    last_names = set(Staff.objects.values_list("last_name", flat=True))
    for connector in ("bin", "s/o", "d/o"):
        assert any(name.startswith(f"{connector} ") for name in last_names)
    assert any(name.startswith(("binte ", "binti ")) for name in last_names)
    single = Staff.objects.filter(first_name="")
    assert single.exists()
    assert all(person.full_name == person.last_name for person in single)


def test_seed_demo_creates_about_forty_staff_in_five_teams_each_led():
    seed_people()
    assert Team.objects.count() == 5
    assert Team.objects.filter(partner__isnull=False).count() == 1
    in_teams = Staff.objects.filter(memberships__isnull=False).distinct()
    assert in_teams.count() == 41
    for team in Team.objects.all():
        assert team.leads.filter(job_title=Staff.JobTitle.TEAM_LEAD).count() == 1
    assert largest_surname_share() <= 0.15
    assert_every_convention_on_the_floor()


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


def people_row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in ("workforce", "auth")
    }


def assert_history_whole(staff: Staff, memberships: list[TeamMembership]):
    """From the hire date, each stay starts the day after the last one ends;
    only the last may be open."""
    assert memberships[0].valid_from == staff.hired_on, staff
    for before, after in itertools.pairwise(memberships):
        assert before.valid_to is not None, staff
        assert after.valid_from == before.valid_to + datetime.timedelta(days=1), staff


def test_large_demo_adds_500_people_in_25_teams_in_house_and_at_3_partners(
    frozen_time,
):
    frozen_time("2026-03-02 09:00")
    seed_people("small")
    small = Staff.objects.count()
    seed_people("large")
    seeded = people_row_counts()
    seed_people("large")
    assert people_row_counts() == seeded

    assert Staff.objects.count() - small == 500
    assert Team.objects.count() == 5 + 25
    teams_by_runner = collections.Counter(team.run_by for team in Team.objects.all())
    assert teams_by_runner == {
        "In-house": 4 + 13,
        "Nusantara Recoveries Sdn Bhd": 1 + 4,
        "Selat Collections Pte Ltd": 4,
        "Mutiara Kredit Services Sdn Bhd": 4,
    }
    today = datetime.date(2026, 3, 2)
    in_a_team_today = TeamMembership.objects.on(today)
    for team in Team.objects.prefetch_related("leads"):
        leads = list(team.leads.all())
        assert 1 <= len(leads) <= 2, team
        assert {lead.job_title for lead in leads} == {Staff.JobTitle.TEAM_LEAD}
        assert in_a_team_today.filter(team=team, staff__in=leads).count() == len(leads)

    by_person = collections.defaultdict(list)
    for membership in TeamMembership.objects.order_by("staff_id", "valid_from"):
        by_person[membership.staff_id].append(membership)
    staff = Staff.objects.in_bulk(list(by_person))
    for pk, memberships in by_person.items():
        assert_history_whole(staff[pk], memberships)
    assert len(by_person) == 41 + 500
    moves = TeamMembership.objects.exclude(reason="Joined")
    assert 100 <= moves.filter(valid_from__lte=today).count() <= 200
    assert moves.filter(valid_from__gt=today).count() == 1 + 6

    on_notice = Staff.objects.filter(status=Staff.Status.ON_NOTICE)
    assert on_notice.count() == 1 + 9
    for person in on_notice:
        last_day = Resignation.objects.get(staff=person).last_working_day
        assert last_day > today
        assert person.memberships.order_by("valid_from").last().valid_to == last_day
    assert not Staff.objects.filter(
        memberships__isnull=False, languages__isnull=True
    ).exists()
    floor = Staff.objects.filter(job_title__in=["desk_collector", "team_lead"])
    assert not floor.filter(user__isnull=True).exists()
    assert largest_surname_share() <= 0.15
    assert_every_convention_on_the_floor()

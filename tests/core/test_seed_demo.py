import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from deskbook.core.demo import DEMO_PASSWORD, DEMO_USERS
from deskbook.core.organisation import OrganisationSettings
from deskbook.core.roles import STAFF_ROLES
from workforce.people.models import Language, Staff, Team, TeamMembership

pytestmark = pytest.mark.usefixtures("search_indexing_off")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_counts():
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first


@pytest.mark.django_db
def test_seed_demo_creates_about_forty_staff_in_five_teams_each_led():
    seed()
    assert Team.objects.count() == 5
    assert Team.objects.filter(partner__isnull=False).count() == 1
    in_teams = Staff.objects.filter(memberships__isnull=False).distinct()
    assert in_teams.count() == 41
    for team in Team.objects.all():
        assert team.leads.filter(job_title=Staff.JobTitle.TEAM_LEAD).count() == 1


@pytest.mark.django_db
def test_seed_demo_has_moves_past_and_future_and_one_person_on_notice(frozen_time):
    frozen_time("2026-03-02 09:00")
    seed()
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


@pytest.mark.django_db
def test_seed_demo_prints_and_creates_one_sign_in_per_role():
    output = seed()
    assert DEMO_PASSWORD in output
    User = get_user_model()
    for demo in DEMO_USERS:
        assert demo.username in output
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
    held = {
        group
        for user in User.objects.filter(is_superuser=False)
        for group in user.groups.values_list("name", flat=True)
    }
    assert held == set(STAFF_ROLES)


@pytest.mark.django_db
def test_demo_collector_and_team_lead_are_real_staff_of_one_team():
    seed()
    collector = Staff.objects.get(user__username="collector")
    lead = Staff.objects.get(user__username="teamlead")
    today = timezone.localdate()
    assert collector.team_on(today) == lead.team_on(today)
    assert list(collector.team_on(today).leads.all()) == [lead]


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_demo_alone():
    seed()
    Staff.objects.filter(employee_number="E00002").delete()
    before = row_counts()
    output = seed("--if-empty")
    assert "already present" in output
    assert row_counts() == before


@pytest.mark.django_db
def test_seed_keeps_a_changed_demo_password():
    seed()
    user = get_user_model().objects.get(username="manager")
    user.set_password("changed-by-the-manager")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("changed-by-the-manager")


@pytest.mark.django_db
def test_seed_demo_names_the_demo_agency():
    seed()
    organisation = OrganisationSettings.objects.get(site__is_default_site=True)
    assert organisation.name == "Meridian Recovery Services"
    assert organisation.address.endswith("Singapore 079912")

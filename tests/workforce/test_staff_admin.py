import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.people.models import Staff

STAFF_INDEX = "/admin/workforce/staff/"
TEAMS_INDEX = "/admin/workforce/teams/"


def assert_refused(response):
    """Refused where the person is: a 403 page in the admin's look."""
    assert response.status_code == 403
    assert "data-refusal" in response.content.decode()


@pytest.fixture
def two_teams(db, user_with_role):
    lead = user_with_role(TEAM_LEAD, username="lead")
    mine = TeamFactory(name="Desk early collection", lead=lead)
    other = TeamFactory(name="Harbourfront squad")
    StaffFactory(team=mine, first_name="Aisyah", last_name="Mine")
    StaffFactory(team=other, first_name="Kelvin", last_name="Other")
    return lead, mine, other


@pytest.mark.django_db
def test_manager_sees_every_staff_record(client_as, two_teams):
    html = client_as(MANAGER).get(STAFF_INDEX).content.decode()
    assert "Aisyah Mine" in html
    assert "Kelvin Other" in html


@pytest.mark.django_db
def test_team_lead_sees_only_their_own_team(client, two_teams):
    lead, _, _ = two_teams
    client.force_login(lead)
    response = client.get(STAFF_INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aisyah Mine" in html
    assert "Kelvin Other" not in html
    teams = client.get(TEAMS_INDEX).content.decode()
    assert "Desk early collection" in teams
    assert "Harbourfront squad" not in teams


@pytest.mark.django_db
def test_team_lead_cannot_edit_staff_records(client, two_teams):
    lead, mine, _ = two_teams
    client.force_login(lead)
    member = Staff.objects.get(last_name="Mine")
    assert_refused(client.get(f"{STAFF_INDEX}edit/{member.pk}/"))
    assert_refused(client.get(f"{STAFF_INDEX}new/"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COLLECTOR, EDITOR])
def test_other_roles_cannot_list_staff(client_as, two_teams, role):
    assert_refused(client_as(role).get(STAFF_INDEX))


@pytest.mark.django_db
def test_manager_can_edit_a_staff_record(client_as, two_teams):
    _, mine, _ = two_teams
    member = Staff.objects.get(last_name="Mine")
    client = client_as(MANAGER)
    response = client.post(
        f"{STAFF_INDEX}edit/{member.pk}/",
        {
            "employee_number": member.employee_number,
            "first_name": "Aisyah",
            "last_name": "Renamed",
            "email": "",
            "job_title": member.job_title,
            "user": "",
            "hired_on": "2024-01-15",
            "status": "active",
            "phone_extension": "4101",
            "dialer_agent_id": "",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.last_name == "Renamed"


@pytest.mark.django_db
def test_staff_list_exports_as_csv(client_as, two_teams):
    response = client_as(MANAGER).get(STAFF_INDEX, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Employee number" in body.splitlines()[0]
    assert "Mine" in body and "Other" in body


@pytest.mark.django_db
def test_staff_list_query_count_does_not_grow_with_staff(client_as):
    client = client_as(MANAGER)
    team = TeamFactory()
    StaffFactory.create_batch(3, team=team)
    client.get(STAFF_INDEX)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as few:
        client.get(STAFF_INDEX)
    StaffFactory.create_batch(30, team=TeamFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(STAFF_INDEX)
    assert len(many) == len(few)


IMPORT_URL = "/admin/workforce/staff-import/"


def header_links(html: str) -> dict[str, str]:
    """The links of the page header's buttons: {url: label}."""
    header = BeautifulSoup(html, "html.parser").select_one("header")
    return {a["href"]: " ".join(a.get_text().split()) for a in header.select("a")}


@pytest.mark.django_db
def test_the_staff_listing_offers_the_import_to_whoever_may_import(
    client_as, two_teams
):
    html = client_as(MANAGER).get(STAFF_INDEX).content.decode()
    assert header_links(html)[IMPORT_URL] == "Import staff"


@pytest.mark.django_db
def test_a_team_lead_sees_no_import_button_and_may_not_import(client, two_teams):
    lead, _, _ = two_teams
    client.force_login(lead)
    response = client.get(STAFF_INDEX)
    assert response.status_code == 200
    assert IMPORT_URL not in response.content.decode()
    assert_refused(client.get(IMPORT_URL))

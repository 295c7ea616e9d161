"""A person's own record, read only, reached from the dashboard: it only ever
shows the signed-in person."""

import datetime

import pytest

from deskbook.core.roles import COLLECTOR, MANAGER
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.people.models import Language
from workforce.people.services import staff_move

D = datetime.date
URL = "/admin/my-record/"


@pytest.fixture
def nur(db, user_with_role, frozen_time):
    """Nur, in Desk early from 2024, moved to Desk late on 1 March 2026."""
    frozen_time("2026-03-10 09:00")
    user = user_with_role(COLLECTOR, username="nur")
    early = TeamFactory(name="Desk early", slug="desk-early")
    late = TeamFactory(name="Desk late", slug="desk-late")
    staff = StaffFactory(
        first_name="Nur",
        last_name="Hidayah",
        employee_number="E01234",
        phone_extension="4412",
        user=user,
        team=early,
    )
    staff.languages.add(Language.objects.get_or_create(code="ms", name="Malay")[0])
    staff_move(
        staff=staff,
        team=late,
        effective_on=D(2026, 3, 1),
        reason="Cover",
        by=user_with_role(MANAGER),
    )
    StaffFactory(
        first_name="Kelvin",
        last_name="Lim",
        employee_number="E09999",
        phone_extension="4499",
        user=user_with_role(COLLECTOR, username="kelvin"),
        team=early,
    )
    return user


def test_a_collector_reaches_their_record_from_the_dashboard(client, nur):
    client.force_login(nur)
    assert f'href="{URL}"' in client.get("/admin/").content.decode()


def test_the_record_shows_the_persons_own_details_and_team_history(client, nur):
    client.force_login(nur)
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "<dd>Nur Hidayah</dd>",
        "<dd>E01234</dd>",
        "<dd>Desk collector</dd>",
        "<dd>Desk late</dd>",
        "<dd>Malay</dd>",
        "<dd>4412</dd>",
        "<td>Desk late</td><td>2026-03-01</td><td>—</td>",
        "<td>Desk early</td><td>2024-01-15</td><td>2026-02-28</td>",
    ):
        assert expected in html


@pytest.mark.parametrize("query", ["", "?pk=2", "?id=2&user=kelvin"])
def test_the_record_never_shows_anyone_else(client, nur, query):
    client.force_login(nur)
    html = client.get(URL + query).content.decode()

    assert "E01234" in html
    for theirs in ("Kelvin", "E09999", "4499"):
        assert theirs not in html


def test_a_sign_in_without_a_staff_record_is_told_so(client, nur, user_with_role):
    client.force_login(user_with_role(COLLECTOR, username="temp"))
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "No staff record is linked to your sign-in." in html
    assert "E01234" not in html


def test_an_anonymous_visitor_is_sent_to_sign_in(client, nur):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_header_names_the_page_not_the_dashboard(client, nur):
    client.force_login(nur)
    html = client.get(URL).content.decode()
    header = html[html.index("<header") : html.index("</header>")]

    # The last breadcrumb is the one the header shows.
    assert "My record" in header[header.rindex("<li") :]

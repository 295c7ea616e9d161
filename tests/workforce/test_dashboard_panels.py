"""The people panels of the dashboard: a lead's team today, a manager's
headcount; each only for the role that needs it, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.workforce.factories import PartnerAgencyFactory, StaffFactory, TeamFactory
from workforce.people.dashboard_panels import HeadcountPanel, MyTeamTodayPanel
from workforce.people.models import Resignation, Staff, TeamMembership
from workforce.people.services import (
    resignation_record,
    resignation_withdraw,
    staff_move,
)

D = datetime.date
LONG_SERVING = D(2024, 1, 15)


@pytest.fixture
def agency(db, user_with_role, frozen_time):
    """On 10 March 2026: Desk early (Eva leads) holds Aisyah, Kelvin (hired
    2 March) and Nadia (last day 20 March); Aisyah moves to Desk late on
    25 March. Desk late (Lim leads) holds Wei, whose resignation was withdrawn;
    Farid left it in February. Field north, run by Acme Recoveries, holds
    Budi, Citra and Dewi (hired 5 March); Wei moves there on 1 April."""
    frozen_time("2026-03-10 09:00")
    manager = user_with_role(MANAGER, username="boss")
    eva = user_with_role(TEAM_LEAD, username="eva", first_name="Eva")
    lim = user_with_role(TEAM_LEAD, username="lim", first_name="Lim")
    early = TeamFactory(name="Desk early", slug="desk-early", lead=eva)
    late = TeamFactory(name="Desk late", slug="desk-late", lead=lim)
    acme = PartnerAgencyFactory(name="Acme Recoveries")
    field = TeamFactory(name="Field north", slug="field-north", partner=acme)

    def person(first_name, team, hired_on=LONG_SERVING):
        return StaffFactory(
            first_name=first_name, last_name="Tan", team=team, hired_on=hired_on
        )

    aisyah = person("Aisyah", early)
    person("Kelvin", early, hired_on=D(2026, 3, 2))
    nadia = person("Nadia", early)
    resignation_record(
        staff=nadia,
        notice_given_on=D(2026, 3, 1),
        last_working_day=D(2026, 3, 20),
        reason="Moving abroad",
        by=manager,
    )
    wei = person("Wei", late)
    withdrawn = resignation_record(
        staff=wei,
        notice_given_on=D(2026, 3, 3),
        last_working_day=D(2026, 3, 31),
        reason="Second thoughts",
        by=manager,
    )
    resignation_withdraw(resignation=withdrawn, on=D(2026, 3, 6), by=manager)
    # His time in Desk late now ends on the withdrawn last day: still no leaver.
    staff_move(
        staff=wei, team=field, effective_on=D(2026, 4, 1), reason="Cover", by=manager
    )
    farid = StaffFactory(first_name="Farid", last_name="Tan", status=Staff.Status.LEFT)
    TeamMembership.objects.create(
        staff=farid, team=late, valid_from=farid.hired_on, valid_to=D(2026, 2, 27)
    )
    Resignation.objects.create(
        staff=farid,
        notice_given_on=D(2026, 1, 30),
        last_working_day=D(2026, 2, 27),
        reason="Retired",
    )
    for name in ("Budi", "Citra"):
        person(name, field)
    person("Dewi", field, hired_on=D(2026, 3, 5))
    staff_move(
        staff=aisyah, team=late, effective_on=D(2026, 3, 25), reason="Cover", by=eva
    )
    return {"manager": manager, "eva": eva, "lim": lim, "early": early}


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_lead_sees_their_team_today_and_not_another_team(client, agency):
    html = dashboard(client, agency["eva"])

    assert "My team today" in html
    assert "Desk early <span" in html
    for name in ("Aisyah Tan", "Kelvin Tan", "Nadia Tan"):
        assert name in html
    for name in ("Wei Tan", "Budi Tan", "Farid Tan"):
        assert name not in html
    assert "Nadia Tan: last day 20 Mar 2026" in html
    assert "25 Mar 2026: Aisyah Tan, Desk early → Desk late" in html
    assert "Desk late → Field north" not in html
    assert 'id="workforce-headcount-heading"' not in html


def test_the_other_lead_sees_only_their_own_team_and_the_move_coming_in(client, agency):
    html = dashboard(client, agency["lim"])

    assert "Wei Tan" in html
    for name in ("Kelvin Tan", "Nadia Tan", "Budi Tan"):
        assert name not in html
    assert "Nobody in your teams is on notice." in html
    assert "25 Mar 2026: Aisyah Tan, Desk early → Desk late" in html
    assert "1 Apr 2026: Wei Tan, Desk late → Field north" in html


def row(name, people, joiners, leavers):
    return (
        f'<tr data-headcount="{name}"><th scope="row">{name}</th>'
        f"<td>{people}</td><td>{joiners}</td><td>{leavers}</td></tr>"
    )


def test_a_manager_sees_headcount_by_team_and_by_who_runs_it(client, agency):
    html = dashboard(client, agency["manager"])

    assert "joiners and leavers in March 2026" in html
    assert row("Desk early", 3, 1, 1) in html
    assert row("Desk late", 1, 0, 0) in html
    assert row("Field north", 3, 1, 0) in html
    assert row("In-house", 4, 1, 1) in html
    assert row("Acme Recoveries", 3, 1, 0) in html
    assert '<th scope="row">Total</th><td>7</td><td>2</td><td>1</td>' in html
    assert 'id="workforce-team-today-heading"' not in html


def test_a_collector_sees_neither_panel(client, agency, user_with_role):
    html = dashboard(client, user_with_role(COLLECTOR))

    assert 'id="workforce-team-today-heading"' not in html
    assert 'id="workforce-headcount-heading"' not in html


def queries_to_render(panel_class, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as captured:
        panel_class(request).render_html({})
    return len(captured)


@pytest.mark.parametrize("panel_class", [MyTeamTodayPanel, HeadcountPanel])
def test_a_panel_takes_as_many_queries_for_25_people_as_for_5(agency, panel_class):
    viewer = agency["eva"] if panel_class is MyTeamTodayPanel else agency["manager"]
    StaffFactory.create_batch(5, team=agency["early"])
    with_5 = queries_to_render(panel_class, viewer)
    StaffFactory.create_batch(20, team=agency["early"])
    with_25 = queries_to_render(panel_class, viewer)

    assert with_25 == with_5


def test_a_manager_who_leads_a_team_sees_only_that_team_in_my_team_today(
    client, agency, user_with_role
):
    leading_manager = user_with_role(MANAGER, username="leading-manager")
    agency["early"].leads.add(StaffFactory(user=leading_manager))

    html = dashboard(client, leading_manager)

    assert "Kelvin Tan" in html
    assert "Wei Tan" not in html
    assert "Budi Tan" not in html

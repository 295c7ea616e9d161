"""The *Leave* back office: each screen allowed to its roles and refused
(exactly 403) to the others; listings scoped to the viewer."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR
from tests.leave.factories import (
    AllocationFactory,
    BlackoutFactory,
    LeaveRequestFactory,
)
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.leave.models import Allocation, Blackout, LeaveType, PublicHoliday

D = datetime.date
TYPES = "/admin/workforce/leave-types/"
ALLOCATIONS = "/admin/workforce/leave-allocations/"
HOLIDAYS = "/admin/workforce/public-holidays/"
BLACKOUTS = "/admin/workforce/leave-blackouts/"
REQUESTS = "/admin/workforce/leave-requests/"


def listing(response) -> str:
    html = response.content.decode()
    if '<table class="listing' not in html:
        return ""
    return html.split('<table class="listing', 1)[1].split("</tbody>", 1)[0]


@pytest.mark.parametrize("url", [TYPES, ALLOCATIONS, HOLIDAYS, BLACKOUTS, REQUESTS])
def test_a_collector_is_refused_every_leave_screen(client, leave, url):
    client.force_login(leave["aisyah_user"])

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [TYPES, ALLOCATIONS, HOLIDAYS, BLACKOUTS, REQUESTS])
def test_signed_out_visitors_go_to_the_sign_in(client, leave, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("url", [TYPES, ALLOCATIONS, HOLIDAYS, BLACKOUTS, REQUESTS])
def test_leads_and_managers_open_every_leave_listing(client, leave, url):
    for user in (leave["lead"], leave["manager"]):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_a_manager_adds_a_leave_type(client, leave):
    client.force_login(leave["manager"])

    response = client.post(
        TYPES + "new/",
        {
            "name": "Compassionate leave",
            "code": "CL",
            "paid": "on",
            "notice_days": "0",
            "colour": "#6a1b9a",
            "active": "on",
        },
    )

    assert response.status_code == 302
    created = LeaveType.objects.get(code="CL")
    assert (created.paid, created.needs_balance, created.notice_days) == (
        True,
        False,
        0,
    )


@pytest.mark.parametrize(
    "url", [TYPES + "new/", HOLIDAYS + "new/", BLACKOUTS + "new/", ALLOCATIONS + "new/"]
)
def test_a_lead_sees_the_rules_but_may_not_change_them(client, leave, url):
    client.force_login(leave["lead"])

    assert client.get(url).status_code == 403


def test_a_manager_adds_an_agency_day(client, leave):
    client.force_login(leave["manager"])

    client.post(
        HOLIDAYS + "new/",
        {"date": "2026-12-24", "name": "Christmas Eve (agency)", "source": "agency"},
    )

    assert PublicHoliday.objects.get().date == D(2026, 12, 24)


def test_a_manager_adds_a_blackout_and_one_ending_before_it_starts_is_refused(
    client, leave
):
    client.force_login(leave["manager"])
    fields = {"team": leave["team"].pk, "reason": "Month-end push"}

    refused = client.post(
        BLACKOUTS + "new/",
        fields | {"first_day": "2026-03-31", "last_day": "2026-03-25"},
    )
    client.post(
        BLACKOUTS + "new/",
        fields | {"first_day": "2026-03-25", "last_day": "2026-03-31"},
    )

    assert refused.status_code == 200
    assert "The blackout ends before it starts." in refused.content.decode()
    assert list(Blackout.objects.values_list("first_day", "last_day")) == [
        (D(2026, 3, 25), D(2026, 3, 31))
    ]


def test_a_lead_sees_the_allocations_of_their_teams_people_only(client, leave):
    AllocationFactory(staff=leave["dewi"], leave_type=leave["annual"])
    client.force_login(leave["lead"])

    rows = listing(client.get(ALLOCATIONS))

    assert "binti Ahmad" in rows
    assert "Santoso" not in rows


def test_a_grant_below_the_days_used_is_a_form_error(client, leave, ask):
    ask()  # five days pending
    client.force_login(leave["manager"])
    allocation = leave["aisyah_annual"]

    response = client.post(
        ALLOCATIONS + f"edit/{allocation.pk}/",
        {
            "staff": allocation.staff_id,
            "leave_type": allocation.leave_type_id,
            "year": "2026",
            "granted": "4",
            "carried_over": "0",
        },
    )

    assert response.status_code == 200
    assert "5 days already taken or pending" in response.content.decode()
    assert Allocation.objects.get(pk=allocation.pk).granted == Decimal("14")


def test_a_lead_sees_the_requests_of_their_teams_people_only(client, leave, ask):
    ask(reason="Family visit")
    LeaveRequestFactory(staff=leave["dewi"], leave_type=leave["annual"])

    client.force_login(leave["lead"])
    mine = listing(client.get(REQUESTS))
    client.force_login(leave["other_lead"])
    theirs = listing(client.get(REQUESTS))

    assert "binti Ahmad" in mine and "Santoso" not in mine
    assert "binti Ahmad" not in theirs and "Santoso" in theirs


def test_requests_filter_by_status_and_team(client, leave, ask):
    ask()
    LeaveRequestFactory(
        staff=leave["wei"], leave_type=leave["annual"], status="rejected"
    )
    client.force_login(leave["manager"])

    pending = listing(client.get(REQUESTS, {"status": "pending"}))
    other_team = listing(client.get(REQUESTS, {"team": leave["other"].pk}))

    assert "binti Ahmad" in pending and "Tan" not in pending
    assert "binti Ahmad" not in other_team


def test_requests_are_never_edited_here(client, leave, ask):
    request = ask()
    client.force_login(leave["manager"])

    assert client.get(REQUESTS + f"edit/{request.pk}/").status_code == 404


def listing_queries(client, url) -> int:
    client.get(url)  # warm the caches (menus, settings)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["lead", "manager"])
@pytest.mark.parametrize("url", [REQUESTS, ALLOCATIONS])
def test_the_listings_keep_their_query_count_as_people_grow(client, leave, url, viewer):
    client.force_login(leave[viewer])

    def add_people(count):
        for _ in range(count):
            person = StaffFactory(team=leave["team"])
            LeaveRequestFactory(
                staff=person, leave_type=leave["annual"], decided_by=leave["manager"]
            )
            AllocationFactory(staff=person, leave_type=leave["annual"])

    add_people(3)
    few = listing_queries(client, url)
    add_people(12)
    many = listing_queries(client, url)

    # A header row and a row for each of the 15 people at least.
    assert listing(client.get(url)).count("<tr") > 15
    assert many == few


def test_the_blackouts_keep_their_query_count_as_teams_grow(client, leave):
    client.force_login(leave["manager"])

    def add_teams(count):
        for _ in range(count):
            BlackoutFactory(
                team=TeamFactory(), first_day=D(2026, 3, 27), last_day=D(2026, 3, 31)
            )

    add_teams(2)
    few = listing_queries(client, BLACKOUTS)
    add_teams(10)

    assert listing_queries(client, BLACKOUTS) == few


def test_a_collector_does_not_see_the_leave_menu(client, leave, user_with_role):
    client.force_login(user_with_role(COLLECTOR))

    assert REQUESTS not in client.get("/admin/").content.decode()

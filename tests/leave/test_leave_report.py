"""*Reports → Leave taken*: days of approved leave a month, by type and by
team or by who runs the teams, with filters, CSV, XLSX and a chart drawn on
the server. Managers only."""

import datetime
import re
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.admin.menu import reports_menu

from tests.workforce.factories import PartnerAgencyFactory, StaffFactory
from workforce.leave.services import leave_request_approve
from workforce.people.services import staff_move

D = datetime.date
URL = "/admin/reports/leave/"
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun"]
MONTHS += ["jul", "aug", "sep", "oct", "nov", "dec"]


def lines(html: str) -> dict[str, list[str]]:
    """Each line of the report's table: ``"Desk early|Annual leave"`` to its
    twelve months and total."""
    found = {}
    for key, cells in re.findall(
        r'<tr data-line="([^"]*)"[^>]*>(.*?)</tr>', html, re.S
    ):
        values = re.findall(r'<td class="number">(?:<strong>)?([^<]*)', cells)
        found[key.replace("&amp;", "&")] = values
    return found


def months(**values) -> list[str]:
    """Twelve months of zeros but for those named (``mar="2"``), then the
    total."""
    names = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ]
    cells = [values.pop(name, "0") for name in names]
    return [*cells, values.pop("total")]


@pytest.fixture
def taken(leave, ask):
    """2026, Desk late run by a partner agency. Approved: Aisyah's annual
    leave Mon 30 March – Thu 2 April (2 days in each month), Wei's unpaid
    Tuesday 10 March afternoon, Dewi's (Desk late) unpaid Wednesday 11
    March. Pending, so not counted: Kelvin's unpaid Thursday 12 March."""
    leave["other"].partner = PartnerAgencyFactory(name="Prime Recoveries")
    leave["other"].save()
    unpaid = leave["unpaid"]
    approve = [
        ask(first_day=D(2026, 3, 30), last_day=D(2026, 4, 2)),
        ask(
            staff=leave["wei"],
            leave_type=unpaid,
            first_day=D(2026, 3, 10),
            last_day=D(2026, 3, 10),
            first_day_part="afternoon",
            last_day_part="afternoon",
            by=leave["wei_user"],
        ),
    ]
    for request in approve:
        leave_request_approve(request=request, by=leave["lead"])
    dewi = ask(
        staff=leave["dewi"],
        leave_type=unpaid,
        first_day=D(2026, 3, 11),
        last_day=D(2026, 3, 11),
        by=leave["dewi_user"],
    )
    leave_request_approve(request=dewi, by=leave["other_lead"])
    ask(
        staff=leave["kelvin"],
        leave_type=unpaid,
        first_day=D(2026, 3, 12),
        last_day=D(2026, 3, 12),
        by=leave["kelvin_user"],
    )
    return leave


def test_a_manager_sees_days_taken_by_team_type_and_month(client, taken):
    client.force_login(taken["manager"])
    response = client.get(URL, {"year": "2026"})

    assert response.status_code == 200
    assert lines(response.content.decode()) == {
        "Desk early|Annual leave": months(mar="2", apr="2", total="4"),
        "Desk early|Unpaid leave": months(mar="0.5", total="0.5"),
        "Desk late|Unpaid leave": months(mar="1", total="1"),
        "Total|": months(mar="3.5", apr="2", total="5.5"),
    }


def test_by_who_runs_the_teams(client, taken):
    client.force_login(taken["manager"])
    html = client.get(URL, {"year": "2026", "group_by": "run_by"}).content.decode()

    assert lines(html) == {
        "In-house|Annual leave": months(mar="2", apr="2", total="4"),
        "In-house|Unpaid leave": months(mar="0.5", total="0.5"),
        "Prime Recoveries|Unpaid leave": months(mar="1", total="1"),
        "Total|": months(mar="3.5", apr="2", total="5.5"),
    }


def test_each_day_counts_in_the_team_the_person_was_in_that_day(client, taken):
    staff_move(
        staff=taken["aisyah"],
        team=taken["other"],
        effective_on=D(2026, 4, 1),
        reason="Needed on lates",
        by=taken["manager"],
    )
    client.force_login(taken["manager"])

    found = lines(client.get(URL, {"year": "2026"}).content.decode())

    assert found["Desk early|Annual leave"] == months(mar="2", total="2")
    assert found["Desk late|Annual leave"] == months(apr="2", total="2")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"team": "desk-late"}, ["Desk late|Unpaid leave"]),
        (
            {"partner": "in-house"},
            ["Desk early|Annual leave", "Desk early|Unpaid leave"],
        ),
        ({"partner": "PARTNER"}, ["Desk late|Unpaid leave"]),
        ({"leave_type": "ANNUAL"}, ["Desk early|Annual leave"]),
    ],
)
def test_the_filters_narrow_the_lines(client, taken, filters, expected):
    filters = {
        key: {
            "PARTNER": str(taken["other"].partner_id),
            "ANNUAL": str(taken["annual"].pk),
        }.get(value, value)
        for key, value in filters.items()
    }
    client.force_login(taken["manager"])

    html = client.get(URL, {"year": "2026", **filters}).content.decode()

    assert [key for key in lines(html) if key != "Total|"] == expected


def test_a_year_without_leave_says_so(client, taken):
    client.force_login(taken["manager"])
    html = client.get(URL, {"year": "2027"}).content.decode()

    assert "No approved leave in 2027 matches these filters." in html
    assert lines(html) == {"Total|": months(total="0")}


@pytest.mark.parametrize("year", ["abc", "1999", "20266"])
def test_a_year_that_is_not_one_is_explained(client, taken, year):
    client.force_login(taken["manager"])
    response = client.get(URL, {"year": year})

    assert response.status_code == 200
    assert "Year:" in response.content.decode()


def test_the_chart_is_drawn_on_the_server(client, taken):
    client.force_login(taken["manager"])
    html = client.get(URL, {"year": "2026"}).content.decode()

    svg = re.search(r"data-chart>\s*(<svg .*?</svg>)", html, re.S).group(1)
    assert re.findall(r"<title>([^<]*)</title></rect>", svg) == [
        "Annual leave, Mar: 2 days",
        "Unpaid leave, Mar: 1.5 days",
        "Annual leave, Apr: 2 days",
    ]
    # Nothing fetched: no script, no address outside the page.
    assert "<script" not in svg and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_the_csv_export(client, taken):
    client.force_login(taken["manager"])
    response = client.get(URL, {"year": "2026", "export": "csv"})

    assert response["Content-Disposition"] == (
        'attachment; filename="leave-taken-2026-by-team.csv"'
    )
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows == [
        "Team,Type,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec,Total",
        "Desk early,Annual leave,0,0,2,2,0,0,0,0,0,0,0,0,4",
        "Desk early,Unpaid leave,0,0,0.5,0,0,0,0,0,0,0,0,0,0.5",
        "Desk late,Unpaid leave,0,0,1,0,0,0,0,0,0,0,0,0,1",
        "Total,,0,0,3.5,2,0,0,0,0,0,0,0,0,5.5",
    ]


def test_the_xlsx_export_holds_numbers(client, taken):
    client.force_login(taken["manager"])
    response = client.get(URL, {"year": "2026", "group_by": "run_by", "export": "xlsx"})

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Run by", "Type", "Jan", "Feb", "Mar")
    assert rows[1] == ("In-house", "Annual leave", 0, 0, 2, 2, *[0] * 8, 4)
    assert rows[-1][-1] == 5.5


@pytest.mark.parametrize("who", ["lead", "other_lead", "aisyah_user"])
def test_everyone_but_managers_is_refused(client, taken, who):
    client.force_login(taken[who])

    assert client.get(URL).status_code == 403
    assert client.get(URL, {"export": "csv"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, taken):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_report_is_in_the_reports_menu_of_managers_only(menu_labels, taken):
    assert "Leave taken" in menu_labels(reports_menu, taken["manager"])
    assert "Leave taken" not in menu_labels(reports_menu, taken["lead"])


def test_the_report_takes_the_same_number_of_queries_however_many_people(
    client, taken, ask
):
    client.force_login(taken["manager"])
    client.get(URL, {"year": "2026"})  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"year": "2026"})
    for number in range(10):
        team = taken["team"] if number % 2 else taken["other"]
        person = StaffFactory(team=team)
        request = ask(
            staff=person,
            leave_type=taken["unpaid"],
            first_day=D(2026, 5, 4 + number % 5),
            last_day=D(2026, 5, 4 + number % 5),
            by=taken["manager"],
        )
        leave_request_approve(request=request, by=taken["manager"])
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL, {"year": "2026"}).content.decode()

    assert lines(html)["Total|"] == months(mar="3.5", apr="2", may="10", total="15.5")
    assert len(many) == len(few)


def test_the_year_field_shows_the_year_reported_before_any_filter(client, taken):
    client.force_login(taken["manager"])
    html = client.get(URL).content.decode()

    assert 'name="year" value="2026"' in html
    assert "in 2026, by team and type" in html

"""The headcount report: people in each team on the report's date (not
today's teams), by team or by who runs the teams, on the page and in CSV and
XLSX; for managers only, in a fixed number of queries."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR
from tests.workforce.factories import StaffFactory
from tests.workforce.test_dashboard_panels import agency  # noqa: F401 — a fixture

REPORT = "/admin/reports/workforce/headcount/"


def csv_rows(client, query: str) -> list[list[str]]:
    response = client.get(f"{REPORT}?export=csv&{query}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def signed_in(client, user):
    client.force_login(user)
    return client


def test_people_count_in_the_team_they_were_in_on_the_reports_date(client, agency):  # noqa: F811
    """On 10 March (today in the fixture) Aisyah is in Desk early and Wei in
    Desk late; by 1 April Aisyah has moved to Desk late, Wei to Field north,
    and Nadia has left."""
    client = signed_in(client, agency["manager"])
    assert csv_rows(client, "on=2026-04-01") == [
        ["Team", "Run by", "People", "Joiners in the month", "Leavers in the month"],
        ["Desk early", "In-house", "1", "0", "0"],
        ["Desk late", "In-house", "1", "0", "0"],
        ["Field north", "Acme Recoveries", "4", "0", "0"],
        ["Total", "", "6", "0", "0"],
    ]
    # A past date: Farid was still in Desk late on his last day, and left in
    # February; Kelvin (hired 2 March) and Dewi (5 March) were not yet here.
    assert csv_rows(client, "on=2026-02-27")[1:] == [
        ["Desk early", "In-house", "2", "0", "0"],
        ["Desk late", "In-house", "2", "0", "1"],
        ["Field north", "Acme Recoveries", "2", "0", "0"],
        ["Total", "", "6", "0", "1"],
    ]
    # No date: the report's date is today.
    assert csv_rows(client, "")[1:] == [
        ["Desk early", "In-house", "3", "1", "1"],
        ["Desk late", "In-house", "1", "0", "0"],
        ["Field north", "Acme Recoveries", "3", "1", "0"],
        ["Total", "", "7", "2", "1"],
    ]


def test_headcount_groups_by_who_runs_the_teams_on_the_page_and_in_exports(
    client,
    agency,  # noqa: F811
):
    client = signed_in(client, agency["manager"])
    assert csv_rows(client, "on=2026-04-01&group_by=run_by") == [
        ["Run by", "Teams", "People", "Joiners in the month", "Leavers in the month"],
        ["In-house", "2", "2", "0", "0"],
        ["Acme Recoveries", "1", "4", "0", "0"],
        ["Total", "3", "6", "0", "0"],
    ]
    response = client.get(
        REPORT, {"on": "2026-04-01", "group_by": "run_by", "export": "xlsx"}
    )
    assert response["Content-Disposition"].endswith(
        'filename="headcount-by-run-by-2026-04-01.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response))).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)][1:3] == [
        ["In-house", 2, 2, 0, 0],
        ["Acme Recoveries", 1, 4, 0, 0],
    ]
    html = client.get(REPORT, {"on": "2026-04-01", "group_by": "run_by"})
    html = html.content.decode()
    assert 'data-headcount-on="2026-04-01"' in html
    assert "joiners (in the team they started in)" in html
    assert "April 2026" in html
    for name in ("In-house", "Acme Recoveries", "Total"):
        assert name in html
    assert "Desk early" not in html.split('data-headcount-on="2026-04-01"')[1]


def test_the_dashboard_panel_leads_to_the_report(client, agency):  # noqa: F811
    html = signed_in(client, agency["manager"]).get("/admin/").content.decode()
    assert f'href="{REPORT}"' in html


@pytest.mark.parametrize("who", ["eva", "collector"])
def test_only_managers_may_see_the_headcount_report(
    client,
    agency,  # noqa: F811
    user_with_role,
    who,
):
    user = agency["eva"] if who == "eva" else user_with_role(COLLECTOR)
    client = signed_in(client, user)
    for url in (REPORT, f"{REPORT}?export=csv"):
        response = client.get(url)
        assert response.status_code == 403
    assert f'href="{REPORT}"' not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, agency):  # noqa: F811
    response = client.get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_report_takes_as_many_queries_for_25_more_people_as_for_5(
    client,
    agency,  # noqa: F811
):
    client = signed_in(client, agency["manager"])

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{REPORT}?{query}")
            b"".join(response) if response.streaming else response.content
        return len(captured)

    queries("")  # warm the caches a first request fills
    StaffFactory.create_batch(5, team=agency["early"])
    few = [queries(q) for q in ("", "group_by=run_by", "export=csv")]
    StaffFactory.create_batch(20, team=agency["early"])
    assert [queries(q) for q in ("", "group_by=run_by", "export=csv")] == few

"""*Reports → Attendance summary, Lateness trend, Absence by weekday*: the
figures worked by hand from a week of clocking, the exports, who may see
them and a query count that does not grow."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.attendance.test_team_attendance import clock
from tests.workforce.factories import StaffFactory

SUMMARY = "/admin/reports/attendance/summary/"
LATENESS = "/admin/reports/attendance/lateness/"
ABSENCE = "/admin/reports/attendance/absence/"
MARCH = "?month=2026-03"


@pytest.fixture
def clocked(week, frozen_time):
    """Early shifts 07:00–16:00 from Monday 2 to Friday 6 March 2026; seen
    on Monday 9 March. Aisyah: late 9 minutes, on time, left at 15:00,
    absent, late 35 minutes. Wei: on time, late 20 minutes, absent, on time,
    on time."""
    clock(
        week["aisyah"],
        ("clock_in", "2026-03-02 07:09"),
        ("clock_out", "2026-03-02 16:00"),
        ("clock_in", "2026-03-03 06:55"),
        ("clock_out", "2026-03-03 16:00"),
        ("clock_in", "2026-03-04 06:58"),
        ("clock_out", "2026-03-04 15:00"),
        ("clock_in", "2026-03-06 07:35"),
        ("clock_out", "2026-03-06 16:02"),
    )
    clock(
        week["wei"],
        ("clock_in", "2026-03-02 06:55"),
        ("clock_out", "2026-03-02 16:01"),
        ("clock_in", "2026-03-03 07:20"),
        ("clock_out", "2026-03-03 16:00"),
        ("clock_in", "2026-03-05 06:50"),
        ("clock_out", "2026-03-05 16:00"),
        ("clock_in", "2026-03-06 06:57"),
        ("clock_out", "2026-03-06 16:00"),
    )
    frozen_time("2026-03-09 09:00")
    return week


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response) -> list[list]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def export(client, url, kind="csv") -> list[list]:
    response = client.get(f"{url}{MARCH}&export={kind}")
    assert response.status_code == 200
    if kind == "csv":
        return csv_rows(response)
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_summary_counts_each_status_and_the_shares(client, clocked):
    client.force_login(clocked["manager"])
    rows = export(client, SUMMARY)
    assert rows[0] == [
        "Team",
        "Month",
        "Scheduled days",
        "Present",
        "Late",
        "Left early",
        "Absent",
        "On leave",
        "Adherence %",
        "Conformance %",
    ]
    # 10 shifts of 540 minutes; 4,196 minutes inside them (77.7%), 4,224
    # clocked in all (78.2%).
    assert ["Desk early", "Mar 2026", "10", "4", "3", "1", "2", "0"] + [
        "77.7",
        "78.2",
    ] in rows


def test_the_summary_page_shows_the_table_and_a_chart(client, clocked):
    client.force_login(clocked["manager"])
    response = client.get(SUMMARY + MARCH)
    assert response.status_code == 200
    html = response.text
    assert "<svg" in html and "data-bar" in html
    assert "Late, Desk early Mar: 3 days" in html
    assert "01 Mar 2026 to 31 Mar 2026" in html


def test_the_lateness_trend_counts_late_arrivals_a_week(client, clocked):
    client.force_login(clocked["manager"])
    rows = export(client, LATENESS)
    assert rows == [
        ["Week from", "Late arrivals", "Average minutes late"],
        ["23 Feb 2026", "0", ""],
        # 9, 35 and 20 minutes late: 21.3 on average.
        ["02 Mar 2026", "3", "21.3"],
        ["09 Mar 2026", "0", ""],
        ["16 Mar 2026", "0", ""],
        ["23 Mar 2026", "0", ""],
        ["30 Mar 2026", "0", ""],
    ]
    assert "Late arrivals, 02 Mar: 3 late" in client.get(LATENESS + MARCH).text


def test_absence_by_weekday_as_xlsx(client, clocked):
    client.force_login(clocked["manager"])
    rows = export(client, ABSENCE, "xlsx")
    assert rows == [
        ["Weekday", "Scheduled days", "Absent", "Absent %"],
        ["Mon", 2, 0, 0],
        ["Tue", 2, 0, 0],
        ["Wed", 2, 1, 50],
        ["Thu", 2, 1, 50],
        ["Fri", 2, 0, 0],
        ["Sat", 0, 0, None],
        ["Sun", 0, 0, None],
    ]


def test_a_range_filters_the_days(client, clocked):
    client.force_login(clocked["manager"])
    response = client.get(
        f"{ABSENCE}?first=2026-03-05&last=2026-03-06&team=desk-early&export=csv"
    )
    rows = csv_rows(response)
    assert rows[4:6] == [["Thu", "2", "1", "50.0"], ["Fri", "2", "0", "0.0"]]
    assert rows[1] == ["Mon", "0", "0", ""]


def test_a_range_ending_before_it_starts_is_a_form_error(client, clocked):
    client.force_login(clocked["manager"])
    response = client.get(f"{SUMMARY}?first=2026-03-06&last=2026-03-01")
    assert response.status_code == 200
    assert "The range ends before it starts." in response.text
    half = client.get(f"{SUMMARY}?first=2026-03-06")
    assert "Give both ends of the range, or a month." in half.text


def test_a_lead_sees_only_their_teams(client, clocked):
    client.force_login(clocked["other_lead"])
    rows = export(client, SUMMARY)
    assert [row[0] for row in rows[1:]] == ["Desk late"]
    # Asking for another's team is not a choice: the filter falls back to
    # the lead's own teams.
    response = client.get(f"{SUMMARY}?team=desk-early&export=csv")
    assert "Desk early" not in body(response).decode()
    client.force_login(clocked["lead"])
    assert [row[0] for row in export(client, SUMMARY)[1:]] == ["Desk early"]


@pytest.mark.parametrize("url", [SUMMARY, LATENESS, ABSENCE])
def test_a_collector_is_refused_with_403(client, clocked, url):
    client.force_login(clocked["aisyah_user"])
    assert client.get(url).status_code == 403
    assert client.get(url + "?export=csv").status_code == 403


@pytest.mark.parametrize("url", [SUMMARY, LATENESS, ABSENCE])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_reports_are_in_the_reports_menu_for_leads(client, clocked):
    client.force_login(clocked["lead"])
    page = client.get("/admin/").text
    for url in (SUMMARY, LATENESS, ABSENCE):
        assert url in page
    client.force_login(clocked["aisyah_user"])
    assert SUMMARY not in client.get("/admin/").text


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [SUMMARY, LATENESS, ABSENCE])
def test_the_query_count_does_not_grow_with_people(
    client, clocked, publish, frozen_time, url
):
    client.force_login(clocked["manager"])
    queries(client, url + MARCH)  # the first request warms the caches
    before = queries(client, url + MARCH)
    frozen_time("2026-02-27 09:00")
    more = [StaffFactory(team=clocked["team"]) for _ in range(4)]
    publish(
        [
            (
                person,
                datetime.date(2026, 3, 2) + datetime.timedelta(days=n),
                clocked["early"],
            )
            for person in more
            for n in range(5)
        ]
    )
    for person in more:
        clock(
            person, ("clock_in", "2026-03-02 07:30"), ("clock_out", "2026-03-02 16:00")
        )
    frozen_time("2026-03-09 09:00")
    assert queries(client, url + MARCH) == before

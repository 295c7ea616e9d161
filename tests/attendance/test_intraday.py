"""The intraday board: its numbers on a small case worked by hand, who may
see it, and its queries as the team grows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.attendance.conftest import local
from tests.attendance.factories import ClockEventFactory
from tests.leave.factories import LeaveRequestFactory
from tests.qa.factories import CallFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance.intraday import team_board
from workforce.attendance.models import InboundForecast, PortfolioBucket
from workforce.attendance.staffing.floor import PersonOnFloor, floor_counts
from workforce.leave.models import LeaveRequest

BOARD = "/admin/workforce/intraday/"
TODAY = datetime.date(2026, 2, 27)


@pytest.fixture
def today(floor, publish, frozen_time):
    """Desk early on Friday 27 February 2026 at 09:10: Aisyah, Wei and Kelvin
    on the early shift (07:00–16:00); Aisyah clocked in at 06:58, Wei late at
    07:20, Kelvin not at all; Siti on approved leave. 100 calls of 180 s
    forecast for 09:00; one bucket of 1,300 accounts in Singapore (the
    agency's zone) called once a day for 36 s: 46,800 s of work over the
    13-hour window, one agent-second each second from 08:00 to 21:00."""
    publish(
        [(floor[name], TODAY, floor["early"]) for name in ("aisyah", "wei", "kelvin")]
    )
    siti = StaffFactory(first_name="Siti", last_name="Nur", team=floor["team"])
    LeaveRequestFactory(
        staff=siti, first_day=TODAY, last_day=TODAY, status=LeaveRequest.Status.APPROVED
    )
    ClockEventFactory(staff=floor["aisyah"], at=local("2026-02-27 06:58"))
    ClockEventFactory(staff=floor["wei"], at=local("2026-02-27 07:20"))
    InboundForecast.objects.create(
        team=floor["team"],
        day=TODAY,
        interval_start=datetime.time(9),
        calls=100,
        aht_seconds=180,
    )
    PortfolioBucket.objects.create(
        team=floor["team"],
        bucket="1-30 DPD",
        debtor_time_zone="Asia/Singapore",
        accounts=1300,
        attempts_per_account_per_day=Decimal("1"),
        handle_seconds=36,
    )
    frozen_time("2026-02-27 09:10")
    return floor


def by_time(board) -> dict:
    return {f"{i.start:%H:%M}": i for i in board.intervals}


def test_the_numbers_of_a_small_day_worked_by_hand(today):
    board = by_time(team_board(team=today["team"]))
    # 09:00: 100 calls x 180 s / 1800 s = 10 Erlangs: 14 agents for 80% in
    # 20 s; outbound 1800 s / 1800 s / 0.85 = 1.18, so 2; 16 on the phones,
    # 16 / 0.7 = 22.9, so 23 to schedule. Present: Aisyah and Wei; Kelvin
    # absent; Siti on leave. Started, so short 16 - 2 = 14.
    nine = board["09:00"]
    assert (
        nine.inbound_calls,
        nine.agents,
        nine.required,
        nine.scheduled,
        nine.present,
        nine.on_leave,
        nine.absent,
        nine.shortfall,
    ) == (100.0, 16, 23, 3, 2, 1, 1, 14)
    # 09:30, not started: outbound only, 2 agents, 2 / 0.7 = 2.9 so 3 to
    # schedule; 3 scheduled, nobody short; present and absent not known yet.
    half = board["09:30"]
    assert (half.agents, half.required, half.scheduled, half.shortfall) == (2, 3, 3, 0)
    assert (half.present, half.absent, half.started) == (None, None, False)
    # 07:00: no calls before the window opens; Wei's 07:20 counts him present.
    seven = board["07:00"]
    assert (seven.agents, seven.required, seven.scheduled) == (0, 0, 3)
    assert (seven.present, seven.absent) == (2, 1)
    # 06:30: Aisyah in before her shift; nobody scheduled, nobody absent.
    assert (board["06:30"].present, board["06:30"].absent) == (1, 0)
    assert len(board) == 48


def inbound(staff, at: str, count: int, seconds: int = 120):
    """``count`` inbound calls of ``staff`` in the call log at ``at`` (agency time)."""
    CallFactory.create_batch(
        count,
        collector=staff,
        started_at=local(at),
        direction="inbound",
        duration_seconds=seconds,
    )


def test_the_rest_of_the_day_is_reforecast_by_the_calls_so_far(client, today):
    """40 calls were forecast for each of 08:00 and 08:30, and 60 came in each
    (the call log): 120 / 80 = 1.5 times the forecast. So the finished half
    hours show the 60 that came, and 09:00's 100 becomes 150."""
    for start in ("08:00", "08:30"):
        InboundForecast.objects.create(
            team=today["team"],
            day=TODAY,
            interval_start=datetime.time(*map(int, start.split(":"))),
            calls=40,
            aht_seconds=180,
        )
        inbound(today["aisyah"], f"2026-02-27 {start}", 60)

    board = team_board(team=today["team"])

    assert board.reforecast_ratio == 1.5
    times = by_time(board)
    assert [times[t].inbound_calls for t in ("08:00", "08:30", "09:00", "09:30")] == [
        60.0,
        60.0,
        150.0,
        0.0,
    ]
    client.force_login(today["lead"])
    html = client.get(BOARD).text
    assert "the calls so far are 1.50 × the forecast" in html


def test_without_the_days_calls_the_forecast_stands(today):
    board = team_board(team=today["team"])
    assert board.reforecast_ratio is None
    assert by_time(board)["09:00"].inbound_calls == 100.0


def test_with_no_imported_forecast_the_last_four_weekdays_of_calls_forecast(
    client, today
):
    """No forecast imported for Friday: the four Fridays before had 8, 4, 0
    and 4 inbound calls at 10:00 (a Thursday's 50 do not count), so 4 are
    forecast, at the 200 s those calls took on average."""
    InboundForecast.objects.all().delete()
    for day, count in (("20", 8), ("13", 4), ("06", 0)):
        if count:
            inbound(today["wei"], f"2026-02-{day} 10:05", count, seconds=200)
    inbound(today["wei"], "2026-01-30 10:10", 4, seconds=200)
    inbound(today["wei"], "2026-02-26 10:00", 50, seconds=200)
    inbound(today["wei"], "2026-01-23 10:00", 9, seconds=200)  # five weeks back

    board = team_board(team=today["team"])

    assert board.forecast_source == "history"
    ten = by_time(board)["10:00"]
    # 4 calls x 200 s / 1800 s = 0.44 Erlangs: 2 agents for 80% in 20 s, plus
    # the 2 of outbound.
    assert (ten.inbound_calls, ten.agents) == (4.0, 4)
    client.force_login(today["lead"])
    html = client.get(BOARD).text
    assert "the average of the last 4 Fridays" in html


def test_the_page_shows_the_board_with_the_short_interval_and_the_chart(client, today):
    client.force_login(today["lead"])
    response = client.get(BOARD)
    assert response.status_code == 200
    html = response.text
    assert '<meta http-equiv="refresh" content="60">' in html
    row = html.split('data-interval="09:00"', 1)[1].split("</tr>", 1)[0]
    assert row.startswith(' class="intraday-short"')
    assert "<td data-required>23</td>" in row
    assert "<td data-present>2</td>" in row
    assert "<strong>14</strong>" in row
    assert "<svg" in html and 'data-series="present"' in html
    assert "Not reforecast yet" in html
    assert "cdn" not in html.lower().split("<svg", 1)[1]


def test_the_header_names_the_board_not_the_dashboard(client, today):
    client.force_login(today["lead"])
    html = client.get(BOARD).text
    header = html[html.index("<header") : html.index("</header>")]

    # The last breadcrumb is the one the header shows.
    assert "Intraday board" in header[header.rindex("<li") :]


def test_the_wall_screen_is_a_page_of_its_own_in_large_type(client, today):
    client.force_login(today["lead"])
    response = client.get(BOARD + f"?team={today['team'].pk}&wall=1")
    assert response.status_code == 200
    assert '<body class="intraday-wall">' in response.text
    assert '<meta http-equiv="refresh" content="60">' in response.text


def test_a_lead_is_refused_another_teams_board(client, today):
    client.force_login(today["lead"])
    assert client.get(BOARD + f"?team={today['other'].pk}").status_code == 403
    assert client.get(BOARD + "?team=99999").status_code == 404


def test_a_manager_picks_any_team(client, today):
    client.force_login(today["manager"])
    response = client.get(BOARD + f"?team={today['other'].pk}")
    assert response.status_code == 200
    assert 'name="team"' in response.text
    assert f'<option value="{today["other"].pk}" selected>' in response.text


def test_a_collector_is_refused(client, today):
    client.force_login(today["aisyah_user"])
    assert client.get(BOARD).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, today):
    response = client.get(BOARD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def queries_for(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(BOARD).status_code == 200
    return len(captured)


def test_queries_stay_flat_as_the_team_grows(client, today, publish):
    queries_for(client, today["lead"])  # warm: the first request fills caches
    small = queries_for(client, today["lead"])
    people = [StaffFactory(team=today["team"]) for _ in range(6)]
    publish([(person, TODAY, today["early"]) for person in people])
    for person in people:
        ClockEventFactory(staff=person, at=local("2026-02-27 07:00"))
        LeaveRequestFactory(
            staff=person,
            first_day=TODAY + datetime.timedelta(days=3),
            last_day=TODAY + datetime.timedelta(days=3),
            status=LeaveRequest.Status.APPROVED,
        )
    assert queries_for(client, today["lead"]) == small


def at(text):
    return local(f"2026-02-27 {text}")


def test_floor_counts_at_the_edges():
    intervals = [at("07:00"), at("07:30")]
    shift = [(at("07:00"), at("16:00"))]
    people = [
        # In exactly at now, the start of 07:30: present there.
        PersonOnFloor(shifts=shift, sessions=[(at("07:30"), None)]),
        # Out at 07:30 exactly: present in 07:00, not in 07:30.
        PersonOnFloor(shifts=shift, sessions=[(at("06:50"), at("07:30"))]),
        # Never in: absent (the grace has passed).
        PersonOnFloor(shifts=shift),
    ]
    counts = floor_counts(
        people, intervals=intervals, now=at("07:30"), grace=datetime.timedelta(0)
    )
    assert [(c.present, c.absent) for c in counts] == [(1, 2), (1, 2)]
    # Within the grace of the shift's start nobody is absent yet.
    early = floor_counts(
        people[2:],
        intervals=intervals[:1],
        now=at("07:04"),
        grace=datetime.timedelta(minutes=5),
    )
    assert (early[0].present, early[0].absent) == (0, 0)

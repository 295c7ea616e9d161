"""The iCal feed of a person's shifts, read back with ``icalendar`` the way a
calendar app reads it: stable UIDs, time zones, cancelled shifts, the secret
token as the only credential."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.scheduling.factories import ShiftTypeFactory
from workforce.people.models import Staff
from workforce.scheduling.calendar_feeds import (
    calendar_feed_renew,
    calendar_feed_revoke,
)
from workforce.scheduling.services import shift_set
from workforce.scheduling.swaps import swap_approve, swap_offer, swap_take

D = datetime.date
UTC = datetime.UTC
MON, TUE, WED = D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)


def feed_url(feed) -> str:
    return f"/calendar/shifts/{feed.token}.ics"


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def planned(floor, publish):
    """Aisyah: Monday early, Tuesday late (cancelled since), Wednesday night;
    Desk early sits at Level 12, Menara Deskbook."""
    floor["team"].location = "Level 12, Menara Deskbook"
    floor["team"].save()
    shifts = publish(
        [
            (floor["aisyah"], MON, floor["early"]),
            (floor["aisyah"], TUE, floor["late"]),
            (floor["aisyah"], WED, floor["night"]),
        ]
    )
    shift_set(
        team=floor["team"],
        staff=floor["aisyah"],
        day=TUE,
        shift_type=None,
        by=floor["lead"],
        reason="Short of work",
    )
    feed = calendar_feed_renew(staff=floor["aisyah"], by=floor["aisyah_user"])
    return {**floor, "shifts": shifts, "feed": feed}


def test_the_feed_has_one_event_per_shift_with_times_in_the_agency_zone(
    client, planned
):
    response = client.get(feed_url(planned["feed"]))
    calendar = parse(response)
    assert response["Cache-Control"] == "private"

    monday, tuesday, wednesday = (f"shift-{s.pk}@localhost" for s in planned["shifts"])
    found = events(calendar)
    assert set(found) == {monday, tuesday, wednesday}
    early = found[monday]
    assert early["DTSTART"].params["TZID"] == "Asia/Singapore"
    assert early.decoded("DTSTART") == datetime.datetime(
        2026, 3, 2, 7, tzinfo=ZoneInfo("Asia/Singapore")
    )
    assert early.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2026, 3, 1, 23, tzinfo=UTC
    )
    assert early.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2026, 3, 2, 8, tzinfo=UTC
    )
    assert str(early["SUMMARY"]) == "Early shift"
    assert str(early["LOCATION"]) == "Level 12, Menara Deskbook"
    assert str(early["STATUS"]) == "CONFIRMED"
    assert early["SEQUENCE"] == 0
    assert early.decoded("DTSTAMP").tzinfo is not None
    night = found[wednesday]
    assert night.decoded("DTEND") == datetime.datetime(
        2026, 3, 5, 7, tzinfo=ZoneInfo("Asia/Singapore")
    )
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Singapore"
    text = response.content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text


def test_a_cancelled_shift_is_cancelled_with_a_higher_sequence(client, planned):
    found = events(parse(client.get(feed_url(planned["feed"]))))
    tuesday = found[f"shift-{planned['shifts'][1].pk}@localhost"]
    assert str(tuesday["STATUS"]) == "CANCELLED"
    assert tuesday["SEQUENCE"] == 1
    assert str(tuesday["SUMMARY"]) == "Cancelled: Late shift"


def test_uids_stay_the_same_across_renders_and_changes(client, planned, frozen_time):
    before = events(parse(client.get(feed_url(planned["feed"]))))
    frozen_time("2026-02-28 10:00")
    shift_set(
        team=planned["team"],
        staff=planned["aisyah"],
        day=MON,
        shift_type=planned["late"],
        by=planned["lead"],
        reason="Cover the evening",
    )
    after = events(parse(client.get(feed_url(planned["feed"]))))
    assert set(after) == set(before)
    monday = after[f"shift-{planned['shifts'][0].pk}@localhost"]
    assert monday["SEQUENCE"] == 1
    assert monday.decoded("DTSTART").hour == 13
    assert monday.decoded("DTSTAMP") == datetime.datetime(2026, 2, 28, 2, tzinfo=UTC)


def test_a_swapped_shift_leaves_the_givers_feed_and_joins_the_takers(client, planned):
    monday = planned["shifts"][0]
    swap = swap_offer(shift=monday, by=planned["aisyah_user"])
    swap_take(swap=swap, by=planned["wei_user"])
    swap_approve(swap=swap, by=planned["lead"])
    uid = f"shift-{monday.pk}@localhost"
    assert uid not in events(parse(client.get(feed_url(planned["feed"]))))
    wei_feed = calendar_feed_renew(staff=planned["wei"], by=planned["wei_user"])
    taken = events(parse(client.get(feed_url(wei_feed))))[uid]
    assert taken["SEQUENCE"] == 1


def test_the_uid_host_is_the_public_address_not_the_requests(client, planned, settings):
    settings.DESKBOOK_PUBLIC_URL = "https://deskbook.example"
    settings.ALLOWED_HOSTS = ["*"]
    response = client.get(feed_url(planned["feed"]), HTTP_HOST="10.0.0.7:8000")
    uids = set(events(parse(response)))
    assert uids == {f"shift-{s.pk}@deskbook.example" for s in planned["shifts"]}


def test_the_feed_reaches_eight_weeks_back_and_everything_ahead(
    client, planned, publish, frozen_time
):
    [old], [recent], [far] = (
        publish([(planned["aisyah"], day, planned["early"])])
        for day in (D(2025, 12, 29), D(2026, 1, 2), D(2026, 12, 30))
    )
    frozen_time("2026-02-27 09:00")  # eight weeks back is 2 January
    uids = set(events(parse(client.get(feed_url(planned["feed"])))))
    assert f"shift-{old.pk}@localhost" not in uids
    assert f"shift-{recent.pk}@localhost" in uids
    assert f"shift-{far.pk}@localhost" in uids


def test_drafts_are_not_in_the_feed(client, planned):
    draft = shift_set(
        team=planned["team"],
        staff=planned["aisyah"],
        day=D(2026, 3, 20),
        shift_type=planned["early"],
        by=planned["lead"],
    )
    uids = set(events(parse(client.get(feed_url(planned["feed"])))))
    assert f"shift-{draft.pk}@localhost" not in uids


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/shifts/not-a-token.ics",
        "/calendar/shifts/.ics",
        "/calendar/shifts/%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00%00.ics",
        "/calendar/shifts/a-token-long-enough-but-unknown.ics",
    ],
)
def test_a_wrong_token_is_not_found(client, planned, path):
    assert client.get(path).status_code == 404


def test_a_renewed_token_invalidates_the_old_address(client, planned):
    old = feed_url(planned["feed"])
    assert client.get(old).status_code == 200
    renewed = calendar_feed_renew(staff=planned["aisyah"], by=planned["aisyah_user"])
    assert client.get(old).status_code == 404
    assert client.get(feed_url(renewed)).status_code == 200


def test_a_revoked_feed_is_not_found(client, planned):
    url = feed_url(planned["feed"])
    assert calendar_feed_revoke(staff=planned["aisyah"], by=planned["aisyah_user"])
    assert client.get(url).status_code == 404


def test_the_feed_of_someone_who_has_left_is_not_found(client, planned):
    Staff.objects.filter(pk=planned["aisyah"].pk).update(status=Staff.Status.LEFT)
    assert client.get(feed_url(planned["feed"])).status_code == 404


def test_only_the_person_makes_or_stops_their_feed(planned):
    for someone_else in (planned["wei_user"], planned["lead"], planned["manager"]):
        with pytest.raises(PermissionDenied):
            calendar_feed_renew(staff=planned["aisyah"], by=someone_else)
        with pytest.raises(PermissionDenied):
            calendar_feed_revoke(staff=planned["aisyah"], by=someone_else)


def test_the_feed_needs_no_sign_in_and_sets_no_cookie(client, planned):
    response = client.get(feed_url(planned["feed"]))
    assert response.status_code == 200
    assert not response.cookies


def test_the_feed_takes_the_same_number_of_queries_however_many_shifts(
    client, planned, publish
):
    url = feed_url(planned["feed"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    publish(
        [(planned["aisyah"], D(2026, 3, day), planned["early"]) for day in range(9, 31)]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(events(parse(response))) == 25
    assert len(many) == len(few)


def test_a_night_shift_across_a_change_of_clocks_has_the_right_instants(
    client, floor, publish, settings, frozen_time
):
    settings.TIME_ZONE = "Europe/London"
    frozen_time("2026-03-20 09:00")
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026: a night from
    # 22:00 Saturday to 07:00 Sunday lasts eight hours, not nine.
    night = ShiftTypeFactory(
        name="London night",
        code="LN",
        starts_at=datetime.time(22),
        ends_at=datetime.time(7),
        unpaid_break_minutes=30,
        teams=[floor["team"]],
    )
    (shift,) = publish([(floor["aisyah"], D(2026, 3, 28), night)])
    feed = calendar_feed_renew(staff=floor["aisyah"], by=floor["aisyah_user"])

    calendar = parse(client.get(feed_url(feed)))

    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2026, 3, 28, 22, tzinfo=UTC
    )
    assert event.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2026, 3, 29, 6, tzinfo=UTC
    )
    # As a calendar app reads it: the wall-clock times, with the zone's rules
    # from the feed's own VTIMEZONE.
    assert "DTSTART;TZID=Europe/London:20260328T220000" in response_text(calendar)
    assert "DTEND;TZID=Europe/London:20260329T070000" in response_text(calendar)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert zone.walk("DAYLIGHT"), "the VTIMEZONE describes summer time"


def response_text(calendar) -> str:
    return calendar.to_ical().decode()

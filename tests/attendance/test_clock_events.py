import datetime

import pytest
from django.core.exceptions import PermissionDenied

from tests.attendance.conftest import local
from tests.attendance.factories import IntegrationFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance.models import ClockEvent
from workforce.attendance.services import (
    ClockEventIn,
    NotClockedIn,
    clock_events_record,
    clock_in,
    clock_out,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "aisyah": StaffFactory(employee_number="E100", dialer_agent_id="AG-7"),
        "wei": StaffFactory(employee_number="E200"),
    }


def test_a_batch_sent_twice_is_recorded_once(people):
    batch = [
        ClockEventIn("E100", "clock_in", local("2026-03-02 07:00")),
        ClockEventIn("E200", "clock_in", local("2026-03-02 07:03")),
    ]
    first = clock_events_record(events=batch, source="api")
    again = clock_events_record(events=batch, source="api")
    assert (first.new, first.duplicate) == (2, 0)
    assert (again.new, again.duplicate) == (0, 2)
    assert ClockEvent.objects.count() == 2


def test_a_person_is_found_by_employee_number_or_dialer_agent_id(people):
    report = clock_events_record(
        events=[
            ClockEventIn("AG-7", "available", local("2026-03-02 07:00")),
            # The same event, by the other key, in the same batch.
            ClockEventIn("E100", "available", local("2026-03-02 07:00")),
        ],
        source="import",
    )
    assert (report.new, report.duplicate) == (1, 1)
    assert ClockEvent.objects.get().staff == people["aisyah"]


def test_unknown_people_are_listed_and_the_known_recorded(people):
    report = clock_events_record(
        events=[
            ClockEventIn("E100", "clock_in", local("2026-03-02 07:00")),
            ClockEventIn("X9", "clock_in", local("2026-03-02 07:00")),
            ClockEventIn("A1", "clock_out", local("2026-03-02 16:00")),
            ClockEventIn("X9", "clock_out", local("2026-03-02 16:00")),
        ],
        source="api",
    )
    assert report.unknown_staff == ["A1", "X9"]
    assert (report.new, report.duplicate) == (1, 0)
    assert str(report) == "1 new, 0 already recorded; unknown staff: A1, X9"


def test_times_are_stored_in_utc_and_the_sender_kept(people):
    reader = IntegrationFactory()
    clock_events_record(
        events=[ClockEventIn("E100", "clock_in", local("2026-03-02 07:00"), "r-1")],
        source="api",
        integration=reader,
    )
    event = ClockEvent.objects.get()
    assert event.at == datetime.datetime(2026, 3, 1, 23, 0, tzinfo=datetime.UTC)
    assert (event.integration, event.external_id, event.source) == (
        reader,
        "r-1",
        "api",
    )


def test_a_time_without_a_zone_or_an_unknown_kind_writes_nothing(people):
    with pytest.raises(ValueError, match="without a time zone"):
        clock_events_record(
            events=[
                ClockEventIn("E100", "clock_in", local("2026-03-02 07:00")),
                ClockEventIn("E100", "clock_out", datetime.datetime(2026, 3, 2, 16)),
            ],
            source="api",
        )
    with pytest.raises(ValueError, match="not a kind"):
        clock_events_record(
            events=[ClockEventIn("E100", "lunch", local("2026-03-02 12:00"))],
            source="api",
        )
    assert not ClockEvent.objects.exists()


def test_clocking_in_and_out_on_the_web(floor):
    user = floor["aisyah_user"]
    clock_in(user=user, now=local("2026-02-27 09:00:30.5"))
    with pytest.raises(NotClockedIn, match="already clocked in"):
        clock_in(user=user, now=local("2026-02-27 09:01"))
    clock_out(user=user, now=local("2026-02-27 17:00"))
    with pytest.raises(NotClockedIn, match="not clocked in"):
        clock_out(user=user, now=local("2026-02-27 17:01"))
    assert list(ClockEvent.objects.values_list("kind", "at", "source")) == [
        ("clock_in", local("2026-02-27 09:00:30"), "web"),
        ("clock_out", local("2026-02-27 17:00"), "web"),
    ]


def test_a_clock_in_left_open_since_yesterday_does_not_stop_today(floor):
    user = floor["aisyah_user"]
    clock_in(user=user, now=local("2026-02-26 07:00"))
    clock_in(user=user, now=local("2026-02-27 07:00"))
    assert ClockEvent.objects.count() == 2


def test_clocking_needs_a_staff_record(user_with_role):
    with pytest.raises(PermissionDenied):
        clock_in(user=user_with_role("Manager"))

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.attendance.factories import ClockEventFactory
from tests.workforce.factories import StaffFactory
from workforce.attendance.models import (
    AttendanceCorrection,
    AttendanceSettings,
    ClockEvent,
)
from workforce.attendance.models.integrations import token_hash

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)


def test_the_same_event_twice_is_refused_by_the_database():
    event = ClockEventFactory(at=NINE)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClockEvent.objects.create(
            staff=event.staff, kind=event.kind, at=NINE, source="api"
        )
    assert ClockEvent.objects.count() == 1


def test_the_same_moment_of_another_kind_or_person_is_another_event():
    event = ClockEventFactory(at=NINE)
    ClockEventFactory(staff=event.staff, kind=ClockEvent.Kind.AVAILABLE, at=NINE)
    ClockEventFactory(at=NINE)
    assert ClockEvent.objects.count() == 3


def test_a_bulk_write_of_known_events_adds_none():
    person = StaffFactory()
    rows = [ClockEvent(staff=person, kind="clock_in", at=NINE, source="import")]
    ClockEvent.objects.bulk_create(rows, ignore_conflicts=True)
    again = [ClockEvent(staff=person, kind="clock_in", at=NINE, source="api")]
    ClockEvent.objects.bulk_create(again, ignore_conflicts=True)
    assert list(ClockEvent.objects.values_list("source", flat=True)) == ["import"]


def test_event_times_are_kept_in_utc():
    local = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))  # Singapore
    event = ClockEventFactory(at=local)
    event.refresh_from_db()
    assert event.at == NINE


def test_a_token_is_stored_as_its_sha256():
    assert token_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_settings_default_to_five_minutes_of_grace_and_tolerance():
    settings = AttendanceSettings.load()
    assert (settings.grace_minutes, settings.early_leave_tolerance_minutes) == (5, 5)


def test_corrections_of_a_day_are_all_kept_newest_first():
    person = StaffFactory()
    day = datetime.date(2026, 3, 2)
    first = AttendanceCorrection.objects.create(
        staff=person, day=day, status="present", reason="Badge reader down"
    )
    second = AttendanceCorrection.objects.create(
        staff=person, day=day, status="late", reason="Seen arriving at 09:20"
    )
    assert list(AttendanceCorrection.objects.filter(staff=person)) == [second, first]

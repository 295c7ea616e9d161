"""QA answers attendance's ``attendance_call_volumes`` from the call log:
calls per team (on the call's date) and half hour of the agency's clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.qa.factories import CallFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from workforce.attendance.hooks import CallVolume, call_volumes
from workforce.people.models import TeamMembership

pytestmark = pytest.mark.django_db
SG = ZoneInfo("Asia/Singapore")


def local(day: int, hour: int, minute: int = 0, second: int = 0):
    return datetime.datetime(2026, 3, day, hour, minute, second, tzinfo=SG)


def test_calls_are_counted_per_team_on_the_days_date_and_half_hour():
    desk, other = TeamFactory(), TeamFactory()
    aisyah = StaffFactory(team=desk)
    wei = StaffFactory(team=desk)
    TeamMembership.objects.filter(staff=wei).update(valid_to=datetime.date(2026, 3, 15))
    TeamMembership.objects.create(
        staff=wei, team=other, valid_from=datetime.date(2026, 3, 16)
    )
    CallFactory(collector=aisyah, started_at=local(2, 10, 5))
    CallFactory(collector=aisyah, started_at=local(2, 10, 29, 59))
    CallFactory(collector=wei, started_at=local(2, 10, 15), direction="inbound")
    CallFactory(collector=aisyah, started_at=local(2, 10, 30), direction="inbound")
    CallFactory(collector=wei, started_at=local(16, 9, 0))  # Wei's new team
    CallFactory(collector=aisyah, started_at=local(17, 0, 0))  # at the end: out

    volumes = call_volumes([desk.pk], local(1, 0), local(17, 0))

    assert volumes == {
        # The inbound calls' 120 s each are their handle time.
        (desk.pk, local(2, 10)): CallVolume(desk.pk, local(2, 10), 1, 2, 120),
        (desk.pk, local(2, 10, 30)): CallVolume(desk.pk, local(2, 10, 30), 1, 0, 120),
    }
    both = call_volumes([desk.pk, other.pk], local(1, 0), local(18, 0))
    assert both[(other.pk, local(16, 9))] == CallVolume(other.pk, local(16, 9), 0, 1)
    assert both[(desk.pk, local(17, 0))].outbound == 1


def test_no_calls_no_volumes():
    assert call_volumes([TeamFactory().pk], local(1, 0), local(2, 0)) == {}

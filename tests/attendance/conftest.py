import datetime

import pytest
from django.utils import timezone

from tests.scheduling import conftest as planning

# Shift planning's fixtures: a desk team with its people, shift types and a
# way to publish shifts.
desk, floor, publish = planning.desk, planning.floor, planning.publish


def local(text: str) -> datetime.datetime:
    """An agency-local moment, ``"2026-03-02 07:00"``, made aware."""
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


@pytest.fixture
def week(floor, publish):
    """The desk's published early shifts (07:00–16:00), Monday 2 to Friday 6
    March 2026, for Aisyah and Wei; the clock stands on Friday 27 February."""
    days = [datetime.date(2026, 3, 2) + datetime.timedelta(days=n) for n in range(5)]
    publish(
        [
            (floor[name], day, floor["early"])
            for name in ("aisyah", "wei")
            for day in days
        ]
    )
    return floor

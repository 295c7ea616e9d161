"""The ``frozen_time`` fixture reads every moment in the agency's time zone."""

import datetime
import time

import pytest
from django.utils import timezone

UTC = datetime.UTC


@pytest.mark.parametrize(
    "moment",
    [
        "2026-03-01 00:00",
        "2026-03-01T00:00:00",
        datetime.datetime(2026, 3, 1, 0, 0),
        datetime.date(2026, 3, 1),
        datetime.datetime(2026, 2, 28, 16, 0, tzinfo=UTC),
        "2026-02-28T16:00:00+00:00",
    ],
    ids=["string", "iso-string", "naive", "date", "aware-utc", "aware-string"],
)
def test_local_midnight_whatever_the_spelling(frozen_time, moment):
    frozen = frozen_time(moment)
    assert timezone.now() == datetime.datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert timezone.localdate() == datetime.date(2026, 3, 1)
    assert datetime.date.today() == datetime.date(2026, 3, 1)
    assert str(frozen.tzinfo) == "Asia/Singapore" and frozen.hour == 0


def test_the_clock_stands_still_until_moved(frozen_time):
    frozen_time("2028-02-29 23:59:59")
    before = timezone.now()
    time.sleep(0.01)
    assert timezone.now() == before
    frozen_time("2028-03-01 00:00")
    assert timezone.localdate() == datetime.date(2028, 3, 1)
    assert timezone.now() - before == datetime.timedelta(seconds=1)

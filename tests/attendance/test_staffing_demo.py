"""The demo's staffing inputs: every desk team's portfolio and today's
inbound forecast, once however often the seed runs."""

import datetime
from decimal import Decimal

from deskbook.core.vocabulary import CollectionStage
from tests.workforce.factories import TeamFactory
from workforce.attendance.demo_staffing import calls_at, seed_staffing_inputs
from workforce.attendance.models import InboundForecast, PortfolioBucket
from workforce.people.models import Channel


def test_desk_teams_get_their_buckets_and_todays_forecast_once(db, frozen_time):
    frozen_time("2026-03-02 06:00")
    early = TeamFactory(name="Desk early", stage=CollectionStage.EARLY)
    TeamFactory(name="Field", channel=Channel.FIELD)
    lines = []
    seed_staffing_inputs(log=lines.append)
    seed_staffing_inputs(log=lines.append)
    # Two early buckets x three debtor zones; the field team calls nobody.
    assert sorted(
        PortfolioBucket.objects.values_list("bucket", "debtor_time_zone", "accounts")
    ) == [
        ("1-30 DPD", "Asia/Jakarta", 175),
        ("1-30 DPD", "Asia/Jayapura", 105),
        ("1-30 DPD", "Asia/Singapore", 420),
        ("31-60 DPD", "Asia/Jakarta", 75),
        ("31-60 DPD", "Asia/Jayapura", 45),
        ("31-60 DPD", "Asia/Singapore", 180),
    ]
    # 08:00 to 19:30: 24 half hours, all for today and the desk team.
    assert (
        InboundForecast.objects.filter(
            team=early, day=datetime.date(2026, 3, 2)
        ).count()
        == 24
    )
    assert InboundForecast.objects.count() == 24
    assert lines[-1] == (
        "Staffing inputs: 6 portfolio rows, 24 forecast half hours for today"
        " over 1 desk teams."
    )


def test_the_forecast_peaks_mid_morning():
    # 14 x (1 + 0.8 e^(-16/5)) = 14 x 1.0326 = 14.46 at 10:30; none before 08:00.
    assert calls_at(datetime.time(10, 30)) == Decimal("14.5")
    assert calls_at(datetime.time(7, 30)) == Decimal(0)
    assert calls_at(datetime.time(20)) == Decimal(0)

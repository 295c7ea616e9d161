"""Demo staffing inputs: every desk team's portfolio by DPD bucket and debtor
time zone, and an inbound forecast for today, so the intraday board has
something to size. Idempotent: rows are matched on their natural keys, and
a second run the same day changes nothing (another day adds that day's
forecast)."""

import datetime
import math
from decimal import Decimal

from django.utils import timezone

from deskbook.core.vocabulary import CollectionStage
from workforce.people.models import Channel, Team

from .models import InboundForecast, PortfolioBucket

# Per collection stage: bucket label, accounts, attempts a day, handle seconds.
BUCKETS = {
    CollectionStage.PRE: [("Pre-due (-7 to 0 DPD)", 900, "0.5", 45)],
    CollectionStage.EARLY: [
        ("1-30 DPD", 700, "1.0", 60),
        ("31-60 DPD", 300, "1.5", 75),
    ],
    CollectionStage.LATE: [("61-90 DPD", 250, "2.0", 90), ("90+ DPD", 200, "1.0", 120)],
}  # fmt: skip
# Where the debtors live, and the share of the accounts each zone holds.
DEBTOR_ZONES = [
    ("Asia/Singapore", 0.6),
    ("Asia/Jakarta", 0.25),
    ("Asia/Jayapura", 0.15),
]
# Inbound calls: a morning and an after-lunch peak between 08:00 and 20:00.
PEAK_CALLS, AHT_SECONDS = 14, 210


def calls_at(start: datetime.time) -> Decimal:
    hour = start.hour + start.minute / 60
    if not 8 <= hour < 20:
        return Decimal(0)
    shape = math.exp(-((hour - 10.5) ** 2) / 4) + 0.8 * math.exp(
        -((hour - 14.5) ** 2) / 5
    )
    return Decimal(f"{PEAK_CALLS * shape:.1f}")


def seed_staffing_inputs(*, size: str = "small", log=print) -> None:
    teams = list(Team.objects.filter(channel=Channel.DESK).order_by("name"))
    buckets = [
        PortfolioBucket(
            team=team,
            bucket=label,
            debtor_time_zone=zone,
            accounts=round(accounts * share),
            attempts_per_account_per_day=Decimal(attempts),
            handle_seconds=handle,
        )
        for team in teams
        for label, accounts, attempts, handle in BUCKETS.get(team.stage, [])
        for zone, share in DEBTOR_ZONES
    ]
    PortfolioBucket.objects.bulk_create(buckets, ignore_conflicts=True)
    today = timezone.localdate()
    slots = [datetime.time(hour, minute) for hour in range(24) for minute in (0, 30)]
    forecasts = [
        InboundForecast(
            team=team,
            day=today,
            interval_start=start,
            calls=calls_at(start),
            aht_seconds=AHT_SECONDS,
        )
        for team in teams
        for start in slots
        if calls_at(start) > 0
    ]
    InboundForecast.objects.bulk_create(forecasts, ignore_conflicts=True)
    log(
        f"Staffing inputs: {PortfolioBucket.objects.count()} portfolio rows,"
        f" {InboundForecast.objects.filter(day=today).count()} forecast"
        f" half hours for today over {len(teams)} desk teams."
    )

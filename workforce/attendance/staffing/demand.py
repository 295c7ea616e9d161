"""Demand per 30-minute interval of the agency's day. No Django import.

Every result is keyed by the interval's start, an aware datetime in the
agency's time zone, for each interval of the day: 48 of them, or 46 and 50 on
a day the clocks change. Inputs are plain rows; reading files and the
database belongs to the services.

- Inbound calls: the average of the same weekday and interval over the last N
  weeks of call records.
- Outbound work: the portfolio's accounts per DPD bucket, times the bucket
  strategy's attempts per account per day, times its handle time, spread
  evenly over the legal calling window in the debtor's own time zone.
- Intraday reforecast by the ratio method.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

INTERVAL = datetime.timedelta(minutes=30)
DAY = datetime.timedelta(days=1)
UTC = datetime.UTC


def day_intervals(day: datetime.date, zone: ZoneInfo) -> list[datetime.datetime]:
    """The start of each 30-minute interval of local ``day``, in ``zone``."""
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(day + DAY, datetime.time(), tzinfo=zone)
    # Stepped in UTC so a day the clocks change has its real number of intervals.
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    count = (end_utc - start_utc) // INTERVAL
    return [(start_utc + n * INTERVAL).astimezone(zone) for n in range(count)]


def interval_start(moment: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """The start, in ``zone``, of the 30-minute interval holding ``moment``."""
    _check_aware(moment)
    local = moment.astimezone(zone)
    minute = local.minute - local.minute % 30
    return local.replace(minute=minute, second=0, microsecond=0)


# -- Inbound ---------------------------------------------------------------------


def inbound_weekday_average(
    records: Iterable[tuple[datetime.datetime, float]],
    *,
    day: datetime.date,
    weeks: int,
    zone: ZoneInfo,
) -> dict[datetime.datetime, float]:
    """Calls expected in each interval of ``day``: the average over the ``weeks``
    same weekdays before it of the calls that started in that interval.

    ``records`` are (start, count) pairs: one call each, or a count per
    interval. A week without a call in an interval counts as 0 calls there;
    records outside the weeks looked at are ignored.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks!r}.")
    past_days = {day - n * datetime.timedelta(weeks=1) for n in range(1, weeks + 1)}
    totals: dict[datetime.time, float] = defaultdict(float)
    for started, count in records:
        if count < 0:
            raise ValueError(f"a call count cannot be negative: {count!r} at {started}")
        local = interval_start(started, zone)
        if local.date() in past_days:
            totals[local.time()] += count
    return {start: totals[start.time()] / weeks for start in day_intervals(day, zone)}


# -- Outbound ----------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioSlice:
    """Accounts of one DPD bucket whose debtors live in one time zone."""

    bucket: str
    debtor_time_zone: str
    accounts: int


@dataclass(frozen=True)
class BucketStrategy:
    """How hard a DPD bucket is worked: contact attempts per account per day,
    and the seconds an attempt takes an agent (dialling, talk, wrap-up)."""

    attempts_per_account_per_day: float
    handle_seconds: float


@dataclass(frozen=True)
class CallingWindow:
    """The hours debtors may be called, on their own clock."""

    opens: datetime.time = datetime.time(8)
    closes: datetime.time = datetime.time(21)

    def __post_init__(self):
        if self.closes <= self.opens:
            raise ValueError(
                f"the calling window must close after it opens, on the same day:"
                f" {self.opens:%H:%M}–{self.closes:%H:%M}."
            )


def outbound_workload(
    portfolio: Iterable[PortfolioSlice],
    strategies: Mapping[str, BucketStrategy],
    *,
    day: datetime.date,
    zone: ZoneInfo,
    window: CallingWindow = CallingWindow(),
) -> dict[datetime.datetime, float]:
    """Agent seconds of outbound work in each interval of the agency's ``day``.

    A slice's daily work, accounts x attempts x handle seconds, is spread
    evenly over its debtors' calling window on their clock, so the window of a
    debtor an hour ahead of the agency falls an hour earlier on the agency's
    board. Each debtor day's window is placed in UTC and shared out by the
    seconds it overlaps each agency interval: zones half an hour apart and the
    edges of the agency's day come out right.
    """
    slots = day_intervals(day, zone)
    workload = dict.fromkeys(slots, 0.0)
    starts_utc = [slot.astimezone(UTC) for slot in slots]
    for portion in portfolio:
        if portion.accounts < 0:
            raise ValueError(
                f"accounts cannot be negative: {portion.accounts} in {portion.bucket}."
            )
        try:
            strategy = strategies[portion.bucket]
        except KeyError:
            raise ValueError(
                f"no strategy for bucket {portion.bucket!r}; every bucket in the"
                " portfolio needs its attempts per day and handle time."
            ) from None
        _check_strategy(portion.bucket, strategy)
        debtor_zone = ZoneInfo(portion.debtor_time_zone)
        seconds_per_day = (
            portion.accounts
            * strategy.attempts_per_account_per_day
            * strategy.handle_seconds
        )
        # The debtor's previous, same and next day can each reach into ours.
        for debtor_day in (day - DAY, day, day + DAY):
            opens = datetime.datetime.combine(debtor_day, window.opens, debtor_zone)
            closes = datetime.datetime.combine(debtor_day, window.closes, debtor_zone)
            opens, closes = opens.astimezone(UTC), closes.astimezone(UTC)
            length = (closes - opens).total_seconds()
            for slot, start in zip(slots, starts_utc, strict=True):
                overlap = min(closes, start + INTERVAL) - max(opens, start)
                if overlap > datetime.timedelta(0):
                    share = overlap.total_seconds() / length
                    workload[slot] += seconds_per_day * share
    return workload


# -- Intraday reforecast -------------------------------------------------------------


def reforecast_ratio(
    forecast: Mapping[datetime.datetime, float],
    actual: Mapping[datetime.datetime, float],
    *,
    completed: Iterable[datetime.datetime],
) -> float:
    """Actual ÷ forecast over the ``completed`` intervals; 1 (keep the
    forecast) when nothing was forecast for them, as a ratio to zero says
    nothing about the rest of the day."""
    completed = list(completed)
    forecast_so_far = sum(forecast.get(start, 0.0) for start in completed)
    actual_so_far = sum(actual.get(start, 0.0) for start in completed)
    if forecast_so_far <= 0:
        return 1.0
    return actual_so_far / forecast_so_far


def reforecast_rest_of_day(
    forecast: Mapping[datetime.datetime, float],
    actual: Mapping[datetime.datetime, float],
    *,
    now: datetime.datetime,
) -> dict[datetime.datetime, float]:
    """The day by the ratio method: completed intervals (ended by ``now``) keep
    what happened, an interval with no actual counting as 0; the rest, the
    one under way included, is the forecast times actual ÷ forecast so far."""
    _check_aware(now)
    completed = [start for start in forecast if start + INTERVAL <= now]
    ratio = reforecast_ratio(forecast, actual, completed=completed)
    return {
        start: actual.get(start, 0.0) if start + INTERVAL <= now else value * ratio
        for start, value in forecast.items()
    }


def _check_strategy(bucket: str, strategy: BucketStrategy) -> None:
    if strategy.attempts_per_account_per_day < 0:
        raise ValueError(f"attempts per account per day cannot be negative: {bucket}")
    if strategy.handle_seconds <= 0:
        raise ValueError(f"the handle time must be more than 0 seconds in {bucket}.")


def _check_aware(moment: datetime.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time must carry its time zone: {moment} has none.")

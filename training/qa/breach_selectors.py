"""Reads: the calls of a period that break a contact rule, found by the
database. Few calls break one, so each rule first narrows in SQL to the calls
that can, and only those are read:

- outside the calling window: the calls starting in one of the stretches of
  UTC time that are outside the window on their zone's clock
  (``contact_rules.calling_window_gaps``), a range query on the start;
- too many attempts: the outbound calls of accounts with more calls than the
  limit in the period and the window before it, counted per account with
  ``contact_rules.too_many_attempts``; no other account can exceed it;
- after a cease request or dispute: outbound calls of accounts with such an
  outcome at an earlier moment (a partial index holds those outcomes).

Each answer is the one the rules give over every call: the tests compare
them on generated logs.
"""

import datetime

import numpy as np
import pandas as pd
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from workforce.attendance.models import AttendanceSettings

from . import contact_rules as rules
from .models import Call, Direction, QASettings
from .models.calls import STOP_OUTCOMES
from .read_frames import frame_of, utc_moments

CALL_COLUMNS = ["pk", "collector_id", "started_text"]


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def _outbound_between(first, last):
    return (
        Call.objects.started_between(first, last)
        .filter(direction=Direction.OUTBOUND)
        .order_by()
    )


def _with_start_text(calls):
    # A moment as text skips the backend's per-row conversion.
    return calls.annotate(started_text=Cast("started_at", CharField()))


def _outside_window(first, last) -> pd.DataFrame:
    """Outbound calls of [first, last) started outside the calling window."""
    attendance = AttendanceSettings.load()
    default_zone = timezone.get_default_timezone_name()
    # The zones of the whole log, not the period's: a plain scan of the table
    # is cheaper than visiting the period's rows through the index on the
    # start, and a zone without calls in the period finds none.
    names = set(
        Call.objects.order_by().values_list("debtor_time_zone", flat=True).distinct()
    )
    # The agency's zone stands in for a blank one.
    zones: dict[str, set[str]] = {}
    for name in names:
        zones.setdefault(name or default_zone, set()).add(name)
    in_gap = Q(pk__in=[])
    for zone, stored in zones.items():
        for gap_from, gap_to in rules.calling_window_gaps(
            zone,
            start=_naive_utc(first),
            end=_naive_utc(last),
            opens=attendance.calling_window_opens,
            closes=attendance.calling_window_closes,
        ):
            # One flat OR of (zone, range) terms: each can use the index on
            # the start, so only the calls inside the gaps are visited.
            in_gap |= Q(
                debtor_time_zone__in=sorted(stored),
                started_at__gte=gap_from.replace(tzinfo=datetime.UTC),
                started_at__lt=gap_to.replace(tzinfo=datetime.UTC),
            )
    # The gaps lie in [first, last): no range on the period besides them.
    calls = Call.objects.filter(in_gap, direction=Direction.OUTBOUND).order_by()
    return frame_of(_with_start_text(calls), CALL_COLUMNS)


def _too_many_attempts(first, last) -> pd.DataFrame:
    """Outbound calls of [first, last) beyond the attempts allowed on their
    account in the rolling window ending at them."""
    settings = QASettings.load()
    window = datetime.timedelta(days=settings.attempts_window_days)
    calls = _outbound_between(first - window, last)
    # Accounts with more calls than the limit, inbound ones too: a superset of
    # those with more outbound attempts, counted from the (account, start)
    # index alone. The start is compared through an expression so that the
    # database reads that index rather than visiting each call of the period.
    busy_accounts = (
        Call.objects.alias(start=Coalesce("started_at", "started_at"))
        .filter(start__gte=first - window, start__lt=last)
        .order_by()
        .values("account_reference")
        .annotate(calls=Count("account_reference"))
        .filter(calls__gt=settings.max_attempts)
        .values("account_reference")
    )
    # In the order of their start, then of import: calls at the same moment
    # count in that order.
    frame = frame_of(
        _with_start_text(
            calls.filter(account_reference__in=busy_accounts).order_by(
                "started_at", "pk"
            )
        ),
        [*CALL_COLUMNS, "account_reference"],
    )
    if frame.empty:
        return frame[CALL_COLUMNS]
    started = utc_moments(frame["started_text"])
    beyond = rules.too_many_attempts(
        frame["account_reference"].to_numpy(dtype=object),
        started,
        np.ones(len(frame), dtype=bool),
        limit=settings.max_attempts,
        window=window,
    )
    in_period = started >= np.datetime64(_naive_utc(first))
    return frame.loc[beyond & in_period, CALL_COLUMNS]


def _after_stop(first, last) -> pd.DataFrame:
    """Outbound calls of [first, last) to an account with a cease-contact or
    dispute outcome at an earlier moment."""
    stops = Call.objects.filter(outcome__in=STOP_OUTCOMES).order_by()
    calls = _outbound_between(first, last).filter(
        # Every stopped account, from the partial index of stop outcomes.
        account_reference__in=stops.values("account_reference"),
    )
    earlier_stop = stops.filter(
        account_reference=OuterRef("account_reference"),
        started_at__lt=OuterRef("started_at"),
    )
    return frame_of(_with_start_text(calls.filter(Exists(earlier_stop))), CALL_COLUMNS)


FINDERS = {
    rules.OUTSIDE_WINDOW: _outside_window,
    rules.TOO_MANY_ATTEMPTS: _too_many_attempts,
    rules.AFTER_STOP: _after_stop,
}


def calls_in_breach(
    *, first: datetime.datetime, last: datetime.datetime
) -> pd.DataFrame:
    """Every call started in [first, last) that breaks a contact rule, in
    order of start (then of import): columns ``pk``, ``collector_id``,
    ``started`` (UTC), ``outbound`` and one boolean column per rule in
    ``contact_rules.RULES``. Four queries of the call log, whatever the number
    of calls."""
    found = {rule: finder(first, last) for rule, finder in FINDERS.items()}
    calls = pd.concat(found.values(), ignore_index=True).drop_duplicates("pk")
    pks = calls["pk"].to_numpy(dtype=np.int64)
    result = pd.DataFrame(
        {
            "pk": pks,
            "collector_id": calls["collector_id"].to_numpy(dtype=np.int64),
            "started": utc_moments(calls["started_text"])
            if len(calls)
            else np.array([], dtype="datetime64[ns]"),
            "outbound": np.ones(len(pks), dtype=bool),
            **{
                rule: np.isin(pks, frame["pk"].to_numpy(dtype=np.int64))
                for rule, frame in found.items()
            },
        }
    )
    return result.sort_values(["started", "pk"], kind="stable").reset_index(drop=True)

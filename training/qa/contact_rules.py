"""The contact rules, checked over every call of a log at once. Plain
functions over numpy arrays (one element a call), no Django import.

Only outbound calls can break them: a debtor calling in late, often or after
a dispute breaks nothing.

- **Outside the calling window:** the call started before the window opens
  or at or after it closes, on the debtor's clock (their time zone, else the
  agency's). A call starting at 21:00 in a window closing at 21:00 is outside;
  one starting at 08:00 in a window opening at 08:00 is inside.
- **Too many attempts:** counted per account over a rolling window ending at
  each call, the window's start left out: with 7 days, the calls in
  (start − 7 days, start]. The call that makes the count exceed the limit, and
  every one after it while it stays above, is a breach. Moments count to the
  second.
- **After cease or dispute:** the account had a cease-contact or dispute
  outcome at an earlier moment (in the log, or before it: ``stopped_since``).

``calling_window_gaps`` gives the same window rule as stretches of UTC time,
so a database can find the calls outside it by their start alone.
"""

import datetime

import numpy as np
import pandas as pd

OUTSIDE_WINDOW = "outside_window"
TOO_MANY_ATTEMPTS = "too_many_attempts"
AFTER_STOP = "after_cease_or_dispute"
RULES = {
    OUTSIDE_WINDOW: "Outside the calling window",
    TOO_MANY_ATTEMPTS: "Too many attempts",
    AFTER_STOP: "After a cease request or dispute",
}


def _seconds(moment: datetime.time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def outside_calling_window(
    started: np.ndarray,
    zones: np.ndarray,
    outbound: np.ndarray,
    *,
    default_zone: str,
    opens: datetime.time,
    closes: datetime.time,
) -> np.ndarray:
    """Per call, whether it started outside [opens, closes) on the debtor's
    clock. ``started``: UTC ``datetime64``; ``zones``: IANA names, "" when
    unknown (``default_zone`` then)."""
    if _seconds(closes) <= _seconds(opens):
        raise ValueError("the calling window must close after it opens")
    started = np.asarray(started, dtype="datetime64[ns]")
    zones = np.where(np.asarray(zones, dtype=object) == "", default_zone, zones)
    local_seconds = np.empty(len(started), dtype=np.int64)
    for zone in pd.unique(zones):
        where = zones == zone
        local = pd.DatetimeIndex(started[where]).tz_localize("UTC").tz_convert(zone)
        local_seconds[where] = local.hour * 3600 + local.minute * 60 + local.second
    outside = (local_seconds < _seconds(opens)) | (local_seconds >= _seconds(closes))
    return outside & np.asarray(outbound, dtype=bool)


# Probes of a zone's offset: no zone changes its offset twice within this step.
_OFFSET_PROBE = np.timedelta64(15 * 60, "s")


def _utc_offsets(moments: np.ndarray, zone: str) -> np.ndarray:
    """The zone's offset from UTC, in whole seconds, at each UTC moment."""
    utc = pd.DatetimeIndex(moments.astype("datetime64[ns]"))
    local = utc.tz_localize("UTC").tz_convert(zone).tz_localize(None)
    return ((local - utc).total_seconds()).to_numpy().astype(np.int64)


def _offset_pieces(zone: str, start: np.datetime64, end: np.datetime64) -> list:
    """[start, end) cut where the zone's offset changes: (from, to, offset)
    triples in whole UTC seconds. A change is found to the second between two
    probes a quarter of an hour apart."""
    probes = np.arange(start, end + _OFFSET_PROBE, _OFFSET_PROBE)
    offsets = _utc_offsets(probes, zone)
    cuts = [int(start.astype(np.int64))]
    values = [int(offsets[0])]
    for index in np.flatnonzero(offsets[1:] != offsets[:-1]):
        seconds = np.arange(probes[index], probes[index + 1] + 1)
        changed = np.flatnonzero(_utc_offsets(seconds, zone) != offsets[index])[0]
        cuts.append(int(seconds[changed].astype(np.int64)))
        values.append(int(offsets[index + 1]))
    cuts.append(int(end.astype(np.int64)))
    return [
        (cut, following, value)
        for cut, following, value in zip(cuts, cuts[1:], values, strict=False)
        if cut < following
    ]


def calling_window_gaps(
    zone: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    opens: datetime.time,
    closes: datetime.time,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The stretches of [start, end) (naive UTC, whole seconds) whose moments
    fall outside [opens, closes) on ``zone``'s clock, as [from, to) pairs in
    order: a call starting in one breaks the window rule exactly when
    ``outside_calling_window`` says so (daylight-saving changes included)."""
    if _seconds(closes) <= _seconds(opens):
        raise ValueError("the calling window must close after it opens")
    day = 86400
    inside = []
    for cut, following, offset in _offset_pieces(
        zone, np.datetime64(start, "s"), np.datetime64(end, "s")
    ):
        # On this piece the clock reads (t + offset) mod a day: the window of
        # local day d is [d + opens - offset, d + closes - offset) in UTC.
        for local_day in range(
            (cut + offset) // day, (following - 1 + offset) // day + 1
        ):
            opening = max(local_day * day + _seconds(opens) - offset, cut)
            closing = min(local_day * day + _seconds(closes) - offset, following)
            if opening < closing:
                inside.append((opening, closing))
    gaps = []
    reached = int(np.datetime64(start, "s").astype(np.int64))
    for opening, closing in sorted(inside):
        if opening > reached:
            gaps.append((reached, opening))
        reached = max(reached, closing)
    finish = int(np.datetime64(end, "s").astype(np.int64))
    if reached < finish:
        gaps.append((reached, finish))
    epoch = datetime.datetime(1970, 1, 1)
    return [
        (
            epoch + datetime.timedelta(seconds=gap_from),
            epoch + datetime.timedelta(seconds=gap_to),
        )
        for gap_from, gap_to in gaps
    ]


def too_many_attempts(
    accounts: np.ndarray,
    started: np.ndarray,
    outbound: np.ndarray,
    *,
    limit: int,
    window: datetime.timedelta,
) -> np.ndarray:
    """Per call, whether it is an outbound attempt on its account beyond
    ``limit`` in the rolling ``window`` ending at it. Calls at the same moment
    count in the order given."""
    if limit < 1:
        raise ValueError(f"the limit must be 1 or more, not {limit}")
    if window <= datetime.timedelta(0):
        raise ValueError("the window must be longer than 0")
    outbound = np.asarray(outbound, dtype=bool)
    result = np.zeros(len(outbound), dtype=bool)
    positions = np.flatnonzero(outbound)
    if not len(positions):
        return result
    codes = pd.factorize(np.asarray(accounts)[positions])[0].astype(np.int64)
    # Whole seconds from the earliest call: in nanoseconds, accounts x span
    # would overflow 64 bits from a few thousand accounts over a few months.
    seconds = np.asarray(started, dtype="datetime64[s]")[positions].astype(np.int64)
    seconds -= seconds.min()
    window_seconds = int(window.total_seconds())
    # One sorted key over every account: an account's calls are contiguous and
    # the gap between two accounts is wider than any window.
    span = int(seconds.max()) + window_seconds + 1
    keys = codes * span + seconds
    order = np.lexsort((np.arange(len(keys)), keys))
    sorted_keys = keys[order]
    first_in_window = np.searchsorted(
        sorted_keys, sorted_keys - window_seconds, "right"
    )
    count = np.arange(len(sorted_keys)) - first_in_window + 1
    result[positions[order]] = count > limit
    return result


def after_stop(
    accounts: np.ndarray,
    started: np.ndarray,
    outbound: np.ndarray,
    stops: np.ndarray,
    *,
    stopped_since: dict | None = None,
) -> np.ndarray:
    """Per call, whether it is outbound and its account had a cease-contact or
    dispute outcome (``stops``) strictly before it. ``stopped_since`` maps an
    account to the first such moment before these calls (UTC ``datetime64``)."""
    accounts = np.asarray(accounts)
    started = np.asarray(started, dtype="datetime64[ns]")
    frame = pd.DataFrame(
        {
            "account": accounts,
            "stop_at": np.where(
                np.asarray(stops, dtype=bool), started, np.datetime64("NaT", "ns")
            ),
        }
    )
    first_stop = frame.groupby("account", sort=False)["stop_at"].transform("min")
    first_stop = first_stop.to_numpy(dtype="datetime64[ns]")
    if stopped_since:
        earlier = (
            pd.Series(accounts)
            .map(
                {
                    account: np.datetime64(moment, "ns")
                    for account, moment in stopped_since.items()
                }
            )
            .to_numpy(dtype="datetime64[ns]")
        )
        first_stop = np.fmin(first_stop, earlier)
    # NaT compares False, so an account never stopped breaks nothing.
    return (started > first_stop) & np.asarray(outbound, dtype=bool)

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
  every one after it while it stays above, is a breach.
- **After cease or dispute:** the account had a cease-contact or dispute
  outcome at an earlier moment (in the log, or before it: ``stopped_since``).
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
    moments = np.asarray(started, dtype="datetime64[ns]")[positions].astype(np.int64)
    # One sorted key over every account: an account's calls are contiguous and
    # the gap between two accounts is wider than any window.
    span = int(moments.max() - moments.min()) + int(window / pd.Timedelta(1, "ns")) + 1
    keys = codes * span + (moments - moments.min())
    order = np.lexsort((np.arange(len(keys)), keys))
    sorted_keys = keys[order]
    window_ns = int(window / pd.Timedelta(1, "ns"))
    first_in_window = np.searchsorted(sorted_keys, sorted_keys - window_ns, "right")
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

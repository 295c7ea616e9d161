"""The contact rules over every call of a period, as they were first
written: every call of the period and the window before it read into one
frame, each rule a numpy pass over all of them. A reference for the tests,
which check that the selectors' narrower queries find exactly these
breaches."""

import datetime

import numpy as np
import pandas as pd
from django.db.models import Case, CharField, Min, When
from django.db.models.functions import Cast
from django.utils import timezone

from training.qa import contact_rules as rules
from training.qa.models import Call, Direction, QASettings
from training.qa.models.calls import STOP_OUTCOMES
from training.qa.read_frames import frame_of as _frame
from training.qa.read_frames import utc_moments as _utc
from workforce.attendance.models import AttendanceSettings


def contact_breaches(
    *, first: datetime.datetime, last: datetime.datetime
) -> pd.DataFrame:
    """Every call started in [first, last) with the contact rules it breaks:
    columns ``pk``, ``collector_id``, ``started`` (UTC), ``outbound`` and one
    boolean column per rule in ``contact_rules.RULES``. Reads the window's
    earlier calls for the attempt count and earlier stop outcomes for the
    cease rule; a fixed number of queries."""
    settings = QASettings.load()
    attendance = AttendanceSettings.load()
    window = datetime.timedelta(days=settings.attempts_window_days)
    # Flags and text computed by the database: fewer and cheaper cells to
    # fetch (a moment as text skips the backend's per-row conversion).
    calls = (
        Call.objects.started_between(first - window, last)
        .order_by()
        .annotate(
            started_text=Cast("started_at", CharField()),
            flags=Case(When(direction=Direction.OUTBOUND, then=1), default=0)
            + Case(When(outcome__in=STOP_OUTCOMES, then=2), default=0),
        )
    )
    columns = [
        "pk",
        "collector_id",
        "account_reference",
        "debtor_time_zone",
        "started_text",
        "flags",
    ]
    frame = _frame(calls, columns)
    prior = _frame(
        Call.objects.filter(started_at__lt=first - window, outcome__in=STOP_OUTCOMES)
        .order_by()
        .values("account_reference")
        .annotate(first_stop=Min("started_at")),
        ["account_reference", "first_stop"],
    )
    if frame.empty:
        return frame.assign(
            started=[], outbound=[], **{rule: [] for rule in rules.RULES}
        )
    started = _utc(frame["started_text"])
    # Accounts as integer codes, once for both rules that group by them.
    accounts, references = pd.factorize(frame["account_reference"])
    outbound = (frame["flags"].to_numpy() & 1).astype(bool)
    stops = (frame["flags"].to_numpy() & 2).astype(bool)
    stopped_before = {}
    if len(prior):
        prior_codes = pd.Index(references).get_indexer(prior["account_reference"])
        stopped_before = {
            int(code): moment
            for code, moment in zip(prior_codes, _utc(prior["first_stop"]), strict=True)
            if code >= 0
        }
    result = pd.DataFrame(
        {
            "pk": frame["pk"],
            "collector_id": frame["collector_id"],
            "started": started,
            "outbound": outbound,
            rules.OUTSIDE_WINDOW: rules.outside_calling_window(
                started,
                frame["debtor_time_zone"].to_numpy(dtype=object),
                outbound,
                default_zone=timezone.get_default_timezone_name(),
                opens=attendance.calling_window_opens,
                closes=attendance.calling_window_closes,
            ),
            rules.TOO_MANY_ATTEMPTS: rules.too_many_attempts(
                accounts,
                started,
                outbound,
                limit=settings.max_attempts,
                window=window,
            ),
            rules.AFTER_STOP: rules.after_stop(
                accounts,
                started,
                outbound,
                stops,
                stopped_since=stopped_before,
            ),
        }
    )
    in_period = started >= np.datetime64(_naive_utc(first))
    return result[in_period].reset_index(drop=True)


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def breaches_by_call(*, first, last) -> dict[int, tuple[str, ...]]:
    frame = contact_breaches(first=first, last=last)
    names = list(rules.RULES)
    return {
        int(row.pk): tuple(name for name in names if getattr(row, name))
        for row in frame.itertuples(index=False)
        if any(getattr(row, name) for name in names)
    }

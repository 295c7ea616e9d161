"""Demo call log: three months of calls and payments for every active
collector, drawn with numpy and written in bulk through the import's own
writer (``ON CONFLICT DO NOTHING`` on the call id, so a second run adds
nothing).

Each collector works one DPD bucket (by a hash of their employee number):
early buckets reach the debtor and win promises more often than late ones
(``OUTCOME_RATES``). Calls fall on weekdays between 08:30 and 20:30 on the
debtor's own clock; a few are planted to break the contact rules: calls
late at night, an account called too often in a week, and calls after a
dispute. Promises are paid in full, in part or not at all.

The training demo's cohort of *Promises that are kept* shows in the calls:
after their session, a quarter of their right-party contacts that ended
without a promise end in one, and four in five of their promises are paid
in full (three in five before), so the course report has an effect to
measure.

At ``large`` the large floor's collectors join, with enough calls a day each
for about a million calls over the three months.
"""

import datetime
import zlib

import numpy as np
import pandas as pd
from django.utils import timezone

from training.courses.models import Enrolment
from workforce.people.models import COLLECTING_JOBS, Staff

from .models import Call, Outcome, Payment
from .models.calls import STOP_OUTCOMES
from .services import call_import, payment_import
from .services.call_import import INSERTED
from .services.log_import import dates_for_database, moments_for_database, write_rows

DAYS = 91
CALLS_A_DAY = {"small": 6, "large": None}  # large: as many as a million needs
LARGE_TOTAL = 1_000_000
BUCKETS = ("1-30 DPD", "31-60 DPD", "61-90 DPD")
OUTCOMES = [
    Outcome.NO_ANSWER,
    Outcome.BUSY,
    Outcome.WRONG_NUMBER,
    Outcome.THIRD_PARTY,
    Outcome.RIGHT_PARTY_CONTACT,
    Outcome.PROMISE_TO_PAY,
    Outcome.REFUSED,
    Outcome.DISPUTE,
    Outcome.CEASE_CONTACT,
    Outcome.PAID,
    Outcome.CALLBACK,
]
# Shares of calls ending in each outcome above, per bucket: the later the
# bucket, the fewer debtors answer, and the fewer promise.
OUTCOME_RATES = {
    "1-30 DPD": [40, 8, 3, 7, 13, 15, 4, 1, 0.3, 3, 5.7],
    "31-60 DPD": [47, 8, 5, 8, 11, 9, 6, 1.5, 0.5, 1.5, 2.5],
    "61-90 DPD": [54, 8, 7, 8, 8, 6, 6, 2, 1, 1, 0],
}
ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", ""]
ZONE_SHARES = [0.5, 0.15, 0.05, 0.3]
ACCOUNTS_PER_COLLECTOR = 600
EFFECT_COURSE = "promises"  # the training demo's course with an effect
# Outcomes of a right-party contact without a promise that the trained turn
# into one, and how often, after their session.
WON_OVER = ["right_party_contact", "refused", "callback"]
WON_SHARE = 0.25
# Promises paid at all, and paid in full (the rest in part), before and
# after the course.
PAID_SHARE, PAID_SHARE_TRAINED = 0.75, 0.9
FULL_SHARE, FULL_SHARE_TRAINED = 0.6, 0.8


def demo_balances(accounts: pd.Series, bucket_index: np.ndarray) -> np.ndarray:
    """Outstanding balances: one per account, skewed as balances are (a
    lognormal, median about 1,800), and larger the later the bucket (fees and
    interest), to the cent."""
    codes, distinct = pd.factorize(accounts)
    random = np.random.default_rng(28)
    base = random.lognormal(mean=7.5, sigma=1.0, size=len(distinct))
    return np.round(base[codes] * (1 + 0.75 * np.asarray(bucket_index)), 2)


def _collectors(size: str) -> list[Staff]:
    collectors = Staff.objects.filter(
        job_title__in=COLLECTING_JOBS,
        status=Staff.Status.ACTIVE,
    ).order_by("employee_number")
    return list(collectors.only("pk", "employee_number"))


def _workdays(today: datetime.date) -> list[datetime.date]:
    first = today - datetime.timedelta(days=DAYS)
    return [
        first + datetime.timedelta(days=n)
        for n in range(DAYS)
        if (first + datetime.timedelta(days=n)).weekday() < 5
    ]


def demo_calls(collectors: list[Staff], days: list[datetime.date], per_day: int):
    """The demo's calls as columns (a DataFrame), drawn from a fixed seed."""
    random = np.random.default_rng(26)
    people = np.repeat(np.arange(len(collectors)), len(days) * per_day)
    day_index = np.tile(np.repeat(np.arange(len(days)), per_day), len(collectors))
    number = np.tile(np.arange(per_day), len(collectors) * len(days))
    rows = len(people)
    keys = np.array([zlib.crc32(c.employee_number.encode()) for c in collectors])
    bucket = (keys % len(BUCKETS))[people]
    outcome = np.empty(rows, dtype=object)
    for code, name in enumerate(BUCKETS):
        where = bucket == code
        shares = np.array(OUTCOME_RATES[name], dtype=float)
        drawn = random.choice(len(OUTCOMES), where.sum(), p=shares / shares.sum())
        outcome[where] = np.array([str(o) for o in OUTCOMES], dtype=object)[drawn]
    # Each collector works their own book of accounts.
    account_number = people * ACCOUNTS_PER_COLLECTOR + random.integers(
        0, ACCOUNTS_PER_COLLECTOR, rows
    )
    zone = np.array(ZONES, dtype=object)[random.choice(len(ZONES), rows, p=ZONE_SHARES)]
    # 08:30 to 20:30 on the debtor's clock.
    local_seconds = random.integers(int(8.5 * 3600), int(20.5 * 3600), rows)
    frame = pd.DataFrame(
        {
            "person": people,
            "employee_number": np.array(
                [c.employee_number for c in collectors], dtype=object
            )[people],
            "collector_id": np.array([c.pk for c in collectors])[people],
            "day": np.array(days, dtype="datetime64[D]")[day_index],
            "number": number,
            "bucket": np.array(BUCKETS, dtype=object)[bucket],
            "outcome": outcome,
            "account": account_number,
            "zone": zone,
            "local_seconds": local_seconds,
            "duration": np.where(
                np.isin(outcome, ["no_answer", "busy"]),
                random.integers(15, 45, rows),
                random.integers(60, 600, rows),
            ),
            "direction": np.where(random.random(rows) < 0.93, "outbound", "inbound"),
        }
    )
    _plant_breaches(frame, random)
    _spare_stopped_accounts(frame)
    return frame


def _plant_breaches(frame: pd.DataFrame, random) -> None:
    """A few calls late at night, and one account per 2,000 calls rung ten
    times in one week."""
    late = random.random(len(frame)) < 0.002
    frame.loc[late, "local_seconds"] = 21 * 3600 + 15 * 60
    frame.loc[late, "direction"] = "outbound"
    for start in range(0, len(frame) - 10, 2000):
        rows = frame.index[start : start + 10]
        frame.loc[rows, "account"] = frame.at[rows[0], "account"]
        frame.loc[rows, "direction"] = "outbound"
        frame.loc[rows, "outcome"] = "no_answer"


def _spare_stopped_accounts(frame: pd.DataFrame) -> None:
    """After a dispute or cease request, collectors mostly stop calling: later
    calls on that account move to another account, but one in fifty stays
    (a breach for the report to find)."""
    moment = (
        frame["day"].to_numpy().astype("datetime64[s]").astype(np.int64)
        + frame["local_seconds"].to_numpy()
    )
    stops = frame["outcome"].isin([str(o) for o in STOP_OUTCOMES]).to_numpy()
    first_stop = (
        pd.Series(np.where(stops, moment, np.iinfo(np.int64).max))
        .groupby(frame["account"].to_numpy())
        .transform("min")
        .to_numpy()
    )
    after = moment > first_stop
    keep = (np.arange(len(frame)) % 50) == 0
    moved = after & ~keep
    frame.loc[moved, "account"] = frame.loc[moved, "account"] + 10_000_000


def effect_course_ended() -> dict[int, datetime.date]:
    """Each collector who passed ``EFFECT_COURSE``: the last day of their
    session (the evaluations' demo scores their calls after it better)."""
    return {
        staff_id: timezone.localdate(ends_at)
        for staff_id, ends_at in Enrolment.objects.filter(
            session__course__code=EFFECT_COURSE, state=Enrolment.State.PASSED
        ).values_list("staff_id", "session__ends_at")
        if ends_at is not None
    }


def trained_after(frame: pd.DataFrame) -> np.ndarray:
    """The calls made by collectors who passed ``EFFECT_COURSE`` on a day
    after their session ended."""
    ended = {
        staff_id: np.datetime64(day, "D")
        for staff_id, day in effect_course_ended().items()
    }
    if not ended:
        return np.zeros(len(frame), dtype=bool)
    last_day = frame["collector_id"].map(ended).to_numpy(dtype="datetime64[D]")
    days = frame["day"].to_numpy().astype("datetime64[D]")
    return ~np.isnat(last_day) & (days > last_day)


def _training_effect(frame: pd.DataFrame, improved: np.ndarray) -> None:
    random = np.random.default_rng(28)
    won = (
        improved
        & frame["outcome"].isin(WON_OVER).to_numpy()
        & (random.random(len(frame)) < WON_SHARE)
    )
    frame.loc[won, "outcome"] = str(Outcome.PROMISE_TO_PAY)


def _started(frame: pd.DataFrame) -> pd.Series:
    """UTC moments from each call's local day and seconds on the debtor's clock."""
    local = pd.to_datetime(frame["day"]) + pd.to_timedelta(
        frame["local_seconds"], unit="s"
    )
    zones = frame["zone"].replace("", timezone.get_default_timezone_name())
    started = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns, UTC]")
    for zone in zones.unique():
        where = zones == zone
        started[where] = local[where].dt.tz_localize(zone).dt.tz_convert("UTC")
    return started


def seed_calls(*, size: str = "small", log=print) -> None:
    today = timezone.localdate()
    days = _workdays(today)
    collectors = _collectors(size)
    if not collectors:
        log("  qa: no collectors, no calls")
        return
    per_day = CALLS_A_DAY[size] or max(
        CALLS_A_DAY["small"], -(-LARGE_TOTAL // (len(collectors) * len(days)))
    )
    frame = demo_calls(collectors, days, per_day)
    improved = trained_after(frame)
    _training_effect(frame, improved)
    started = _started(frame)
    call_ids = (
        "DEMO-"
        + frame["employee_number"]
        + "-"
        + frame["day"].dt.strftime("%Y%m%d")
        + "-"
        + frame["number"].astype(str)
    )
    promise = (frame["outcome"] == "promise_to_pay").to_numpy()
    random = np.random.default_rng(27)
    amounts = np.round(random.integers(50, 2000, len(frame)) * 1.0, 2)
    promised_on = frame["day"] + pd.to_timedelta(
        random.integers(1, 14, len(frame)), "D"
    )
    accounts = "DA-" + frame["account"].astype(str)
    balances = demo_balances(accounts, frame["bucket"].map(BUCKETS.index).to_numpy())
    rows = list(
        zip(
            call_ids.tolist(),
            frame["collector_id"].astype(np.int64).tolist(),
            accounts.tolist(),
            frame["bucket"].tolist(),
            frame["zone"].tolist(),
            moments_for_database(started),
            frame["duration"].astype(np.int64).tolist(),
            frame["direction"].tolist(),
            frame["outcome"].tolist(),
            [f"{a:.2f}" if p else None for a, p in zip(amounts, promise, strict=True)],
            [
                d if p else None
                for d, p in zip(dates_for_database(promised_on), promise, strict=True)
            ],
            ("rec/" + call_ids).tolist(),
            [f"{balance:.2f}" for balance in balances.tolist()],
            strict=True,
        )
    )
    new_calls, _ = write_rows(
        model=Call,
        columns=INSERTED,
        conflict="call_id",
        rows=rows,
        day_columns=call_import.DAY_COLUMNS,
        dry_run=False,
        progress=None,
    )
    # Promises: most paid in full by the date, some in part, some not at all.
    fate = random.random(len(frame))
    paid = promise & (fate < np.where(improved, PAID_SHARE_TRAINED, PAID_SHARE))
    full = fate < np.where(improved, FULL_SHARE_TRAINED, FULL_SHARE)
    payment_day = promised_on - pd.to_timedelta(random.integers(0, 4, len(frame)), "D")
    payment_rows = [
        (f"DEMO-PAY-{call_id}", account, f"{amount if whole else amount / 2:.2f}", day)
        for call_id, account, amount, whole, day, pays, due in zip(
            call_ids.tolist(),
            accounts.tolist(),
            amounts.tolist(),
            full.tolist(),
            dates_for_database(payment_day),
            paid.tolist(),
            (payment_day.dt.date <= today).tolist(),
            strict=True,
        )
        if pays and due
    ]
    new_payments, _ = write_rows(
        model=Payment,
        columns=payment_import.COLUMNS_WRITTEN,
        conflict="payment_id",
        rows=payment_rows,
        day_columns=payment_import.DAY_COLUMNS,
        dry_run=False,
        progress=None,
    )
    log(
        f"  qa: {Call.objects.count()} calls ({new_calls} new), "
        f"{Payment.objects.count()} payments ({new_payments} new), "
        f"{len(collectors)} collectors"
    )

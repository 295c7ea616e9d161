"""Reads of the call log: the contact rules over a period, set-based, the
calls a viewer may see, and the per-collector and per-team report.

The scope rule for calls: whoever holds ``qa.oversee_calls`` (QA analysts,
managers) sees every call; a team lead the calls of the people in a team
they lead *on the call's date* (the agency's calendar); anyone else their
own calls.
"""

import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db.models import (
    Case,
    CharField,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from workforce.attendance.hooks import CallVolume
from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import led_on_the_day, teams_led_by

from . import contact_rules as rules
from .breach_selectors import calls_in_breach
from .models import Call, Direction, Payment, QASettings
from .promises import BROKEN, KEPT, PENDING
from .read_frames import frame_of, utc_moments

SEE_ALL_CALLS = "qa.oversee_calls"


def calls_visible_to(*, viewer) -> QuerySet[Call]:
    """The calls ``viewer`` may see, by the scope rule above."""
    calls = Call.objects.all()
    if not viewer.is_authenticated or not viewer.is_active:
        return calls.none()
    if viewer.has_perm(SEE_ALL_CALLS):
        return calls
    zone = timezone.get_default_timezone()
    return calls.annotate(call_day=TruncDate("started_at", tzinfo=zone)).filter(
        Q(collector__user=viewer)
        | led_on_the_day(viewer, staff="collector_id", day="call_day")
    )


def contact_breaches(
    *, first: datetime.datetime, last: datetime.datetime
) -> pd.DataFrame:
    """Every call started in [first, last) with the contact rules it breaks:
    columns ``pk``, ``collector_id``, ``started`` (UTC), ``outbound`` and one
    boolean column per rule in ``contact_rules.RULES``. Every call is read
    (the report counts them all); the breaches are the database's
    (``breach_selectors.calls_in_breach``). A fixed number of queries."""
    calls = (
        Call.objects.started_between(first, last)
        .order_by()
        .annotate(
            # Flags and text computed by the database: fewer and cheaper
            # cells to fetch (a moment as text skips the per-row conversion).
            started_text=Cast("started_at", CharField()),
            outbound_flag=Case(When(direction=Direction.OUTBOUND, then=1), default=0),
        )
    )
    frame = frame_of(calls, ["pk", "collector_id", "started_text", "outbound_flag"])
    names = list(rules.RULES)
    if frame.empty:
        return pd.DataFrame(
            columns=["pk", "collector_id", "started", "outbound", *names]
        )
    flags = (
        calls_in_breach(first=first, last=last)
        .set_index("pk")[names]
        .reindex(frame["pk"], fill_value=False)
    )
    return pd.DataFrame(
        {
            "pk": frame["pk"],
            "collector_id": frame["collector_id"],
            "started": utc_moments(frame["started_text"]),
            "outbound": frame["outbound_flag"].to_numpy() == 1,
            **{name: flags[name].to_numpy(dtype=bool) for name in names},
        }
    )


def breaches_by_call(
    *, first: datetime.datetime, last: datetime.datetime
) -> dict[int, tuple[str, ...]]:
    """For the sampler: each call started in [first, last) that breaks a
    contact rule, by primary key, with the rules it breaks (names from
    ``contact_rules.RULES``). Calls breaking none are left out."""
    frame = calls_in_breach(first=first, last=last)
    names = list(rules.RULES)
    # Few combinations of rules: name each once, not once a call.
    combos = {}
    broken = {}
    for pk, *flags in frame[["pk", *names]].itertuples(index=False, name=None):
        flags = tuple(flags)
        if flags not in combos:
            combos[flags] = tuple(
                n for n, flag in zip(names, flags, strict=True) if flag
            )
        broken[int(pk)] = combos[flags]
    return broken


@dataclass(frozen=True)
class CollectorBreaches:
    team: Team | None
    collector: Staff
    calls: int
    outbound: int
    outside_window: int
    too_many_attempts: int
    after_cease_or_dispute: int
    calls_in_breach: int

    @property
    def breach_rate(self) -> float:
        return self.calls_in_breach / self.outbound if self.outbound else 0.0


def teams_on_call_days(frame: pd.DataFrame) -> pd.Series:
    """The team each call's collector was in on the call's (agency) date,
    from the memberships in one query; NaN for none."""
    zone = timezone.get_default_timezone_name()
    days = (
        pd.DatetimeIndex(frame["started"])
        .tz_localize("UTC")
        .tz_convert(zone)
        .normalize()
        .tz_localize(None)
    )
    memberships = pd.DataFrame.from_records(
        TeamMembership.objects.filter(staff_id__in=frame["collector_id"].unique())
        .order_by()
        .values_list("staff_id", "team_id", "valid_from", "valid_to"),
        columns=["collector_id", "team_id", "valid_from", "valid_to"],
    )
    calls = pd.DataFrame(
        {
            "row": np.arange(len(frame)),
            "collector_id": frame["collector_id"],
            "day": days,
        }
    )
    if memberships.empty:
        return pd.Series(np.nan, index=frame.index)
    memberships["valid_from"] = pd.to_datetime(memberships["valid_from"])
    memberships["valid_to"] = pd.to_datetime(memberships["valid_to"])
    joined = calls.merge(memberships, on="collector_id")
    joined = joined[
        (joined["valid_from"] <= joined["day"])
        & (joined["valid_to"].isna() | (joined["day"] <= joined["valid_to"]))
    ]
    teams = joined.drop_duplicates("row").set_index("row")["team_id"]
    return pd.Series(teams.reindex(np.arange(len(frame))).to_numpy(), index=frame.index)


def contact_rule_report(
    *,
    viewer,
    first: datetime.datetime,
    last: datetime.datetime,
    team: Team | None = None,
) -> tuple[list[CollectorBreaches], pd.DataFrame]:
    """Per collector (and the team they were in on each call's date), the
    calls of [first, last) the viewer may see and the breaches among them;
    and those calls in breach (``pk``, ``collector_id``, ``team_id``, the
    rules). A fixed number of queries, however many calls."""
    frame = contact_breaches(first=first, last=last)
    if frame.empty or not viewer.is_authenticated:
        return [], frame.assign(team_id=[])
    frame["team_id"] = teams_on_call_days(frame)
    if not viewer.has_perm(SEE_ALL_CALLS):
        own = Staff.objects.filter(user=viewer).values_list("pk", flat=True).first()
        led = set(teams_led_by(viewer).values_list("pk", flat=True))
        frame = frame[(frame["collector_id"] == own) | frame["team_id"].isin(led)]
    if team is not None:
        frame = frame[frame["team_id"] == team.pk]
    rule_names = list(rules.RULES)
    frame = frame.assign(
        any_breach=frame[rule_names].any(axis=1), team_key=frame["team_id"].fillna(0)
    )
    grouped = (
        frame.groupby(["team_key", "collector_id"])
        .agg(
            calls=("pk", "size"),
            outbound=("outbound", "sum"),
            **{rule: (rule, "sum") for rule in rule_names},
            calls_in_breach=("any_breach", "sum"),
        )
        .reset_index()
    )
    people = Staff.objects.in_bulk(grouped["collector_id"].unique().tolist())
    teams = Team.objects.in_bulk([int(pk) for pk in grouped["team_key"].unique() if pk])
    rows = [
        CollectorBreaches(
            team=teams.get(int(row.team_key)),
            collector=people[int(row.collector_id)],
            calls=int(row.calls),
            outbound=int(row.outbound),
            outside_window=int(getattr(row, rules.OUTSIDE_WINDOW)),
            too_many_attempts=int(getattr(row, rules.TOO_MANY_ATTEMPTS)),
            after_cease_or_dispute=int(getattr(row, rules.AFTER_STOP)),
            calls_in_breach=int(row.calls_in_breach),
        )
        for row in grouped.itertuples(index=False)
    ]
    rows.sort(key=lambda r: (r.team.name if r.team else "~", r.collector.last_name))
    return rows, frame[frame["any_breach"]]


def team_call_volumes(
    *, team_ids, start: datetime.datetime, end: datetime.datetime
) -> list[CallVolume]:
    """Attendance's ``attendance_call_volumes``: calls per team (the person's
    team on the call's date) and 30-minute interval of the agency's clock,
    inbound and outbound, for calls started in [start, end). Only the calls
    of people in one of those teams at some time in the window are read.
    Two queries."""
    in_teams = (
        TeamMembership.objects.filter(
            team_id__in=list(team_ids),
            valid_from__lte=timezone.localdate(end),
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate(start)))
        .values("staff_id")
    )
    calls = (
        Call.objects.filter(
            started_at__gte=start, started_at__lt=end, collector_id__in=in_teams
        )
        .order_by()
        .annotate(
            started_text=Cast("started_at", CharField()),
            outbound_flag=Case(When(direction=Direction.OUTBOUND, then=1), default=0),
        )
    )
    frame = frame_of(
        calls, ["collector_id", "started_text", "outbound_flag", "duration_seconds"]
    )
    if frame.empty:
        return []
    frame["started"] = utc_moments(frame["started_text"])
    frame["team_id"] = teams_on_call_days(frame)
    frame = frame[frame["team_id"].isin(list(team_ids))]
    zone = timezone.get_default_timezone_name()
    local = pd.DatetimeIndex(frame["started"]).tz_localize("UTC").tz_convert(zone)
    frame = frame.assign(
        interval=local.floor("30min"),
        outbound=frame["outbound_flag"],
        inbound_seconds=frame["duration_seconds"].where(frame["outbound_flag"] == 0, 0),
    )
    counts = frame.groupby(["team_id", "interval"]).agg(
        calls=("outbound", "size"),
        outbound=("outbound", "sum"),
        inbound_seconds=("inbound_seconds", "sum"),
    )
    return [
        CallVolume(
            team_id=int(team_id),
            start=interval.to_pydatetime(),
            inbound=int(row.calls - row.outbound),
            outbound=int(row.outbound),
            inbound_seconds=int(row.inbound_seconds),
        )
        for (team_id, interval), row in counts.iterrows()
    ]


def promise_states(
    *,
    first: datetime.datetime,
    last: datetime.datetime,
    today: datetime.date | None = None,
) -> dict[int, str]:
    """The state of every promise to pay made in [first, last), by call pk:
    ``promises.promise_state``'s rule (kept, broken, pending) applied to all
    of them at once, with the grace period of the QA settings. Two queries."""
    today = today or timezone.localdate()
    grace = datetime.timedelta(days=QASettings.load().promise_grace_days)
    zone = timezone.get_default_timezone_name()
    promises = Call.objects.started_between(first, last).promises().order_by()
    frame = frame_of(
        promises.annotate(started_text=Cast("started_at", CharField())),
        ["pk", "account_reference", "started_text", "promised_amount", "promised_on"],
    )
    if frame.empty:
        return {}
    made_on = (
        pd.DatetimeIndex(utc_moments(frame["started_text"]))
        .tz_localize("UTC")
        .tz_convert(zone)
        .normalize()
        .tz_localize(None)
    )
    frame = frame.assign(
        made_on=made_on,
        deadline=pd.to_datetime(frame["promised_on"]) + grace,
        amount=pd.to_numeric(frame["promised_amount"]),
    )
    payments = pd.DataFrame.from_records(
        Payment.objects.filter(
            account_reference__in=promises.values("account_reference"),
            paid_on__gte=frame["made_on"].min().date(),
            paid_on__lte=frame["deadline"].max().date(),
        )
        .order_by()
        .values_list("account_reference", "amount", "paid_on"),
        columns=["account_reference", "paid", "paid_on"],
    )
    paid = pd.Series(0.0, index=frame["pk"])
    if not payments.empty:
        payments["paid_on"] = pd.to_datetime(payments["paid_on"])
        payments["paid"] = pd.to_numeric(payments["paid"])
        matched = frame[["pk", "account_reference", "made_on", "deadline"]].merge(
            payments, on="account_reference"
        )
        matched = matched[
            (matched["made_on"] <= matched["paid_on"])
            & (matched["paid_on"] <= matched["deadline"])
        ]
        paid = paid.add(matched.groupby("pk")["paid"].sum(), fill_value=0.0)
    paid = paid.reindex(frame["pk"]).to_numpy()
    # Cents compared as whole numbers: float sums must not miss a full payment.
    kept = np.round(paid * 100) >= np.round(frame["amount"].to_numpy(float) * 100)
    over = frame["deadline"].to_numpy() < np.datetime64(today)
    states = np.where(kept, KEPT, np.where(over, BROKEN, PENDING))
    return dict(zip(frame["pk"].tolist(), states.tolist(), strict=True))

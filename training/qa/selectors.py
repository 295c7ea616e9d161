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
from django.db import connection
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from workforce.attendance.models import AttendanceSettings
from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import teams_led_by

from . import contact_rules as rules
from .models import Call, Direction, QASettings
from .models.calls import STOP_OUTCOMES

SEE_ALL_CALLS = "qa.oversee_calls"


def calls_visible_to(*, viewer) -> QuerySet[Call]:
    """The calls ``viewer`` may see, by the scope rule above."""
    calls = Call.objects.all()
    if not viewer.is_authenticated or not viewer.is_active:
        return calls.none()
    if viewer.has_perm(SEE_ALL_CALLS):
        return calls
    zone = timezone.get_default_timezone()
    led_on_the_day = TeamMembership.objects.filter(
        staff_id=OuterRef("collector_id"),
        team__in=teams_led_by(viewer),
        valid_from__lte=OuterRef("call_day"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("call_day")))
    return (
        calls.annotate(call_day=TruncDate("started_at", tzinfo=zone))
        .annotate(led=Exists(led_on_the_day))
        .filter(Q(collector__user=viewer) | Q(led=True))
    )


def _frame(queryset, columns: list[str]) -> pd.DataFrame:
    """A queryset's rows as a frame through the bare cursor: no per-row
    conversion in Python (moments come as the database gives them)."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns)


def _utc(values: pd.Series) -> np.ndarray:
    moments = pd.to_datetime(values, format="ISO8601", utc=True)
    return moments.dt.tz_localize(None).to_numpy("datetime64[ns]")


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
    columns = [
        "pk",
        "collector_id",
        "account_reference",
        "debtor_time_zone",
        "started_at",
        "direction",
        "outcome",
    ]
    frame = _frame(
        Call.objects.started_between(first - window, last).order_by(), columns
    )
    prior = _frame(
        Call.objects.filter(started_at__lt=first - window, outcome__in=STOP_OUTCOMES)
        .order_by()
        .values("account_reference")
        .annotate(first_stop=Min("started_at")),
        ["account_reference", "first_stop"],
    )
    stopped_before = (
        dict(zip(prior["account_reference"], _utc(prior["first_stop"]), strict=True))
        if len(prior)
        else {}
    )
    if frame.empty:
        return frame.assign(
            started=[], outbound=[], **{rule: [] for rule in rules.RULES}
        )
    started = _utc(frame["started_at"])
    accounts = frame["account_reference"].to_numpy()
    outbound = (frame["direction"] == Direction.OUTBOUND).to_numpy()
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
                frame["outcome"].isin(STOP_OUTCOMES).to_numpy(),
                stopped_since=stopped_before,
            ),
        }
    )
    in_period = started >= np.datetime64(_naive_utc(first))
    return result[in_period].reset_index(drop=True)


def _naive_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(tzinfo=None)


def breaches_by_call(
    *, first: datetime.datetime, last: datetime.datetime
) -> dict[int, tuple[str, ...]]:
    """For the sampler: each call started in [first, last) that breaks a
    contact rule, by primary key, with the rules it breaks (names from
    ``contact_rules.RULES``). Calls breaking none are left out."""
    frame = contact_breaches(first=first, last=last)
    flags = frame[list(rules.RULES)].to_numpy()
    names = np.array(list(rules.RULES))
    return {
        int(pk): tuple(names[row])
        for pk, row in zip(frame["pk"].to_numpy(), flags, strict=True)
        if row.any()
    }


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
    memberships["valid_to"] = pd.to_datetime(memberships["valid_to"]).fillna(
        pd.Timestamp.max
    )
    joined = calls.merge(memberships, on="collector_id")
    joined = joined[
        (joined["valid_from"] <= joined["day"]) & (joined["day"] <= joined["valid_to"])
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

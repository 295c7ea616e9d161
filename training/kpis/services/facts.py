"""The daily fact build: one ``CollectorDay`` row per collector per day, from
the call log, the payments, attendance and the contact rules.

The counting is done by the database: each source is one aggregate query
grouped by collector and day (``Count``/``Sum`` with filters, correlated
subqueries for the payments that keep a promise and for who took it), so
the work grows with the calls in SQL, not in Python. Python only joins the
aggregated rows (one per collector-day and source) and writes them in bulk;
the team of each day is then set by one ``UPDATE`` from the memberships.
Two sources are not plain SQL:

- attendance is derived per person and day by ``workforce.attendance``
  (sessions from clock events against the published shifts, corrections
  over them); it is read for every team at once in a fixed number of
  queries, and costs Python time per person-day (not per call);
- contact-rule breaches come from ``training.qa.breach_selectors.calls_in_breach``
  (only the calls in breach, which the database narrows to), grouped here
  with pandas.

Rules (docs/kpis.md, "Facts"):

- attempts, right-party contacts, promises and promised amount count
  **outbound** calls on the agency-local day they started; handle seconds and
  handled calls count every answered call (neither no answer nor busy) in
  either direction;
- a promise (outbound or inbound) counts kept or broken on the day it falls
  due (its promised date), for the collector who took it: kept when the
  payments on the account from the day it was made to the promised date plus
  the grace days (``QASettings.promise_grace_days``) add up to the amount;
  broken when that deadline has passed before ``today`` short of it; pending
  (not counted) until then. The same rule as ``training.qa.promises``;
- a payment is credited to the collector of the most recent promise on the
  account that it falls in the window of (made on or before the payment's
  day, with the promised date plus grace on or after it), on the payment's
  day; a payment in no promise's window is credited to nobody;
- hours worked (to 2 places, from whole minutes), scheduled and adherent
  minutes (whole), days scheduled (a shift not wholly covered by approved
  leave or training) and days present (such a day with the collector
  present, late or leaving early, corrections applied) from attendance;
- QA columns (``qa_facts``): the standing evaluations of sampled calls, by
  the call's day, each weighted by 1/π;
- the collection target (``target_facts``): each month's amount per
  collector of the team's (else its stage's) ``CollectionTarget``, spread
  over the month's days to the cent, for every day a desk or field
  collector was in the team.

Rebuilding a set of days deletes their rows and writes them again in one
transaction, so a rebuild from scratch and any incremental build give the
same rows, and a recompute gives identical ones.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import pandas as pd
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from training.kpis.calculations.measures import TOTAL_FIELDS, FactTotals, round_to
from training.kpis.calculations.targets import daily_shares
from training.kpis.models import CollectionTarget, CollectorDay, FactBuild
from training.qa import contact_rules
from training.qa.breach_selectors import calls_in_breach
from training.qa.models import Call, Evaluation, LogChange, Payment, QASettings
from training.qa.models.calls import RIGHT_PARTY_OUTCOMES, Direction, Outcome
from workforce.attendance import calculations as attendance_calc
from workforce.attendance.selectors import teams_attendance
from workforce.people.models import COLLECTING_JOBS, Team, TeamMembership
from workforce.scheduling.models import Shift

DAY = datetime.timedelta(days=1)
ZERO_MONEY = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))
NOT_HANDLED = (Outcome.NO_ANSWER, Outcome.BUSY)
PRESENT_STATUSES = (
    attendance_calc.PRESENT,
    attendance_calc.LATE,
    attendance_calc.LEFT_EARLY,
)
# Rows handed to the database driver at a time.
INSERT_BATCH = 5000


def facts_rebuild(
    *,
    days: Iterable[datetime.date],
    now: datetime.datetime | None = None,
    requested_by=None,
    calls_through: int | None = None,
    payments_through: int | None = None,
    changes_through: int | None = None,
) -> FactBuild:
    """Rebuild the facts of ``days`` (any set of days; runs of consecutive
    days are built together). ``now`` decides which promises are past their
    deadline and which shifts are over."""
    started = timezone.now()
    now = now or started
    days = sorted(set(days))
    rows = 0
    with transaction.atomic():
        for first, last in _runs(days):
            rows += _build_run(first, last, now)
        return FactBuild.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            first_day=days[0] if days else None,
            last_day=days[-1] if days else None,
            days=len(days),
            rows=rows,
            calls_through=calls_through,
            payments_through=payments_through,
            changes_through=changes_through,
            requested_by=requested_by,
        )


def facts_rebuild_all(
    *, now: datetime.datetime | None = None, requested_by=None
) -> FactBuild:
    """Rebuild every day from the first call, payment, promise due or
    published shift, to today."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    calls_through, payments_through, changes_through = _high_water_marks()
    zone = timezone.get_default_timezone()
    firsts = [
        timezone.localdate(moment, zone)
        for moment in Call.objects.order_by()
        .aggregate(first=Min("started_at"))
        .values()
        if moment is not None
    ]
    firsts += [
        day
        for day in (
            Payment.objects.order_by().aggregate(first=Min("paid_on"))["first"],
            Call.objects.promises()
            .order_by()
            .aggregate(first=Min("promised_on"))["first"],
            # Attendance alone makes facts (hours, adherence) before any call.
            Shift.objects.published().order_by().aggregate(first=Min("day"))["first"],
        )
        if day is not None
    ]
    with transaction.atomic():
        CollectorDay.objects.all().delete()
        if not firsts:
            days = []
        else:
            first = min(firsts)
            days = [first + DAY * n for n in range((today - first).days + 1)]
        return facts_rebuild(
            days=days,
            now=now,
            requested_by=requested_by,
            calls_through=calls_through,
            payments_through=payments_through,
            changes_through=changes_through,
        )


def facts_rebuild_changed(*, now: datetime.datetime | None = None) -> FactBuild:
    """The daily job's build: yesterday, the day whose promises have just
    passed their deadline, and every day touched by calls or payments
    imported or changed since the last build that covered every change."""
    now = now or timezone.now()
    calls_through, payments_through, changes_through = _high_water_marks()
    days = days_changed_since_last_build(now=now)
    return facts_rebuild(
        days=days,
        now=now,
        calls_through=calls_through,
        payments_through=payments_through,
        changes_through=changes_through,
    )


def days_changed_since_last_build(*, now: datetime.datetime) -> set[datetime.date]:
    """The days whose facts may have changed since the last build that
    covered every change: those of the calls and payments added since (by
    their primary keys), and those QA recorded as changed by a re-import
    (``LogChange``, by its key: the old and new days of a changed call or
    payment), with, for the accounts of both, the promised dates of their
    promises and the days of their payments (a payment is credited to, and
    keeps, a promise on its account)."""
    today = timezone.localdate(now)
    grace = QASettings.load().promise_grace_days
    yesterday = today - DAY
    # Promises due that day turned broken (or stayed kept) yesterday.
    days = {yesterday, yesterday - datetime.timedelta(days=grace)}
    last = (
        FactBuild.objects.filter(calls_through__isnull=False)
        .order_by("-started_at", "-pk")
        .first()
    )
    calls = Call.objects.order_by()
    payments = Payment.objects.order_by()
    changes = LogChange.objects.order_by()
    if last is not None:
        calls = calls.filter(pk__gt=last.calls_through)
        payments = payments.filter(pk__gt=last.payments_through or 0)
        changes = changes.filter(pk__gt=last.changes_through or 0)
    zone = timezone.get_default_timezone()
    days |= set(
        calls.annotate(day=TruncDate("started_at", tzinfo=zone))
        .values_list("day", flat=True)
        .distinct()
    )
    days |= set(calls.promises().values_list("promised_on", flat=True).distinct())
    new_payments = payments.values("account_reference", "paid_on")
    days |= set(new_payments.values_list("paid_on", flat=True).distinct())
    days |= set(changes.values_list("day", flat=True).distinct())
    # A payment can keep (or stop being short of) a promise falling due
    # up to the grace days before it, made on or before it.
    affected = (
        Call.objects.promises()
        .order_by()
        .filter(
            Q(account_reference__in=new_payments.values("account_reference"))
            | Q(account_reference__in=changes.values("account_reference"))
        )
        .values_list("promised_on", flat=True)
        .distinct()
    )
    days |= set(affected)
    # A changed call can become, stop being or move a promise, and so who
    # a payment on its account is credited to, on the payment's day.
    credited = (
        Payment.objects.order_by()
        .filter(account_reference__in=changes.values("account_reference"))
        .values_list("paid_on", flat=True)
        .distinct()
    )
    days |= set(credited)
    return {day for day in days if day <= today}


SIX_PLACES = Decimal("0.000001")


def qa_facts(first: datetime.date, last: datetime.date) -> dict:
    """QA points × weight, weights, calls scored and critical fails per
    (collector, agency-local day of the call) from ``first`` to ``last``, from
    the standing (final, not superseded) evaluations of sampled calls. A
    call's weight is 1/π, its inclusion probability, to 6 places, so a
    period's QA score (Σ points × weight ÷ Σ weight) is QA's Hájek
    estimate; an evaluation with no score (every item N/A) counts only its
    critical fails. One query; the sums are exact Decimals over the month's
    sample, a few thousand rows."""
    zone = timezone.get_default_timezone()
    start, end = _bounds(first, last, zone)
    rows = (
        Evaluation.objects.standing()
        .filter(call__started_at__gte=start, call__started_at__lt=end)
        .values_list(
            "collector_id",
            "call__started_at",
            "score",
            "critical_failed",
            "sampled_call__inclusion_probability",
        )
    )
    facts: dict = {}
    for collector_id, started, score, critical, probability in rows:
        key = (collector_id, timezone.localdate(started, zone))
        row = facts.setdefault(
            key,
            {
                "qa_weighted_points": Decimal(0),
                "qa_weight": Decimal(0),
                "qa_calls": 0,
                "qa_critical_fails": 0,
            },
        )
        row["qa_critical_fails"] += int(critical)
        if score is None:
            continue
        weight = (Decimal(1) / Decimal(repr(probability))).quantize(SIX_PLACES)
        row["qa_weight"] += weight
        row["qa_weighted_points"] += (score * weight).quantize(SIX_PLACES)
        row["qa_calls"] += 1
    return facts


def target_facts(first: datetime.date, last: datetime.date) -> dict:
    """Each collector-day's share of its month's collection target, from
    ``first`` to ``last``: the team's target of the month if it has one,
    else its stage's, for desk and field collectors in the team that day
    (the latest membership starting on or before it, as the team of the
    day). Two queries; Python per collector-day with a target."""
    months = set()
    day = first
    while day <= last:
        months.add(day.replace(day=1))
        day += DAY
    targets = list(CollectionTarget.objects.filter(month__in=months))
    if not targets:
        return {}
    by_team = {(t.team_id, t.month): t.amount for t in targets if t.team_id}
    by_stage = {(t.stage, t.month): t.amount for t in targets if t.stage}
    memberships = (
        TeamMembership.objects.filter(
            staff__job_title__in=COLLECTING_JOBS, valid_from__lte=last
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("staff_id", "valid_from")
        .values_list("staff_id", "team_id", "team__stage", "valid_from", "valid_to")
    )
    # The latest membership starting on or before a day wins it, as in the
    # UPDATE that sets the team of the day.
    team_of_day: dict[tuple[int, datetime.date], tuple[int, str]] = {}
    for staff_id, team_id, stage, valid_from, valid_to in memberships:
        day = max(valid_from, first)
        end = min(valid_to or last, last)
        while day <= end:
            team_of_day[(staff_id, day)] = (team_id, stage)
            day += DAY
    shares: dict[tuple[Decimal, datetime.date], list[Decimal]] = {}
    found = {}
    for (staff_id, day), (team_id, stage) in team_of_day.items():
        month = day.replace(day=1)
        amount = by_team.get((team_id, month), by_stage.get((stage, month)))
        if not amount:
            continue
        if (amount, month) not in shares:
            days = (month.replace(day=28) + datetime.timedelta(days=4)).replace(
                day=1
            ) - month
            shares[(amount, month)] = daily_shares(amount, days.days)
        found[(staff_id, day)] = shares[(amount, month)][day.day - 1]
    return found


def _high_water_marks() -> tuple[int, int, int]:
    return tuple(
        model.objects.order_by().aggregate(top=Max("pk"))["top"] or 0
        for model in (Call, Payment, LogChange)
    )


def _runs(days: list[datetime.date]):
    """Runs of consecutive days as (first, last)."""
    run_start = previous = None
    for day in days:
        if previous is not None and day == previous + DAY:
            previous = day
            continue
        if run_start is not None:
            yield run_start, previous
        run_start = previous = day
    if run_start is not None:
        yield run_start, previous


def _bounds(first, last, zone):
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + DAY, datetime.time.min, tzinfo=zone)
    return start, end


def _deadline(grace: int):
    # Written as the greater side of every comparison: on SQLite the sum is
    # a date-and-time text that sorts after the bare date of the same day.
    return ExpressionWrapper(
        F("promised_on") + datetime.timedelta(days=grace), output_field=DateField()
    )


def _build_run(first, last, now) -> int:
    zone = timezone.get_default_timezone()
    grace = QASettings.load().promise_grace_days
    facts: dict[tuple[int, datetime.date], dict] = defaultdict(dict)
    for source in (
        _calls(first, last, zone),
        _promises_due(first, last, zone, grace, timezone.localdate(now, zone)),
        _collected(first, last, zone, grace),
    ):
        for row in source:
            key = (row.pop("collector_id"), row.pop("day"))
            facts[key].update(row)
    for key, row in _attendance(first, last, now).items():
        facts[key].update(row)
    for key, row in _breaches(first, last, zone).items():
        facts[key].update(row)
    for key, row in qa_facts(first, last).items():
        facts[key].update(row)
    for key, share in target_facts(first, last).items():
        facts[key]["collection_target"] = share

    CollectorDay.objects.between(first, last).delete()
    _insert(
        (key, columns)
        for key, columns in sorted(facts.items())
        if any(columns.values())
    )
    team_that_day = (
        TeamMembership.objects.filter(
            staff_id=OuterRef("collector_id"), valid_from__lte=OuterRef("day")
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("day")))
        .order_by("-valid_from")
        .values("team_id")[:1]
    )
    CollectorDay.objects.between(first, last).update(team_id=Subquery(team_that_day))
    return CollectorDay.objects.between(first, last).count()


def _insert(rows) -> None:
    """Write the rows with one prepared INSERT per batch: the values are
    plain ints, Decimals and dates already, so Django's per-field
    preparation (most of ``bulk_create``'s time at 50,000 rows) is skipped;
    dates and decimals still go through the backend's own adapters."""
    ops = connection.ops
    table = CollectorDay._meta.db_table
    names = ["collector_id", "day", *TOTAL_FIELDS]
    decimals = {
        field.name: field
        for field in CollectorDay._meta.concrete_fields
        if field.get_internal_type() == "DecimalField"
    }
    defaults = {
        name: FactTotals.__dataclass_fields__[name].default for name in TOTAL_FIELDS
    }
    quoted = ", ".join(ops.quote_name(name) for name in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608

    def values(key, columns):
        collector_id, day = key
        found = [collector_id, ops.adapt_datefield_value(day)]
        for name in TOTAL_FIELDS:
            value = columns.get(name, defaults[name])
            if name in decimals:
                field = decimals[name]
                value = ops.adapt_decimalfield_value(
                    value, field.max_digits, field.decimal_places
                )
            found.append(value)
        return found

    batch = []
    with connection.cursor() as cursor:
        for key, columns in rows:
            batch.append(values(key, columns))
            if len(batch) == INSERT_BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _calls(first, last, zone):
    start, end = _bounds(first, last, zone)
    outbound = Q(direction=Direction.OUTBOUND)
    promise = outbound & Q(outcome=Outcome.PROMISE_TO_PAY)
    handled = ~Q(outcome__in=NOT_HANDLED)
    return (
        Call.objects.started_between(start, end)
        .order_by()
        .annotate(day=TruncDate("started_at", tzinfo=zone))
        .values("collector_id", "day")
        .annotate(
            attempts=Count("pk", filter=outbound),
            contacts=Count(
                "pk",
                filter=outbound & Q(outcome__in=RIGHT_PARTY_OUTCOMES),
            ),
            promises=Count("pk", filter=promise),
            promised_amount=Coalesce(
                Sum("promised_amount", filter=promise), ZERO_MONEY
            ),
            handle_seconds=Coalesce(Sum("duration_seconds", filter=handled), 0),
            handled_calls=Count("pk", filter=handled),
        )
    )


def _promises_due(first, last, zone, grace, today):
    paid_in_window = (
        Payment.objects.filter(
            account_reference=OuterRef("account_reference"),
            paid_on__gte=OuterRef("made_on"),
        )
        .filter(Q(paid_on__lte=OuterRef("deadline")))
        .order_by()
        .values("account_reference")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    kept = Q(paid__gte=F("promised_amount"))
    # Past the deadline: the last day of grace ended before today.
    overdue = Q(promised_on__lt=today - datetime.timedelta(days=grace))
    return (
        Call.objects.promises()
        .filter(promised_on__gte=first, promised_on__lte=last)
        .order_by()
        .annotate(
            made_on=TruncDate("started_at", tzinfo=zone),
            deadline=_deadline(grace),
        )
        .annotate(paid=Coalesce(Subquery(paid_in_window), ZERO_MONEY))
        .values("collector_id", day=F("promised_on"))
        .annotate(
            kept=Count("pk", filter=kept),
            broken=Count("pk", filter=~kept & overdue),
        )
    )


def _collected(first, last, zone, grace):
    taker = (
        Call.objects.promises()
        .filter(account_reference=OuterRef("account_reference"))
        .annotate(
            made_on=TruncDate("started_at", tzinfo=zone), deadline=_deadline(grace)
        )
        .filter(made_on__lte=OuterRef("paid_on"), deadline__gte=OuterRef("paid_on"))
        .order_by("-started_at", "-pk")
        .values("collector_id")[:1]
    )
    return (
        Payment.objects.filter(paid_on__gte=first, paid_on__lte=last)
        .order_by()
        .annotate(taker=Subquery(taker))
        .filter(taker__isnull=False)
        .values(collector_id=F("taker"), day=F("paid_on"))
        .annotate(collected=Sum("amount"))
    )


def _attendance(first, last, now) -> dict:
    """Attendance's own derivation for every team at once (fixed queries;
    Python per person-day), reduced to the fact columns."""
    found = {}
    teams = list(Team.objects.order_by("pk"))
    for team in teams_attendance(teams=teams, first=first, last=last, now=now):
        for person in team.people:
            for day in person.days:
                derived = day.derived
                scheduled_minutes = round(derived.expected_minutes)
                scheduled = 1 if scheduled_minutes > 0 else 0
                worked = round(derived.worked_minutes)
                found[(person.staff.pk, day.day)] = {
                    "hours_worked": round_to(Fraction(worked, 60), 2),
                    "scheduled_minutes": scheduled_minutes,
                    "adherent_minutes": min(
                        round(derived.adhered_minutes), scheduled_minutes
                    ),
                    "days_scheduled": scheduled,
                    "days_present": scheduled * (day.status in PRESENT_STATUSES),
                }
    return found


def _breaches(first, last, zone) -> dict:
    start, end = _bounds(first, last, zone)
    # Only the calls in breach: the database finds them without reading the rest.
    frame = calls_in_breach(first=start, last=end)
    if frame.empty:
        return {}
    rules = list(contact_rules.RULES)
    days = (
        pd.DatetimeIndex(frame["started"]).tz_localize("UTC").tz_convert(zone.key).date
    )
    counted = (
        frame.assign(day=days, breach=frame[rules].any(axis=1))
        .groupby(["collector_id", "day"])["breach"]
        .sum()
    )
    return {
        (int(collector_id), day): {"contact_rule_breaches": int(count)}
        for (collector_id, day), count in counted.items()
        if count
    }

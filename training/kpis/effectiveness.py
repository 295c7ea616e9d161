"""Kirkpatrick's levels 3 and 4 of a course's report, the KPIs' answer to
courses' ``COURSE_EFFECTIVENESS`` (docs/kpis.md, "Training effectiveness").

The periods are the same for everyone: *before* is the
``PERIOD_DAYS`` days up to the first day of the earliest session in which
the trained passed the course; *after* the ``PERIOD_DAYS`` days from the
day after the last such session ended (up to yesterday). The trained are
the people the report counts as passed; the **not yet trained** are desk
and field collectors of the same stages (their team's on the last day
before training) who had not passed the course by the end of the after
period. Only group figures leave this module (means, counts and the
estimate), not a row per person; level 4 shows them only for groups of at
least ten collectors (``calculations.did``), level 3 for any group with an
evaluated call (its trained are the people whose results the viewer's
report already lists).

- Level 3: for each scorecard item naming the course as its refresher, the
  group's weighted mean item score in each period (``calculations.behaviour``).
- Level 4: for each KPI the trained are held to (their teams' scorecards),
  the difference-in-differences of the collectors' values between the
  periods, with its bootstrap interval (``calculations.did``); where either
  group is too small it says so instead of a number.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Max, Min
from django.utils import timezone

from training.courses.hooks import EffectivenessLevel
from training.courses.models import Enrolment
from training.kpis.calculations.behaviour import answer_points, weighted_item_mean
from training.kpis.calculations.did import SAID_AS, Change, difference_in_differences
from training.kpis.calculations.measures import FactTotals, read, round_to
from training.kpis.models import CollectorDay
from training.kpis.selectors import as_totals, definitions_by_team, sums
from training.qa.models import Evaluation, Item, ItemAnswer
from workforce.people.models import COLLECTING_JOBS, Staff
from workforce.people.selectors import team_on_date

PERIOD_DAYS = 30
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Periods:
    before: tuple[datetime.date, datetime.date]
    after: tuple[datetime.date, datetime.date] | None  # None: not begun yet

    def said(self) -> str:
        before = f"before {_span(*self.before)}"
        if self.after is None:
            return f"{before}; the after period has not begun yet"
        return f"{before}; after {_span(*self.after)}"


def _span(first: datetime.date, last: datetime.date) -> str:
    return f"{first:%-d %b %Y} to {last:%-d %b %Y}"


def course_effectiveness_levels(
    *, course, trained_staff_ids, first_day, last_day, viewer
) -> list[EffectivenessLevel]:
    """Levels 3 and 4 for ``course`` and the people passed in sessions
    starting from ``first_day`` to ``last_day``."""
    trained = set(trained_staff_ids)
    periods = _periods(course, trained, first_day, last_day)
    if periods is None:
        note = "Nobody passed this course in these dates: nothing to compare."
        return [
            EffectivenessLevel(3, "Behaviour: QA items the course addresses", (), note),
            EffectivenessLevel(4, "Results: KPIs", (), note),
        ]
    untrained = _not_yet_trained(course, trained, periods)
    return [
        _behaviour(course, trained, untrained, periods),
        *_results(trained, untrained, periods),
    ]


def _periods(course, trained, first_day, last_day) -> Periods | None:
    span = Enrolment.objects.filter(
        session__course=course,
        session__first_day__gte=first_day,
        session__first_day__lte=last_day,
        staff_id__in=trained,
        state=Enrolment.State.PASSED,
    ).aggregate(started=Min("session__starts_at"), ended=Max("session__ends_at"))
    if span["started"] is None:
        return None
    started = timezone.localdate(span["started"])
    ended = timezone.localdate(span["ended"] or span["started"])
    before = (started - PERIOD_DAYS * DAY, started - DAY)
    yesterday = timezone.localdate() - DAY
    after_first = ended + DAY
    after = None
    if after_first <= yesterday:
        after = (after_first, min(ended + PERIOD_DAYS * DAY, yesterday))
    return Periods(before, after)


def _not_yet_trained(course, trained, periods: Periods) -> set[int]:
    """Collectors of the trained's stages who had not passed the course by
    the end of the after period (or of the before one, if none yet)."""
    on = periods.before[1]
    end = (periods.after or periods.before)[1]
    passed = Enrolment.objects.filter(
        session__course=course,
        session__first_day__lte=end,
        state=Enrolment.State.PASSED,
    ).values("staff_id")
    candidates = set(
        Staff.objects.filter(job_title__in=COLLECTING_JOBS)
        .exclude(pk__in=passed)
        .exclude(pk__in=trained)
        .values_list("pk", flat=True)
    )
    teams = team_on_date(trained | candidates, on)
    stages = {teams[pk].stage for pk in trained if pk in teams}
    return {pk for pk in candidates if pk in teams and teams[pk].stage in stages}


def _behaviour(course, trained, untrained, periods: Periods) -> EffectivenessLevel:
    title = "Behaviour: QA items the course addresses"
    items = list(
        Item.objects.filter(refresher_course=course)
        .order_by("section__sort_order", "sort_order", "pk")
        .values_list("text", flat=True)
    )
    texts = list(dict.fromkeys(items))
    if not texts:
        return EffectivenessLevel(
            3,
            title,
            (),
            "No QA scorecard item names this course as its refresher, so there "
            "is no item to follow before and after.",
        )
    zone = timezone.get_default_timezone()
    last = (periods.after or periods.before)[1]
    answers = ItemAnswer.objects.filter(
        item__refresher_course=course,
        evaluation__in=Evaluation.objects.standing(),
        evaluation__collector_id__in=trained | untrained,
        evaluation__call__started_at__gte=_start(periods.before[0], zone),
        evaluation__call__started_at__lt=_start(last + DAY, zone),
    ).values_list(
        "evaluation__collector_id",
        "evaluation__call__started_at",
        "item__text",
        "item__scale_max",
        "answer",
        "evaluation__sampled_call__inclusion_probability",
    )
    cells: dict[tuple, list] = {}
    for collector, started, text, scale_max, answer, probability in answers:
        period = _period_of(timezone.localdate(started, zone), periods)
        if period is None or not probability:
            continue
        group = "trained" if collector in trained else "untrained"
        weight = 1 / Fraction(repr(probability))
        cells.setdefault((text, group, period), []).append(
            (answer_points(answer, scale_max), weight)
        )
    rows = tuple(
        (
            text,
            *(
                _item_cell(cells.get((text, group, period), []))
                for group in ("trained", "untrained")
                for period in ("before", "after")
            ),
        )
        for text in texts
    )
    note = (
        f"Mean item score out of 100, each evaluated call weighted by 1/π, "
        f"with the calls it rests on; {periods.said()}; {len(trained)} trained, "
        f"{len(untrained)} not yet trained of the same stages."
    )
    return EffectivenessLevel(3, title, rows, note)


def _item_cell(answers) -> str:
    mean = weighted_item_mean(answers)
    if mean.value is None:
        return "no evaluations"
    calls = "call" if mean.calls == 1 else "calls"
    return f"{mean.value} ({mean.calls} {calls})"


def _start(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def _period_of(day: datetime.date, periods: Periods) -> str | None:
    if periods.before[0] <= day <= periods.before[1]:
        return "before"
    if periods.after and periods.after[0] <= day <= periods.after[1]:
        return "after"
    return None


def _results(trained, untrained, periods: Periods) -> list[EffectivenessLevel]:
    title = "Results: KPIs"
    if periods.after is None:
        return [
            EffectivenessLevel(
                4, title, (), f"No KPI to compare yet: {periods.said()}."
            )
        ]
    teams = team_on_date(trained, periods.before[1])
    chosen = {}
    for definitions in definitions_by_team(set(teams.values())).values():
        for definition in definitions:
            chosen.setdefault(definition.measure, definition)
    if not chosen:
        return [
            EffectivenessLevel(
                4, title, (), "The trained collectors' teams have no KPIs set."
            )
        ]
    people = trained | untrained
    before = _totals(people, *periods.before)
    after = _totals(people, *periods.after)
    levels = [
        EffectivenessLevel(
            4,
            title,
            (),
            f"Each KPI's change for the trained against the not yet trained "
            f"collectors of the same stages, over the same periods: "
            f"{periods.said()}. The interval is a bootstrap over collectors.",
        )
    ]
    for definition in sorted(chosen.values(), key=lambda d: (d.order, d.name)):
        measure = definition.measure_definition

        def changes(group, measure=measure):
            return [
                Change(
                    pk,
                    _value(measure, before.get(pk)),
                    _value(measure, after.get(pk)),
                )
                for pk in sorted(group)
            ]

        trained_changes, untrained_changes = changes(trained), changes(untrained)
        found = difference_in_differences(
            measure, trained_changes, untrained_changes, label=definition.name
        )
        rows = ()
        if not found.too_small:
            places = SAID_AS[measure.unit][0]
            rows = (
                (
                    definition.name,
                    *_means(trained_changes, places),
                    *_means(untrained_changes, places),
                ),
            )
        levels.append(
            EffectivenessLevel(4, f"Results: {definition.name}", rows, found.reading)
        )
    return levels


def _totals(people, first, last) -> dict[int, FactTotals]:
    rows = (
        CollectorDay.objects.between(first, last)
        .filter(collector_id__in=people)
        .order_by()
        .values("collector_id")
        .annotate(**sums())
    )
    return {row["collector_id"]: as_totals(row) for row in rows}


def _value(measure, totals: FactTotals | None) -> Decimal | None:
    return None if totals is None else read(measure, totals).value


def _means(changes: Iterable[Change], places: int) -> tuple[str, str]:
    """The group's mean before and after over the collectors with both."""
    both = [c for c in changes if c.difference is not None]
    return tuple(
        str(
            round_to(
                sum((Fraction(v) for v in values), Fraction(0)) / len(both), places
            )
        )
        for values in ([c.before for c in both], [c.after for c in both])
    )

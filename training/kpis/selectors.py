"""Reads of the KPIs: period totals summed in the database from the daily
facts, the definitions that apply to a team, and who may see whose KPIs.

Scope (the people scope rule, on the date of the facts): whoever holds
``kpis.oversee_kpis`` (managers) sees every collector and team; a team lead
sees the collectors of the teams they lead, for the days they were in them
(facts carry the team of their day); anyone else only their own.
"""

import calendar
import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DateField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from training.kpis.calculations import composite
from training.kpis.calculations.measures import (
    TOTAL_FIELDS,
    Direction,
    FactTotals,
    Reading,
    read,
)
from training.kpis.models import CollectorDay, KpiDefinition, KpiSettings, PeriodKind
from workforce.people.models import COLLECTING_JOBS, Staff, Team
from workforce.people.selectors import team_on_date, teams_led_by

SEE_ALL_KPIS = "kpis.oversee_kpis"
DECIMAL_PLACES = {
    field.name: Decimal(1).scaleb(-field.decimal_places)
    for field in CollectorDay._meta.concrete_fields
    if field.get_internal_type() == "DecimalField"
}
TREND_PERIODS = 6


@dataclass(frozen=True)
class Month:
    first: datetime.date

    @classmethod
    def of(cls, day: datetime.date) -> "Month":
        return cls(day.replace(day=1))

    @classmethod
    def parse(cls, text: str | None, default: datetime.date) -> "Month":
        """``"2026-03"``; anything else is the month of ``default``."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            return cls(datetime.date(year, month, 1))
        except ValueError:
            return cls.of(default)

    @property
    def last(self) -> datetime.date:
        days = calendar.monthrange(self.first.year, self.first.month)[1]
        return self.first.replace(day=days)

    @property
    def key(self) -> str:
        return f"{self.first:%Y-%m}"

    @property
    def label(self) -> str:
        return f"{self.first:%B %Y}"

    @property
    def short_label(self) -> str:
        return f"{self.first:%b %Y}"

    def back(self, months: int) -> "Month":
        index = self.first.year * 12 + self.first.month - 1 - months
        return Month(datetime.date(index // 12, index % 12 + 1, 1))

    def trail(self, count: int = TREND_PERIODS) -> list["Month"]:
        """The ``count`` months ending with this one, oldest first."""
        return [self.back(n) for n in range(count - 1, -1, -1)]


def sums() -> dict:
    return {name: Sum(name) for name in TOTAL_FIELDS}


def as_totals(row: dict) -> FactTotals:
    """A row of ``sums()`` as ``FactTotals``: a missing sum is 0, and a
    decimal sum has its column's places (SQLite's sums drop trailing zeros)."""
    values = {}
    for name in TOTAL_FIELDS:
        value = row.get(name)
        if value is None:
            value = FactTotals.__dataclass_fields__[name].default
        if name in DECIMAL_PLACES:
            value = Decimal(value).quantize(DECIMAL_PLACES[name])
        values[name] = value
    return FactTotals(**values)


def may_see_all(viewer) -> bool:
    return (
        viewer.is_authenticated and viewer.is_active and viewer.has_perm(SEE_ALL_KPIS)
    )


def may_see_collector(*, viewer, collector: Staff, month: Month) -> bool:
    """Their own; a manager anyone; a lead someone in a team they lead on a
    day of the month."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if may_see_all(viewer) or collector.user_id == viewer.pk:
        return True
    return (
        collector.memberships.filter(
            team__in=teams_led_by(viewer), valid_from__lte=month.last
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month.first))
        .exists()
    )


def facts_visible_to(*, viewer) -> QuerySet[CollectorDay]:
    """The fact rows ``viewer`` may read, by the scope rule above."""
    facts = CollectorDay.objects.order_by()
    if not viewer.is_authenticated or not viewer.is_active:
        return facts.none()
    if may_see_all(viewer):
        return facts
    return facts.filter(Q(collector__user=viewer) | Q(team__in=teams_led_by(viewer)))


def leaderboard_teams(viewer) -> QuerySet[Team]:
    teams = Team.objects.select_related("partner").order_by("name")
    if may_see_all(viewer):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


def definitions_for(
    team: Team | None, *, period_kind: str = PeriodKind.MONTH
) -> list[KpiDefinition]:
    """The active KPIs a team is held to: its own if it has any, else its
    stage's. One query."""
    if team is None:
        return []
    found = list(
        KpiDefinition.objects.active()
        .filter(period_kind=period_kind)
        .filter(Q(team=team) | Q(team__isnull=True, stage=team.stage))
        .order_by("order", "name")
    )
    own = [definition for definition in found if definition.team_id == team.pk]
    return own or found


def definitions_by_team(teams, *, period_kind=PeriodKind.MONTH) -> dict[int, list]:
    """``definitions_for`` of several teams in one query."""
    teams = list(teams)
    found = list(
        KpiDefinition.objects.active()
        .filter(period_kind=period_kind)
        .filter(
            Q(team__in=teams)
            | Q(team__isnull=True, stage__in={team.stage for team in teams})
        )
        .order_by("order", "name")
    )
    by_team = {}
    for team in teams:
        own = [d for d in found if d.team_id == team.pk]
        by_team[team.pk] = own or [
            d for d in found if d.team_id is None and d.stage == team.stage
        ]
    return by_team


def critical_fail_cap():
    return KpiSettings.load().critical_fail_cap


@dataclass(frozen=True)
class KpiTrend:
    definition: KpiDefinition
    line: composite.ScoreLine
    trend: list  # (Month, Reading) oldest first


@dataclass(frozen=True)
class CollectorScorecard:
    collector: Staff
    month: Month
    team: Team | None
    score: composite.CompositeScore
    kpis: list[KpiTrend]
    totals: FactTotals
    months: list[Month]


def collector_scorecard(*, collector: Staff, month: Month, today) -> CollectorScorecard:
    """A collector's KPIs of ``month`` against their team's targets (the team
    on the month's last day, or today in the current month), with each KPI's
    six-month trend and the composite explained. A fixed number of queries."""
    on = min(month.last, today)
    team = team_on_date([collector.pk], on).get(collector.pk)
    definitions = definitions_for(team)
    months = month.trail()
    by_month = {
        row["month"]: as_totals(row)
        for row in CollectorDay.objects.filter(
            collector=collector, day__gte=months[0].first, day__lte=month.last
        )
        .order_by()
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(**sums())
    }
    by_month = {_as_date(key): value for key, value in by_month.items()}
    totals = by_month.get(month.first, FactTotals())
    score = composite.composite_score(
        [d.as_calculation() for d in definitions],
        totals,
        critical_fail_cap=critical_fail_cap(),
    )
    empty = FactTotals()
    kpis = [
        KpiTrend(
            definition,
            line,
            [
                (
                    m,
                    read(
                        definition.measure_definition,
                        by_month.get(m.first, empty),
                    ),
                )
                for m in months
            ],
        )
        for definition, line in zip(definitions, score.lines, strict=True)
    ]
    return CollectorScorecard(collector, month, team, score, kpis, totals, months)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int | None
    team: Team
    collector: Staff
    totals: FactTotals
    composite: Decimal | None  # None: no KPI with data
    # The chosen KPI's reading and direction, if one is chosen and the
    # collector's team has it.
    reading: Reading | None
    direction: Direction | None

    @property
    def value(self):
        if self.reading is not None:
            return self.reading.value
        return self.composite


def leaderboard(
    *, viewer, month: Month, team: Team | None = None, kpi: str = "", run_by=None
) -> list[LeaderboardRow]:
    """Each collector's month in each team they were in (the days in it;
    collectors only, not a lead who clocks in with the team),
    ranked by the chosen KPI's value (by its direction) or by the composite;
    the teams the viewer may see. A fixed number of queries. Only the
    composite is worked out, not its line-by-line explanation (the
    collector's page shows that)."""
    teams = leaderboard_teams(viewer)
    if team is not None:
        teams = teams.filter(pk=team.pk)
    if run_by:
        teams = (
            teams.filter(partner__isnull=True)
            if run_by == "in-house"
            else teams.filter(partner_id=run_by)
        )
    teams = {t.pk: t for t in teams}
    rows = (
        CollectorDay.objects.between(month.first, month.last)
        .filter(team_id__in=list(teams), collector__job_title__in=COLLECTING_JOBS)
        .order_by()
        .values("team_id", "collector_id")
        .annotate(**sums())
    )
    grouped = {(row["team_id"], row["collector_id"]): as_totals(row) for row in rows}
    people = Staff.objects.in_bulk({collector for _, collector in grouped})
    definitions = {
        team_id: [d.as_calculation() for d in chosen]
        for team_id, chosen in definitions_by_team(teams.values()).items()
    }
    cap = critical_fail_cap()
    found = []
    for (team_id, collector_id), totals in grouped.items():
        chosen = definitions[team_id]
        score = composite.composite_value(chosen, totals, critical_fail_cap=cap)
        picked = next((d for d in chosen if d.name == kpi), None) if kpi else None
        reading = read(picked.measure, totals) if picked else None
        direction = picked.effective_direction if picked else None
        found.append(
            LeaderboardRow(
                None,
                teams[team_id],
                people[collector_id],
                totals,
                score,
                reading,
                direction,
            )
        )
    return _ranked(found, kpi)


def _ranked(found: list[LeaderboardRow], kpi) -> list[LeaderboardRow]:
    def key(row: LeaderboardRow):
        person = row.collector
        if kpi:
            value = row.reading.value if row.reading is not None else None
            lower = row.direction == Direction.LOWER
        else:
            value, lower = row.composite, False
        if value is None:
            return (1, 0, person.last_name.casefold(), person.first_name.casefold())
        return (
            0,
            value if lower else -value,
            person.last_name.casefold(),
            person.first_name.casefold(),
        )

    found.sort(key=key)
    rows, rank, previous = [], 0, object()
    for position, row in enumerate(found, start=1):
        value_key = key(row)[:2]
        if value_key[0] == 1:
            rank_here = None
        else:
            if value_key != previous:
                rank = position
            previous = value_key
            rank_here = rank
        rows.append(dataclasses.replace(row, rank=rank_here))
    return rows


def kpi_names(viewer) -> list[str]:
    """Names of the active KPIs of the teams the viewer may see, for a filter."""
    teams = list(leaderboard_teams(viewer))
    names = set()
    for chosen in definitions_by_team(teams).values():
        names.update(d.name for d in chosen)
    return sorted(names)


def team_totals(*, viewer, first, last) -> dict[Team, dict[Staff, FactTotals]]:
    """Team of the day -> collector -> facts summed over [first, last], for
    the teams the viewer may see (the daily report). Three queries."""
    teams = {t.pk: t for t in leaderboard_teams(viewer)}
    rows = list(
        CollectorDay.objects.between(first, last)
        .filter(team_id__in=list(teams))
        .order_by()
        .values("team_id", "collector_id")
        .annotate(**sums())
    )
    people = Staff.objects.in_bulk({row["collector_id"] for row in rows})
    grouped: dict[Team, dict[Staff, FactTotals]] = defaultdict(dict)
    for row in rows:
        grouped[teams[row["team_id"]]][people[row["collector_id"]]] = as_totals(row)
    return grouped


def ramp_for(*, collector: Staff, measure_key: str, today: datetime.date):
    """The collector's first 13 weeks of ``measure`` beside the median curve
    of earlier hires of the same stage (the stage of their team on their
    first day). Two queries for the facts, whatever the number of hires."""
    from training.kpis.calculations.measures import MEASURES, DailyFacts
    from training.kpis.calculations.ramp import WEEKS, Hire, ramp

    measure = MEASURES[measure_key]
    team = team_on_date([collector.pk], collector.hired_on).get(collector.pk)
    stage = team.stage if team else ""
    span = datetime.timedelta(days=WEEKS * 7 - 1)
    # The stage of each hire is their team's on the day they started.
    hired_in_stage = (
        Staff.objects.filter(
            hired_on__lte=collector.hired_on,
            memberships__team__stage=stage,
            memberships__valid_from__lte=F("hired_on"),
        )
        .filter(
            Q(memberships__valid_to__isnull=True)
            | Q(memberships__valid_to__gte=F("hired_on"))
        )
        .values("pk")
    )
    rows = (
        CollectorDay.objects.filter(collector__in=hired_in_stage)
        .annotate(
            ends=ExpressionWrapper(
                F("collector__hired_on") + span, output_field=DateField()
            )
        )
        .filter(day__gte=F("collector__hired_on"), ends__gte=F("day"))
        .order_by()
        .values("collector_id", "collector__hired_on", "day", *TOTAL_FIELDS)
    )
    facts: dict[int, list[DailyFacts]] = defaultdict(list)
    starts: dict[int, datetime.date] = {}
    for row in rows:
        starts[row["collector_id"]] = row.pop("collector__hired_on")
        facts[row["collector_id"]].append(
            DailyFacts(collector=row.pop("collector_id"), **row)
        )
    starts[collector.pk] = collector.hired_on
    hires = [Hire(pk, start, stage, facts.get(pk, [])) for pk, start in starts.items()]
    new_hire = next(h for h in hires if h.collector == collector.pk)
    return ramp(measure, new_hire, hires, as_of=today), stage

"""Reads of shift planning, scoped to the viewer."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from workforce.people.models import Resignation, Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, teams_led_by

from . import calculations as calc
from .calculations import Finding
from .hooks import Absence, absences
from .models import (
    PatternAssignment,
    PlanPublication,
    Shift,
    ShiftChange,
    ShiftPattern,
    ShiftRules,
    ShiftSwap,
    ShiftType,
)
from .rules import check_shifts, planned

PLAN = "scheduling.add_shift"
SEE_PLANS = "scheduling.view_shift"


def may_plan(*, viewer, team: Team) -> bool:
    """A manager plans any team; a lead, the teams they lead."""
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return teams_led_by(viewer).filter(pk=team.pk).exists()


def teams_plannable_by(viewer) -> QuerySet[Team]:
    teams = Team.objects.select_related("partner").order_by("name")
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return teams.none()
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


def published_days(
    team: Team, first: datetime.date, last: datetime.date
) -> set[datetime.date]:
    """The days from ``first`` to ``last`` inside a published period of the team."""
    days = set()
    for publication in PlanPublication.objects.filter(
        team=team, first_day__lte=last, last_day__gte=first
    ):
        day = max(first, publication.first_day)
        while day <= min(last, publication.last_day):
            days.add(day)
            day += datetime.timedelta(days=1)
    return days


def shifts_visible_to(
    *, viewer, first: datetime.date, last: datetime.date
) -> QuerySet[Shift]:
    """Published shifts from ``first`` to ``last`` that ``viewer`` may see: the
    scope rule on each shift's own day. A shift is in the team its person was
    in that day (planning refuses any other), so a lead sees the shifts of the
    teams they lead, a collector their own, a manager everyone's."""
    shifts = (
        Shift.objects.published()
        .between(first, last)
        .select_related("staff", "shift_type", "team")
    )
    if not viewer.is_authenticated or not viewer.is_active:
        return shifts.none()
    if viewer.has_perm(SEE_EVERYONE):
        return shifts
    return shifts.filter(Q(staff__user=viewer) | Q(team__in=teams_led_by(viewer)))


def my_shifts(*, viewer, first: datetime.date, last: datetime.date) -> QuerySet[Shift]:
    """The viewer's own published (and cancelled, to show) shifts."""
    return (
        Shift.objects.exclude(status=Shift.Status.DRAFT)
        .between(first, last)
        .filter(staff__user=viewer)
        .select_related("shift_type", "team")
    )


OPEN_SWAPS = ("offered", "taken")


def swaps_decidable_by(viewer) -> QuerySet[ShiftSwap]:
    """The swaps ``viewer`` decides on (and sees in *Shift swaps*): a
    manager's, every one; a lead's, those of the teams they lead."""
    swaps = ShiftSwap.objects.select_related(
        "shift__team",
        "shift__shift_type",
        "offered_by",
        "taken_by",
        "in_return__staff",
        "in_return__shift_type",
        "decided_by",
    )
    if not viewer.is_authenticated or not viewer.has_perm(PLAN):
        return swaps.none()
    if viewer.has_perm(SEE_EVERYONE):
        return swaps
    return swaps.filter(shift__team__in=teams_led_by(viewer))


def my_calendar(
    *, viewer, first: datetime.date, last: datetime.date
) -> tuple[list[Shift], dict[int, ShiftSwap]]:
    """The viewer's own published and cancelled shifts from ``first`` to
    ``last``, and the open swap of each shift that has one (as the offered
    shift or the shift in return), in two queries."""
    shifts = list(my_shifts(viewer=viewer, first=first, last=last))
    pks = [s.pk for s in shifts]
    swaps: dict[int, ShiftSwap] = {}
    open_swaps = (
        ShiftSwap.objects.filter(status__in=OPEN_SWAPS)
        .filter(Q(shift__in=pks) | Q(in_return__in=pks))
        .select_related("offered_by", "taken_by", "in_return__staff")
    )
    for swap in open_swaps:
        for pk in (swap.shift_id, swap.in_return_id):
            if pk in pks:
                swaps[pk] = swap
    return shifts, swaps


def offers_open_to(*, staff: Staff, now: datetime.datetime) -> QuerySet[ShiftSwap]:
    """Offers ``staff`` may take: offers to a team they are in on the shift's
    day, and direct swaps proposed to them, for shifts still ahead."""
    in_team_that_day = TeamMembership.objects.filter(
        staff=staff,
        team=OuterRef("shift__team"),
        valid_from__lte=OuterRef("shift__day"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("shift__day")))
    return (
        ShiftSwap.objects.filter(status="offered", shift__start__gt=now)
        .exclude(offered_by=staff)
        .filter(
            Q(in_return__isnull=True, shift__status=Shift.Status.PUBLISHED)
            & Exists(in_team_that_day)
            | Q(in_return__staff=staff)
        )
        .select_related(
            "shift__team",
            "shift__shift_type",
            "offered_by",
            "in_return__shift_type",
        )
        .order_by("shift__start")
    )


def swaps_of(*, staff: Staff, limit: int = 30) -> list[ShiftSwap]:
    """The latest swaps ``staff`` offered, took or was asked for."""
    return list(
        ShiftSwap.objects.filter(
            Q(offered_by=staff) | Q(taken_by=staff) | Q(in_return__staff=staff)
        )
        .select_related(
            "shift__shift_type",
            "shift__team",
            "offered_by",
            "taken_by",
            "in_return__shift_type",
            "in_return__staff",
        )
        .order_by("-offered_at", "-pk")[:limit]
    )


def patterns_visible_to(viewer) -> QuerySet[ShiftPattern]:
    """The patterns of the teams ``viewer`` plans."""
    return ShiftPattern.objects.filter(
        team__in=teams_plannable_by(viewer)
    ).select_related("team")


def placements_visible_to(viewer) -> QuerySet[PatternAssignment]:
    """The placements in patterns of the teams ``viewer`` plans."""
    return PatternAssignment.objects.filter(
        pattern__team__in=teams_plannable_by(viewer)
    ).select_related("staff", "pattern__team")


def changes_visible_to(viewer) -> QuerySet[ShiftChange]:
    """The change log of published shifts: every team's for a manager, the
    teams they lead for a lead, nobody else's."""
    return ShiftChange.objects.filter(
        shift__team__in=teams_plannable_by(viewer)
    ).select_related("shift__staff", "shift__team", "changed_by")


def people_placeable_by(viewer, *, on: datetime.date) -> QuerySet[Staff]:
    """The people ``viewer`` may place in a pattern: those in a team they plan
    on ``on`` or later."""
    memberships = TeamMembership.objects.filter(
        team__in=teams_plannable_by(viewer)
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    return Staff.objects.filter(pk__in=memberships.values("staff_id"))


def plan_findings(
    *, team: Team, first_day: datetime.date, last_day: datetime.date
) -> list[Finding]:
    """What the rules say of the team's drafts from ``first_day`` to
    ``last_day`` and of every day between: what publishing would find."""
    drafts = list(
        Shift.objects.filter(team=team, status=Shift.Status.DRAFT).between(
            first_day, last_day
        )
    )
    return check_shifts(
        team=team, shifts=drafts, days=calc.days_between(first_day, last_day)
    )


class GridShiftType(NamedTuple):
    name: str
    code: str
    colour: str


class GridShift(NamedTuple):
    """What the grid reads of a shift. A month of a large team is thousands of
    shifts: read as plain rows, they cost a fraction of a model instance each
    (and another for its type)."""

    pk: int
    team_id: int
    staff_id: int
    shift_type_id: int
    shift_type: GridShiftType
    day: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    break_minutes: int
    status: str


def _grid_shifts(rows) -> list[GridShift]:
    """``GridShift``s from rows of ``GRID_SHIFT_COLUMNS``, one type object for
    all the shifts of a type."""
    types: dict[int, GridShiftType] = {}
    shifts = []
    for pk, team_id, staff_id, type_id, name, code, colour, *times in rows:
        kind = types.get(type_id)
        if kind is None:
            kind = types[type_id] = GridShiftType(name, code, colour)
        shifts.append(GridShift(pk, team_id, staff_id, type_id, kind, *times))
    return shifts


GRID_SHIFT_COLUMNS = (
    "pk",
    "team_id",
    "staff_id",
    "shift_type_id",
    "shift_type__name",
    "shift_type__code",
    "shift_type__colour",
    "day",
    "start",
    "end",
    "break_minutes",
    "status",
)


@dataclass
class PlanCell:
    """One person's day in a team's plan."""

    day: datetime.date
    in_team: bool
    published: bool
    shifts: list[GridShift] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)

    @property
    def off(self) -> bool:
        return self.in_team and not self.shifts and not self.absences


@dataclass
class PlanWeekHours:
    """A person's paid hours in a week (in any team) against the maximum."""

    monday: datetime.date
    hours: float
    maximum: float

    @property
    def over(self) -> bool:
        return self.hours > self.maximum + 1e-9


@dataclass
class PlanRow:
    staff: Staff
    cells: list[PlanCell]
    week_hours: list[PlanWeekHours]


@dataclass
class PlanGrid:
    """A team's plan for a period: people down (everyone in the team on any
    day of it), days across, and each week's paid hours and each day's
    headcount."""

    team: Team
    first_day: datetime.date
    last_day: datetime.date
    days: list[datetime.date]
    published_days: set[datetime.date]
    rows: list[PlanRow]
    headcount: list[int]
    drafts: int
    shift_types: list[ShiftType]

    @property
    def weeks(self) -> list[datetime.date]:
        return sorted({calc.week_start(day) for day in self.days})


def plan_grid(
    *, team: Team, first_day: datetime.date, last_day: datetime.date
) -> PlanGrid:
    """The team's plan from ``first_day`` to ``last_day``, in a fixed number
    of queries however many people the team holds.

    A person's cells are theirs only on the days they are in the team (and
    not past a last working day): that is the scope rule on the date of each
    fact, which a planner of the team passes. Hours count the person's
    standing shifts in any team, Monday to Sunday."""
    days = calc.days_between(first_day, last_day)
    memberships = list(
        TeamMembership.objects.filter(team=team, valid_from__lte=last_day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first_day))
        .select_related("staff")
    )
    people = {m.staff_id: m.staff for m in memberships}
    last_days = dict(
        Resignation.objects.filter(
            staff_id__in=people, withdrawn_on__isnull=True
        ).values_list("staff_id", "last_working_day")
    )
    in_team: dict[int, set[datetime.date]] = defaultdict(set)
    for membership in memberships:
        until = min(
            d
            for d in (
                membership.valid_to,
                last_days.get(membership.staff_id),
                last_day,
            )
            if d is not None
        )
        in_team[membership.staff_id].update(
            calc.days_between(max(first_day, membership.valid_from), until)
        )
    monday = calc.week_start(first_day)
    sunday = calc.week_start(last_day) + datetime.timedelta(days=6)
    shifts = _grid_shifts(
        Shift.objects.standing()
        .filter(staff_id__in=people)
        .between(monday, sunday)
        .order_by("start")
        .values_list(*GRID_SHIFT_COLUMNS)
    )
    published = published_days(team, first_day, last_day)
    away: dict[tuple[int, datetime.date], list[Absence]] = defaultdict(list)
    zone = timezone.get_default_timezone()
    for absence in absences(people, first_day, last_day):
        start = absence.start.astimezone(zone).date()
        # An absence ending at midnight does not take the next day.
        end = (absence.end.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
        for day in calc.days_between(max(start, first_day), min(end, last_day)):
            away[(absence.staff_id, day)].append(absence)
    team_shifts: dict[tuple[int, datetime.date], list[GridShift]] = defaultdict(list)
    for shift in shifts:
        if shift.team_id == team.pk:
            team_shifts[(shift.staff_id, shift.day)].append(shift)
    # Each shift as the rules' plain row, once for the hours and the headcount.
    plans = [planned(s) for s in shifts]
    hours = calc.weekly_paid_hours(plans)
    maximum = float(ShiftRules.load().maximum_weekly_hours)
    weeks = sorted({calc.week_start(day) for day in days})
    staff = sorted(
        people.values(),
        key=lambda s: (s.last_name.casefold(), s.first_name.casefold(), s.pk),
    )
    rows = []
    for person in staff:
        person_id, days_in_team = person.pk, in_team[person.pk]
        cells = [
            PlanCell(
                day=day,
                in_team=day in days_in_team,
                published=day in published,
                shifts=team_shifts.get((person_id, day), []),
                absences=away.get((person_id, day), []),
            )
            for day in days
        ]
        week_hours = [
            PlanWeekHours(w, round(hours.get((person_id, w), 0.0), 2), maximum)
            for w in weeks
        ]
        rows.append(PlanRow(staff=person, cells=cells, week_hours=week_hours))
    team_plans = (
        plan
        for shift, plan in zip(shifts, plans, strict=True)
        if shift.team_id == team.pk
    )
    counts = calc.daily_headcount(team_plans, days)
    return PlanGrid(
        team=team,
        first_day=first_day,
        last_day=last_day,
        days=days,
        published_days=published,
        rows=rows,
        headcount=[counts[day] for day in days],
        drafts=sum(
            1
            for s in shifts
            if s.team_id == team.pk
            and s.status == Shift.Status.DRAFT
            and first_day <= s.day <= last_day
        ),
        shift_types=list(ShiftType.objects.for_team(team)),
    )


def coverage_teams_visible_to(viewer) -> QuerySet[Team]:
    """The teams whose coverage ``viewer`` may see: a manager every team, a
    lead the teams they lead, anyone else none."""
    teams = Team.objects.order_by("name")
    if not viewer.is_authenticated or not viewer.has_perm(SEE_PLANS):
        return teams.none()
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


@dataclass(frozen=True)
class DayCoverage:
    """One day of a team's plan: each 30-minute interval's headcount against
    the team's minimum (``calculations.staffing``)."""

    day: datetime.date
    intervals: list[calc.Interval]

    @property
    def short(self) -> list[calc.Interval]:
        return [interval for interval in self.intervals if interval.short]

    @property
    def short_minutes(self) -> int:
        return 30 * len(self.short)

    @property
    def fewest(self) -> int | None:
        """The lowest headcount of the short intervals."""
        return min((i.headcount for i in self.short), default=None)

    @property
    def by_time(self) -> dict[str, calc.Interval]:
        """The intervals by their local start (``"07:30"``). On a day the
        clocks go back, an hour's wall times come twice: a short one stands
        for both, else an open one, else the fewer people."""
        by_time: dict[str, calc.Interval] = {}
        for interval in self.intervals:
            label = f"{interval.start:%H:%M}"
            kept = by_time.get(label)
            if kept is None or _worse(interval, kept):
                by_time[label] = interval
        return by_time


def _worse(interval: calc.Interval, than: calc.Interval) -> bool:
    def rank(i):
        return (i.short, i.open, -i.headcount)

    return rank(interval) > rank(than)


@dataclass(frozen=True)
class TeamCoverage:
    team: Team
    days: list[DayCoverage]

    @property
    def short_days(self) -> list[DayCoverage]:
        return [day for day in self.days if day.short]

    @property
    def short_minutes(self) -> int:
        return sum(day.short_minutes for day in self.days)


def team_coverage(
    *,
    viewer,
    first: datetime.date,
    last: datetime.date,
    teams: Iterable[Team] | None = None,
) -> list[TeamCoverage]:
    """Headcount per 30-minute interval of each day from ``first`` to ``last``
    for each team the viewer may see (of ``teams``, if given), from its
    standing shifts (drafted and published), against its minimum staffing.
    Two queries, however many teams, people and days."""
    visible = coverage_teams_visible_to(viewer)
    if teams is not None:
        visible = visible.filter(pk__in=[team.pk for team in teams])
    visible = list(visible)
    if not visible:
        return []
    # Last night's shifts reach into the first morning.
    rows = (
        Shift.objects.standing()
        .between(first - datetime.timedelta(days=1), last)
        .filter(team__in=visible)
        .values_list("pk", "team_id", "staff_id", "day", "start", "end")
    )
    by_team_day: dict[tuple[int, datetime.date], list] = defaultdict(list)
    for pk, team_id, staff_id, day, start, end in rows:
        shift = calc.PlannedShift(pk, staff_id, day, start, end)
        # A shift counts on the day it starts and on the next, which it may
        # reach; ``staffing`` reads when the team opens from the day before.
        by_team_day[(team_id, day)].append(shift)
        by_team_day[(team_id, day + datetime.timedelta(days=1))].append(shift)
    zone = timezone.get_default_timezone()
    return [
        TeamCoverage(
            team=team,
            days=[
                DayCoverage(
                    day,
                    calc.staffing(
                        by_team_day[(team.pk, day)],
                        day=day,
                        zone=zone,
                        minimum=team.minimum_staffing,
                    ),
                )
                for day in calc.days_between(first, last)
            ],
        )
        for team in visible
    ]


def coverage_gaps(
    *, viewer, first: datetime.date, last: datetime.date, most: int = 5
) -> list[TeamCoverage]:
    """The teams with a short half hour from ``first`` to ``last``: a lead's
    own teams, by name; for a manager, the ``most`` shortest teams of all,
    the shortest first. Two queries, however many teams and people."""
    if viewer.has_perm(SEE_EVERYONE):
        weeks = team_coverage(viewer=viewer, first=first, last=last)
        short = [week for week in weeks if week.short_minutes]
        return sorted(short, key=lambda week: -week.short_minutes)[:most]
    # Anyone else sees the coverage of the teams they lead.
    weeks = team_coverage(viewer=viewer, first=first, last=last)
    return [week for week in weeks if week.short_minutes]

"""Reads of leave: who may act on whose leave, what a request costs, and the
half hours it would leave a team short."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from deskbook.core.teams import NO_TEAM, run_by_order
from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, staff_visible_to, teams_led_by
from workforce.scheduling.calculations import DAY, Interval, PlannedShift
from workforce.scheduling.hooks import Absence
from workforce.scheduling.models import Shift

from . import calculations as calc
from .models import (
    Allocation,
    Blackout,
    LeaveDay,
    LeaveRequest,
    LeaveType,
    PublicHoliday,
)

DECIDE = "leave.change_leaverequest"


def holiday_dates(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The public holidays and agency days from ``first`` to ``last``."""
    return set(
        PublicHoliday.objects.between(first, last).values_list("date", flat=True)
    )


def memberships_during(
    staff: Staff, first: datetime.date, last: datetime.date
) -> QuerySet[TeamMembership]:
    """The person's time in teams that overlaps ``first`` to ``last``."""
    return (
        TeamMembership.objects.filter(staff=staff, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("team")
    )


def is_manager(viewer) -> bool:
    return viewer.is_authenticated and viewer.has_perm(SEE_EVERYONE)


def may_decide_for(
    *, viewer, staff: Staff, first: datetime.date, last: datetime.date
) -> bool:
    """A manager decides anyone's leave; a lead, the leave of someone in a
    team they lead on a day of it (a person who moves team mid-request has
    both teams' leads). Nobody decides their own."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if not viewer.has_perm(DECIDE) or staff.user_id == viewer.pk:
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return (
        memberships_during(staff, first, last)
        .filter(team__in=teams_led_by(viewer))
        .exists()
    )


def may_decide(*, viewer, request: LeaveRequest) -> bool:
    return may_decide_for(
        viewer=viewer,
        staff=request.staff,
        first=request.first_day,
        last=request.last_day,
    )


def may_ask_for(
    *, viewer, staff: Staff, first: datetime.date, last: datetime.date
) -> bool:
    """A person asks for their own leave; whoever decides it may ask on
    their behalf (a lead recording a sick day)."""
    if viewer.is_authenticated and viewer.is_active and staff.user_id == viewer.pk:
        return True
    return may_decide_for(viewer=viewer, staff=staff, first=first, last=last)


def may_see_certificate(*, viewer, request: LeaveRequest) -> bool:
    """A request's document is the person's, and theirs who decide it: the
    leads of the person's team on those days (and whoever decided it), and
    managers."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if request.staff.user_id == viewer.pk or request.decided_by_id == viewer.pk:
        return True
    return is_manager(viewer) or may_decide(viewer=viewer, request=request)


def plan_days(
    staff: Staff, first: datetime.date, last: datetime.date
) -> tuple[set[datetime.date], set[datetime.date]]:
    """The days from ``first`` to ``last`` the person has a standing shift
    (drafted or published), and the days their team that day has a plan
    (any standing shift). Two queries."""
    shift_days = set(
        Shift.objects.standing()
        .filter(staff=staff)
        .between(first, last)
        .values_list("day", flat=True)
    )
    in_team = Q()
    for membership in memberships_during(staff, first, last):
        in_team |= Q(
            team_id=membership.team_id,
            day__gte=max(first, membership.valid_from),
            day__lte=min(last, membership.valid_to or last),
        )
    planned = (
        set(
            Shift.objects.standing()
            .filter(in_team)
            .values_list("day", flat=True)
            .distinct()
        )
        if in_team
        else set()
    )
    return shift_days, planned


def request_day_costs(
    *,
    staff: Staff,
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = calc.WHOLE,
    last_day_part: str = calc.WHOLE,
) -> list[calc.DayCost]:
    """Every day of a request and what it would cost the person: their plan,
    or Monday–Friday where there is none; never a public holiday (named).
    Three queries."""
    shift_days, planned = plan_days(staff, first_day, last_day)
    holidays = dict(
        PublicHoliday.objects.between(first_day, last_day)
        # A public holiday's name over an agency day's on the same date.
        .order_by("date", "source")
        .values_list("date", "name")
    )
    return calc.day_costs(
        first_day,
        last_day,
        first_day_part,
        last_day_part,
        shift_days=shift_days,
        planned_days=planned,
        holidays=holidays,
    )


def request_costs(
    *,
    staff: Staff,
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = calc.WHOLE,
    last_day_part: str = calc.WHOLE,
) -> dict[datetime.date, Decimal]:
    """What each day of a request costs (``request_day_costs``), the days
    costing nothing left out."""
    days = request_day_costs(
        staff=staff,
        first_day=first_day,
        last_day=last_day,
        first_day_part=first_day_part,
        last_day_part=last_day_part,
    )
    return {day.day: day.cost for day in days if day.cost}


def allocation_balances(allocations: Iterable[Allocation]) -> dict[int, calc.Balance]:
    """Each allocation (by id) with the days standing against it split at its
    carry-over expiry, from the charges of pending and approved requests. One
    query, however many allocations."""
    allocations = list(allocations)
    standing = Q(
        charges__request__status__in=[
            LeaveRequest.Status.PENDING,
            LeaveRequest.Status.APPROVED,
        ]
    )
    used = (
        Allocation.objects.filter(pk__in=[a.pk for a in allocations])
        .annotate(
            days=Sum("charges__days", filter=standing),
            by_expiry=Sum("charges__days_by_expiry", filter=standing),
        )
        .values_list("pk", "days", "by_expiry")
    )
    sums = {pk: (days or calc.ZERO, by or calc.ZERO) for pk, days, by in used}
    return {
        a.pk: calc.Balance(
            a.granted,
            a.carried_over,
            a.carry_over_expires,
            used_by_expiry=sums[a.pk][1],
            used_after_expiry=sums[a.pk][0] - sums[a.pk][1],
        )
        for a in allocations
    }


def allocation_balance(allocation: Allocation) -> calc.Balance:
    """One allocation's balance (``allocation_balances``)."""
    return allocation_balances([allocation])[allocation.pk]


@dataclass(frozen=True)
class ShortDay:
    """A day of a team's plan with the half hours a request leaves under
    the team's minimum."""

    team: Team
    day: datetime.date
    intervals: list[Interval]

    def describe(self) -> str:
        first = self.intervals[0]
        fewest = min(interval.headcount for interval in self.intervals)
        return (
            f"{self.team.name}, {self.day:%a %d %b}: under the minimum of "
            f"{self.team.minimum_staffing} for {30 * len(self.intervals)} minutes "
            f"from {first.start:%H:%M} (as few as {fewest})"
        )


def staffing_impact(request: LeaveRequest) -> list[ShortDay]:
    """The days of the teams' plans where the person's leave would take a
    team under its minimum: their standing shifts on its days lose the part
    taken off (a whole day, or half of the shift). Three queries."""
    return staffing_impacts([request])[request.pk]


def staffing_impacts(requests: Iterable[LeaveRequest]) -> dict[int, list[ShortDay]]:
    """``staffing_impact`` of each request (by id), each judged on its own
    against the plan as it stands. Three queries, however many requests."""
    requests = list(requests)
    found: dict[int, list[ShortDay]] = {request.pk: [] for request in requests}
    if not requests:
        return found
    own_shifts = Q()
    for request in requests:
        own_shifts |= Q(
            staff_id=request.staff_id,
            day__gte=request.first_day,
            day__lte=request.last_day,
        )
    own = defaultdict(list)  # request id -> [(shift id, team id, day)]
    for pk, team_id, staff_id, day in (
        Shift.objects.standing()
        .filter(own_shifts)
        .values_list("pk", "team_id", "staff_id", "day")
    ):
        for request in requests:
            if request.staff_id == staff_id and (
                request.first_day <= day <= request.last_day
            ):
                own[request.pk].append((pk, team_id, day))
    if not own:
        return found
    teams = Team.objects.in_bulk(
        {team_id for rows in own.values() for _, team_id, _ in rows}
    )
    around = Q()
    for request in requests:
        for team_id in {team_id for _, team_id, _ in own[request.pk]}:
            around |= Q(
                team_id=team_id,
                day__gte=request.first_day - DAY,
                day__lte=request.last_day,
            )
    team_shifts: dict[int, list[PlannedShift]] = defaultdict(list)
    for pk, team_id, staff_id, day, start, end in (
        Shift.objects.standing()
        .filter(around)
        .values_list("pk", "team_id", "staff_id", "day", "start", "end")
    ):
        team_shifts[team_id].append(PlannedShift(pk, staff_id, day, start, end))
    zone = timezone.get_default_timezone()
    for request in requests:
        if not own[request.pk]:
            continue
        fractions = calc.day_fractions(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
        )
        leave = {pk: fractions[day][1] for pk, _, day in own[request.pk]}
        # A night shift on the last day reaches into the next.
        days = calc.days_between(request.first_day, request.last_day + DAY)
        mine = {team_id for _, team_id, _ in own[request.pk]}
        for team in sorted((teams[t] for t in mine), key=lambda team: team.name):
            shifts = [
                shift
                for shift in team_shifts[team.pk]
                if request.first_day - DAY <= shift.day <= request.last_day
            ]
            short = calc.short_days_without(
                shifts,
                leave=leave,
                days=days,
                zone=zone,
                minimum=team.minimum_staffing,
            )
            found[request.pk] += [
                ShortDay(team, day, intervals) for day, intervals in short.items()
            ]
    return found


def plan_absences(
    staff_ids: Iterable[int], first_day: datetime.date, last_day: datetime.date
) -> list[Absence]:
    """Leave's answer to ``scheduling_absences``: the pending and approved
    leave of these people touching ``first_day`` to ``last_day``. Approved
    whole days refuse the shifts starting on them; half days (the rest of
    the shift is worked) and pending leave are shown only. One query."""
    staff_ids = list(staff_ids)
    requests = list(
        LeaveRequest.objects.standing()
        .filter(staff_id__in=staff_ids)
        .overlapping(first_day, last_day)
        .select_related("leave_type")
    )
    if not requests:
        return []
    zone = timezone.get_default_timezone()
    found = []
    for request in requests:
        approved = request.status == LeaveRequest.Status.APPROVED
        label = request.leave_type.name + ("" if approved else " (pending)")
        spans = calc.absence_spans(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
            zone=zone,
        )
        found += [
            Absence(
                staff_id=request.staff_id,
                start=span.start,
                end=span.end,
                kind="leave",
                label=label if span.whole else f"{label}, half day",
                refuses=approved and span.whole,
                by_day=span.whole,
            )
            for span in spans
        ]
    return found


def requests_visible_to(viewer) -> QuerySet[LeaveRequest]:
    """The leave requests in *Workforce → Leave → Requests*: every one for a
    manager; for a lead, those of people in a team they lead on some day of
    the request; nobody else's."""
    requests = LeaveRequest.objects.select_related("staff", "leave_type", "decided_by")
    if not viewer.is_authenticated or not viewer.has_perm("leave.view_leaverequest"):
        return requests.none()
    if viewer.has_perm(SEE_EVERYONE):
        return requests
    in_led_team = TeamMembership.objects.filter(
        staff=OuterRef("staff"),
        team__in=teams_led_by(viewer),
        valid_from__lte=OuterRef("last_day"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("first_day")))
    return requests.filter(Exists(in_led_team))


def allocations_visible_to(viewer, *, on: datetime.date) -> QuerySet[Allocation]:
    """Allocations of the people ``viewer`` may see on ``on`` (the scope
    rule): everyone's for a manager, a lead's teams' for a lead."""
    allocations = Allocation.objects.select_related("staff", "leave_type")
    if not viewer.is_authenticated or not viewer.has_perm("leave.view_allocation"):
        return allocations.none()
    return allocations.filter(staff__in=staff_visible_to(viewer=viewer, on=on))


# --- the person's own leave --------------------------------------------------


@dataclass(frozen=True)
class BalanceLine:
    """One allocation as its person reads it: the counters, and the days
    available for leave on a date (carried-over days only up to their expiry)."""

    allocation: Allocation
    available: Decimal
    carry_over_lapsed: bool


def my_balances(*, viewer, year: int, on: datetime.date) -> list[BalanceLine]:
    """The signed-in person's allocations of ``year``, a line a type, with
    what is available for leave dated ``on``. Two queries."""
    allocations = list(
        Allocation.objects.filter(staff__user_id=viewer.pk, year=year)
        .select_related("leave_type")
        .order_by("leave_type__name")
    )
    balances = allocation_balances(allocations)
    return [
        BalanceLine(
            allocation,
            calc.available(balances[allocation.pk], on=on),
            bool(
                allocation.carried_over
                and allocation.carry_over_expires
                and allocation.carry_over_expires < on
            ),
        )
        for allocation in allocations
    ]


def my_requests(*, viewer) -> QuerySet[LeaveRequest]:
    """The signed-in person's requests, the latest leave first."""
    return LeaveRequest.objects.filter(staff__user_id=viewer.pk).select_related(
        "leave_type", "decided_by", "cancelled_by"
    )


def next_approved_leave(*, viewer, today: datetime.date) -> LeaveRequest | None:
    """The signed-in person's approved leave that has not ended, the soonest."""
    return (
        LeaveRequest.objects.approved()
        .filter(staff__user_id=viewer.pk, last_day__gte=today)
        .select_related("leave_type")
        .order_by("first_day")
        .first()
    )


# --- deciding ----------------------------------------------------------------


def decides_leave(viewer) -> bool:
    """Whether ``viewer`` decides anyone's leave: a manager, or a lead of a
    team (who decides that team's)."""
    if not viewer.is_authenticated or not viewer.is_active:
        return False
    if not viewer.has_perm(DECIDE):
        return False
    return viewer.has_perm(SEE_EVERYONE) or teams_led_by(viewer).exists()


def requests_to_decide(*, viewer) -> QuerySet[LeaveRequest]:
    """The pending requests ``viewer`` decides: a manager's, everyone's; a
    lead's, those of people in a team they lead on a day of the request;
    never their own. The soonest leave first."""
    if not decides_leave(viewer):
        return LeaveRequest.objects.none()
    return (
        requests_visible_to(viewer)
        .filter(status=LeaveRequest.Status.PENDING)
        .exclude(staff__user_id=viewer.pk)
        .order_by("first_day", "pk")
    )


def teams_during(requests: Iterable[LeaveRequest]) -> dict[int, list[Team]]:
    """The teams each request's person is in on a day of it (by request id),
    by name. One query, however many requests."""
    requests = list(requests)
    memberships = TeamMembership.objects.filter(
        staff_id__in={request.staff_id for request in requests}
    ).select_related("team")
    by_staff = defaultdict(list)
    for membership in memberships:
        by_staff[membership.staff_id].append(membership)
    return {
        request.pk: sorted(
            {
                m.team
                for m in by_staff[request.staff_id]
                if m.valid_from <= request.last_day
                and (m.valid_to is None or m.valid_to >= request.first_day)
            },
            key=lambda team: team.name,
        )
        for request in requests
    }


# --- the team calendar -------------------------------------------------------


def calendar_teams(viewer) -> QuerySet[Team]:
    """The teams whose leave calendar ``viewer`` sees: a manager's, every
    team; a lead's, the teams they lead; nobody else's."""
    if not decides_leave(viewer):
        return Team.objects.none()
    teams = Team.objects.select_related("partner").order_by("name")
    if viewer.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(viewer).values("pk"))


@dataclass(frozen=True)
class LeaveCell:
    """A person's day on the calendar: outside the team that day, or the
    leave (approved or pending) they have on it, if any."""

    day: datetime.date
    in_team: bool
    request: LeaveRequest | None = None
    part: str = calc.WHOLE


@dataclass(frozen=True)
class LeaveRow:
    staff: Staff
    cells: list[LeaveCell]


@dataclass(frozen=True)
class TeamLeaveMonth:
    team: Team
    days: list[datetime.date]
    holidays: dict[datetime.date, str]
    blackouts: dict[datetime.date, str]
    rows: list[LeaveRow]


def team_leave_month(
    *, team: Team, first: datetime.date, last: datetime.date
) -> TeamLeaveMonth:
    """Who in ``team`` is off when from ``first`` to ``last``: a row for each
    person in the team on any of the days, their pending and approved leave
    on the days they are in it, with the public holidays and the team's
    blackouts. Four queries, however many people. The caller checks that
    the viewer may see the team (``calendar_teams``)."""
    days = calc.days_between(first, last)
    in_team: dict[int, set[datetime.date]] = defaultdict(set)
    people: dict[int, Staff] = {}
    for membership in (
        TeamMembership.objects.filter(team=team, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .select_related("staff")
    ):
        people[membership.staff_id] = membership.staff
        until = membership.valid_to or last
        in_team[membership.staff_id].update(
            day for day in days if membership.valid_from <= day <= until
        )
    leave: dict[tuple[int, datetime.date], tuple[LeaveRequest, str]] = {}
    for request in (
        LeaveRequest.objects.standing()
        .filter(staff_id__in=people)
        .overlapping(first, last)
        .select_related("leave_type")
    ):
        fractions = calc.day_fractions(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
        )
        for day, (_, part) in fractions.items():
            leave[request.staff_id, day] = (request, part)
    holidays: dict[datetime.date, str] = {}
    for day, name in PublicHoliday.objects.between(first, last).values_list(
        "date", "name"
    ):
        holidays[day] = f"{holidays[day]}; {name}" if day in holidays else name
    blackouts: dict[datetime.date, str] = {}
    for blackout in Blackout.objects.filter(
        team=team, first_day__lte=last, last_day__gte=first
    ):
        for day in calc.days_between(
            max(first, blackout.first_day), min(last, blackout.last_day)
        ):
            blackouts[day] = blackout.reason
    rows = []
    for staff in sorted(people.values(), key=lambda s: (s.last_name, s.first_name)):
        cells = []
        for day in days:
            request, part = leave.get((staff.pk, day), (None, calc.WHOLE))
            if day not in in_team[staff.pk]:
                request = None
            cells.append(LeaveCell(day, day in in_team[staff.pk], request, part))
        rows.append(LeaveRow(staff, cells))
    return TeamLeaveMonth(team, days, holidays, blackouts, rows)


# --- the leave report --------------------------------------------------------

IN_HOUSE = "in-house"  # the report's filter for teams no partner runs


@dataclass(frozen=True)
class TakenLine:
    """Days of approved leave of one type in one group (a team, or who runs
    the teams) in each month of a year."""

    group: str
    run_by: str
    leave_type: LeaveType
    months: list[Decimal]


def leave_taken(
    *,
    year: int,
    by_run_by: bool = False,
    team: Team | None = None,
    partner: str = "",
    leave_type: LeaveType | None = None,
) -> list[TakenLine]:
    """Days of approved leave a month of ``year``, by team (or by who runs the
    team: in-house or a partner agency) and type, each day counted in the
    team the person was in that day. ``partner`` is ``IN_HOUSE`` or a
    partner agency's id. Three queries, however many people: the sums are
    made by the database."""
    team_that_day = (
        TeamMembership.objects.filter(
            staff_id=OuterRef("request__staff_id"), valid_from__lte=OuterRef("day")
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("day")))
        .values("team_id")[:1]
    )
    days = (
        LeaveDay.objects.approved()
        .filter(
            day__gte=datetime.date(year, 1, 1), day__lte=datetime.date(year, 12, 31)
        )
        .annotate(team_on_day=Subquery(team_that_day), month=ExtractMonth("day"))
    )
    if leave_type is not None:
        days = days.filter(request__leave_type=leave_type)
    if team is not None:
        days = days.filter(team_on_day=team.pk)
    if partner == IN_HOUSE:
        days = days.filter(team_on_day__in=Team.objects.filter(partner__isnull=True))
    elif partner:
        days = days.filter(team_on_day__in=Team.objects.filter(partner_id=partner))
    sums = list(
        days.values("team_on_day", "request__leave_type_id", "month")
        .annotate(total=Sum("days"))
        .order_by()
    )
    teams = Team.objects.select_related("partner").in_bulk(
        {row["team_on_day"] for row in sums if row["team_on_day"]}
    )
    types = LeaveType.objects.in_bulk({row["request__leave_type_id"] for row in sums})
    lines: dict[tuple, list[Decimal]] = {}
    run_by_of: dict[str, str] = {}
    for row in sums:
        found = teams.get(row["team_on_day"])
        run_by = found.run_by if found else NO_TEAM
        group = run_by if by_run_by else (found.name if found else NO_TEAM)
        run_by_of[group] = run_by
        months = lines.setdefault(
            (group, row["request__leave_type_id"]), [calc.ZERO] * 12
        )
        months[row["month"] - 1] += row["total"]

    def place(key) -> tuple:
        group, type_id = key
        # Teams by name, people in no team last; who runs them, in-house first.
        first = run_by_order(group) if by_run_by else (group == NO_TEAM, group)
        return first, types[type_id].name

    return [
        TakenLine(group, run_by_of[group], types[type_id], months)
        for (group, type_id), months in sorted(
            lines.items(), key=lambda item: place(item[0])
        )
    ]

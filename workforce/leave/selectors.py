"""Reads of leave: who may act on whose leave, what a request costs, and the
half hours it would leave a team short."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from workforce.people.models import Staff, Team, TeamMembership
from workforce.people.selectors import SEE_EVERYONE, staff_visible_to, teams_led_by
from workforce.scheduling.calculations import DAY, Interval, PlannedShift
from workforce.scheduling.hooks import Absence
from workforce.scheduling.models import Shift

from . import calculations as calc
from .models import Allocation, LeaveRequest, PublicHoliday

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


def request_costs(
    *,
    staff: Staff,
    first_day: datetime.date,
    last_day: datetime.date,
    first_day_part: str = calc.WHOLE,
    last_day_part: str = calc.WHOLE,
) -> dict[datetime.date, Decimal]:
    """What each day of a request would cost the person (the days costing
    nothing left out): their plan, or Monday–Friday where there is none;
    never a public holiday."""
    shift_days, planned = plan_days(staff, first_day, last_day)
    return calc.cost_by_day(
        first_day,
        last_day,
        first_day_part,
        last_day_part,
        shift_days=shift_days,
        planned_days=planned,
        holidays=holiday_dates(first_day, last_day),
    )


def allocation_balance(allocation: Allocation) -> calc.Balance:
    """The allocation with the days standing against it split at its
    carry-over expiry (from the charges of pending and approved requests)."""
    standing = allocation.charges.filter(
        request__status__in=[LeaveRequest.Status.PENDING, LeaveRequest.Status.APPROVED]
    ).aggregate(days=Sum("days"), by_expiry=Sum("days_by_expiry"))
    days = standing["days"] or calc.ZERO
    by_expiry = standing["by_expiry"] or calc.ZERO
    return calc.Balance(
        allocation.granted,
        allocation.carried_over,
        allocation.carry_over_expires,
        used_by_expiry=by_expiry,
        used_after_expiry=days - by_expiry,
    )


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
    fractions = calc.day_fractions(
        request.first_day,
        request.last_day,
        request.first_day_part,
        request.last_day_part,
    )
    own = list(
        Shift.objects.standing()
        .filter(staff=request.staff)
        .between(request.first_day, request.last_day)
        .values_list("pk", "team_id", "day")
    )
    if not own:
        return []
    leave = {pk: fractions[day][1] for pk, _, day in own}
    teams = Team.objects.in_bulk({team_id for _, team_id, _ in own})
    by_team: dict[int, list[PlannedShift]] = defaultdict(list)
    for pk, team_id, staff_id, day, start, end in (
        Shift.objects.standing()
        .filter(team__in=teams)
        .between(request.first_day - DAY, request.last_day)
        .values_list("pk", "team_id", "staff_id", "day", "start", "end")
    ):
        by_team[team_id].append(PlannedShift(pk, staff_id, day, start, end))
    zone = timezone.get_default_timezone()
    # A night shift on the last day reaches into the next.
    days = calc.days_between(request.first_day, request.last_day + DAY)
    found = []
    for team_id, team in sorted(teams.items(), key=lambda item: item[1].name):
        short = calc.short_days_without(
            by_team[team_id],
            leave=leave,
            days=days,
            zone=zone,
            minimum=team.minimum_staffing,
        )
        found += [ShortDay(team, day, intervals) for day, intervals in short.items()]
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

"""Drafting a team's plan: from its people's patterns, as a copy of the week
before, or clearing the drafts of a period."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Resignation, Team, TeamMembership

from .. import calculations as calc
from ..models import PatternAssignment, Shift, ShiftType
from ..selectors import published_days
from .common import locked_team, require_planner, shift_build


def plan_apply_patterns(
    *, team: Team, first_day: datetime.date, last_day: datetime.date, by
) -> int:
    """Draft the team's shifts from its people's patterns for the days of the
    period not yet published, replacing the drafts there. Only the days a
    person is in the team and before any last working day get shifts.
    Returns the number of shifts drafted."""
    require_planner(by, team)
    with transaction.atomic():
        team = locked_team(team)
        open_days = set(calc.days_between(first_day, last_day)) - published_days(
            team, first_day, last_day
        )
        assignments = list(
            PatternAssignment.objects.filter(
                pattern__team=team, starts_on__lte=last_day
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first_day))
            .select_related("pattern")
            .prefetch_related("pattern__days")
        )
        staff_ids = {a.staff_id for a in assignments}
        in_team = _team_days(team, staff_ids, first_day, last_day)
        types = {t.pk: t for t in ShiftType.objects.all()}
        zone = timezone.get_default_timezone()
        # Every shift of one type on one day has the same times: work them
        # out once, not once a person.
        bounds: dict[tuple, tuple] = {}
        drafts = []
        for assignment in assignments:
            pairs = calc.expand_rotation(
                assignment.pattern.cells(),
                anchor=assignment.starts_on,
                offset_days=assignment.rotation_offset_days,
                first=max(first_day, assignment.starts_on),
                last=min(last_day, assignment.ends_on or last_day),
            )
            for day, type_id in pairs:
                if day not in open_days or day not in in_team[assignment.staff_id]:
                    continue
                kind = types[type_id]
                if (day, type_id) not in bounds:
                    bounds[(day, type_id)] = calc.shift_bounds(
                        day, kind.starts_at, kind.ends_at, zone
                    )
                start, end = bounds[(day, type_id)]
                drafts.append(
                    Shift(
                        team_id=team.pk,
                        staff_id=assignment.staff_id,
                        shift_type_id=type_id,
                        day=day,
                        start=start,
                        end=end,
                        break_minutes=kind.unpaid_break_minutes,
                    )
                )
        Shift.objects.filter(
            team=team, status=Shift.Status.DRAFT, day__in=open_days
        ).filter(staff_id__in=staff_ids).delete()
        Shift.objects.bulk_create(drafts, batch_size=1000)
    return len(drafts)


def plan_copy_week(*, team: Team, week_of: datetime.date, by) -> int:
    """Draft the week holding ``week_of`` as a copy of the week before: each
    standing shift of the team moves on seven days, on the week's days not yet
    published, replacing the drafts there. Only the days a person is in the
    team (and before any last working day) get shifts; inactive shift types
    are left out. Returns the number of shifts drafted."""
    require_planner(by, team)
    monday = calc.week_start(week_of)
    sunday = monday + datetime.timedelta(days=6)
    week = datetime.timedelta(days=7)
    with transaction.atomic():
        team = locked_team(team)
        open_days = set(calc.days_between(monday, sunday)) - published_days(
            team, monday, sunday
        )
        source = list(
            Shift.objects.standing()
            .filter(team=team, shift_type__active=True)
            .between(monday - week, sunday - week)
            .select_related("shift_type", "staff")
        )
        in_team = _team_days(team, {s.staff_id for s in source}, monday, sunday)
        drafts = [
            shift_build(
                team=team,
                staff=shift.staff,
                shift_type=shift.shift_type,
                day=shift.day + week,
            )
            for shift in source
            if shift.day + week in open_days
            and shift.day + week in in_team[shift.staff_id]
        ]
        Shift.objects.filter(
            team=team, status=Shift.Status.DRAFT, day__in=open_days
        ).delete()
        Shift.objects.bulk_create(drafts, batch_size=1000)
    return len(drafts)


def plan_clear(
    *, team: Team, first_day: datetime.date, last_day: datetime.date, by
) -> int:
    """Delete the team's drafted shifts from ``first_day`` to ``last_day``;
    published shifts stay. Returns the number deleted."""
    require_planner(by, team)
    with transaction.atomic():
        team = locked_team(team)
        deleted, _ = (
            Shift.objects.filter(team=team, status=Shift.Status.DRAFT)
            .between(first_day, last_day)
            .delete()
        )
    return deleted


def _team_days(team, staff_ids, first_day, last_day) -> dict[int, set]:
    """For each person, the days from ``first_day`` to ``last_day`` they are
    in ``team`` and not past a last working day."""
    days: dict[int, set] = {pk: set() for pk in staff_ids}
    last_days = dict(
        Resignation.objects.filter(
            staff_id__in=staff_ids, withdrawn_on__isnull=True
        ).values_list("staff_id", "last_working_day")
    )
    for membership in TeamMembership.objects.filter(
        team=team, staff_id__in=staff_ids, valid_from__lte=last_day
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first_day)):
        until = min(
            d
            for d in (membership.valid_to, last_days.get(membership.staff_id), last_day)
            if d is not None
        )
        days[membership.staff_id].update(
            calc.days_between(max(first_day, membership.valid_from), until)
        )
    return days

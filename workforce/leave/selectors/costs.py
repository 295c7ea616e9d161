"""What a request costs: the days the person is scheduled to work, public
holidays left out."""

import datetime
from decimal import Decimal

from django.db.models import Q

from workforce.people.models import Staff
from workforce.scheduling.models import Shift

from .. import calculations as calc
from ..models import (
    PublicHoliday,
)
from .access import memberships_during


def holiday_dates(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """The public holidays and agency days from ``first`` to ``last``."""
    return set(
        PublicHoliday.objects.between(first, last).values_list("date", flat=True)
    )


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

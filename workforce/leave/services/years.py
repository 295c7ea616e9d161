"""Opening a leave year: next year's allocations, with the unused days
carried over, and the year's public holidays."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from workforce.people.models import Staff

from .. import calculations as calc
from ..models import Allocation, LeaveSettings, PublicHoliday
from ..selectors import allocation_balances
from .holidays import public_holidays_fill


@dataclass(frozen=True)
class OpenedYear:
    year: int
    opened: int  # allocations created
    carried: int  # allocations given carried-over days
    holidays: int  # public holidays filled (0 when the year had them)

    def __str__(self):
        return (
            f"{self.year}: {self.opened} allocation(s) opened, {self.carried} with "
            f"days carried over, {self.holidays} public holiday(s) filled"
        )


def allocation_open_year(*, year: int) -> OpenedYear:
    """Give everyone still employed an allocation for ``year`` of each type
    they had last year with a balance: the same days granted, and, for the
    types that carry over, last year's unused granted days up to the cap of
    *Leave settings*, usable until its expiry day. Days still pending count as
    used. An allocation already there (imported, say) keeps its grant and
    gets the carried-over days if it has none. Fills the year's public
    holidays if it has none. Running it again changes nothing."""
    settings = LeaveSettings.load()
    expiry = settings.carry_over_expiry(year)
    with transaction.atomic():
        previous = list(
            Allocation.objects.select_for_update(of=("self",))
            .filter(year=year - 1, leave_type__needs_balance=True)
            .select_related("leave_type")
            .exclude(staff__status=Staff.Status.LEFT)
        )
        balances = allocation_balances(previous)
        existing = {
            (a.staff_id, a.leave_type_id): a
            for a in Allocation.objects.select_for_update().filter(year=year)
        }
        opened, carried = [], []
        for last in previous:
            carry = (
                calc.carry_over(balances[last.pk], cap=settings.carry_over_cap_days)
                if last.leave_type.carries_over
                else Decimal(0)
            )
            current = existing.get((last.staff_id, last.leave_type_id))
            if current is None:
                opened.append(
                    Allocation(
                        staff_id=last.staff_id,
                        leave_type_id=last.leave_type_id,
                        year=year,
                        granted=last.granted,
                        carried_over=carry,
                        carry_over_expires=expiry if carry else None,
                    )
                )
            elif carry and not current.carried_over and not current.carry_over_expires:
                current.carried_over, current.carry_over_expires = carry, expiry
                carried.append(current)
        Allocation.objects.bulk_create(opened, batch_size=1000)
        Allocation.objects.bulk_update(
            carried, ["carried_over", "carry_over_expires"], batch_size=1000
        )
        has_holidays = PublicHoliday.objects.filter(
            source=PublicHoliday.Source.PUBLIC,
            date__gte=datetime.date(year, 1, 1),
            date__lte=datetime.date(year, 12, 31),
        ).exists()
        filled = 0 if has_holidays else public_holidays_fill(year=year)
    return OpenedYear(
        year,
        len(opened),
        len(carried) + sum(1 for a in opened if a.carried_over),
        filled,
    )

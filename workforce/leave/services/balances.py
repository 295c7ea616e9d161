"""The counters of an allocation, moved only under a lock on its row."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F

from .. import calculations as calc
from ..models import Allocation, LeaveCharge, LeaveRequest
from ..selectors import allocation_balance


def locked_allocations(*, staff, leave_type, years: Iterable[int]) -> dict:
    """The person's allocations of ``leave_type`` for ``years``, locked until
    the transaction ends; a missing year is refused. Locked in id order, so
    two writers never wait on each other crosswise."""
    years = sorted(set(years))
    found = {
        allocation.year: allocation
        for allocation in Allocation.objects.select_for_update()
        .filter(staff=staff, leave_type=leave_type, year__in=years)
        .order_by("pk")
    }
    missing = [str(year) for year in years if year not in found]
    if missing:
        raise ValidationError(
            f"{staff.full_name} has no {leave_type.name.lower()} allocation "
            f"for {', '.join(missing)}."
        )
    return found


def charge(
    request: LeaveRequest, costs: Mapping[datetime.date, Decimal], allocations: dict
) -> None:
    """Check that each year's days fit its allocation, then charge them as
    pending. ``allocations`` must be locked (``locked_allocations``)."""
    for year, allocation in sorted(allocations.items()):
        own = {day: days for day, days in costs.items() if day.year == year}
        by_expiry = calc.cost_until(own, allocation.carry_over_expires)
        after_expiry = calc.total(own) - by_expiry
        balance = allocation_balance(allocation)
        if not calc.balance_allows(
            balance, by_expiry=by_expiry, after_expiry=after_expiry
        ):
            on = max(own)
            raise ValidationError(
                f"Not enough {request.leave_type.name.lower()} left in {year}: "
                f"{calc.days_text(calc.total(own))} day(s) asked, "
                f"{calc.days_text(calc.available(balance, on=on))} available "
                f"for leave on {on:%d %b %Y}."
            )
        LeaveCharge.objects.create(
            request=request,
            allocation=allocation,
            days=calc.total(own),
            days_by_expiry=by_expiry,
        )
        Allocation.objects.filter(pk=allocation.pk).update(
            pending=F("pending") + calc.total(own)
        )


def move(request: LeaveRequest, *, pending: int, taken: int) -> None:
    """Move the request's charged days between the counters of its
    allocations: ``pending=-1, taken=1`` on approval, ``pending=-1`` on
    rejection or withdrawal, ``taken=-1`` when approved leave is cancelled.
    The allocations are locked first; the CHECK constraints refuse any
    result below zero or above what is granted."""
    charges = list(request.charges.all())
    # Evaluated for its lock: the rows stay locked until the commit.
    list(
        Allocation.objects.select_for_update()
        .filter(pk__in=[item.allocation_id for item in charges])
        .order_by("pk")
    )
    for item in charges:
        Allocation.objects.filter(pk=item.allocation_id).update(
            pending=F("pending") + pending * item.days,
            taken=F("taken") + taken * item.days,
        )

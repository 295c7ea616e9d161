"""The counters of an allocation, moved only under a lock on its row."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F

from .. import calculations as calc
from ..models import Allocation, LeaveCharge, LeaveRequest
from ..selectors import allocation_balance


def allocations_for(
    *, staff, leave_type, years: Iterable[int], lock: bool = True
) -> dict:
    """The person's allocations of ``leave_type`` for ``years``, by year; a
    missing year is refused. Locked until the transaction ends unless
    ``lock`` is false (a check that writes nothing). Locked in id order, so
    two writers never wait on each other crosswise."""
    years = sorted(set(years))
    allocations = Allocation.objects.all()
    if lock:
        allocations = allocations.select_for_update()
    found = {
        allocation.year: allocation
        for allocation in allocations.filter(
            staff=staff, leave_type=leave_type, year__in=years
        ).order_by("pk")
    }
    missing = [str(year) for year in years if year not in found]
    if missing:
        raise ValidationError(
            f"{staff.full_name} has no {leave_type.name.lower()} allocation "
            f"for {', '.join(missing)}."
        )
    return found


def locked_allocations(*, staff, leave_type, years: Iterable[int]) -> dict:
    """``allocations_for``, locked until the transaction ends."""
    return allocations_for(staff=staff, leave_type=leave_type, years=years)


def refuse_beyond_balance(
    leave_type, costs: Mapping[datetime.date, Decimal], allocations: dict
) -> dict[int, tuple[Decimal, Decimal]]:
    """Refuse days that do not fit each year's allocation; else each year's
    days and the part of them dated by the carry-over expiry."""
    charged = {}
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
                f"Not enough {leave_type.name.lower()} left in {year}: "
                f"{calc.days_phrase(calc.total(own))} asked, "
                f"{calc.days_text(calc.available(balance, on=on))} available "
                f"for leave on {on:%d %b %Y}."
            )
        charged[year] = (calc.total(own), by_expiry)
    return charged


def charge(
    request: LeaveRequest, costs: Mapping[datetime.date, Decimal], allocations: dict
) -> None:
    """Check that each year's days fit its allocation, then charge them as
    pending. ``allocations`` must be locked (``locked_allocations``)."""
    charged = refuse_beyond_balance(request.leave_type, costs, allocations)
    for year, (days, by_expiry) in charged.items():
        allocation = allocations[year]
        LeaveCharge.objects.create(
            request=request,
            allocation=allocation,
            days=days,
            days_by_expiry=by_expiry,
        )
        Allocation.objects.filter(pk=allocation.pk).update(pending=F("pending") + days)


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

"""Allocations with the days standing against them."""

from collections.abc import Iterable

from django.db.models import Q, Sum

from .. import calculations as calc
from ..models import (
    Allocation,
    LeaveRequest,
)


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

"""The signed-in person's own leave."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from .. import calculations as calc
from ..models import (
    Allocation,
    LeaveRequest,
)
from .balances import allocation_balances


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

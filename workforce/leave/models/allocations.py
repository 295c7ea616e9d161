from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual

from ..calculations import days_phrase

ZERO = Decimal("0")


def days_field(**options):
    """Days, in half days: 0.5 is the smallest part of a day."""
    return models.DecimalField(max_digits=5, decimal_places=1, **options)


class Allocation(models.Model):
    """One person's days of one leave type for one calendar year.

    ``taken`` and ``pending`` are counters kept in the row by the services,
    which lock it (``select_for_update``) before changing them; the CHECK
    constraints are the last guarantee that no balance goes negative, even if
    two approvals race. Days carried over from the year before lapse on
    ``carry_over_expires``: they are spent first, and only on leave up to
    that day (``calculations.balance_allows``).
    """

    staff = models.ForeignKey(
        "workforce.Staff", on_delete=models.PROTECT, related_name="leave_allocations"
    )
    leave_type = models.ForeignKey(
        "leave.LeaveType", on_delete=models.PROTECT, related_name="allocations"
    )
    year = models.PositiveSmallIntegerField()
    granted = days_field(help_text="Days granted for the year.")
    carried_over = days_field(
        default=ZERO, help_text="Days brought from the year before."
    )
    carry_over_expires = models.DateField(
        null=True,
        blank=True,
        help_text="The last day the carried-over days may be used on.",
    )
    taken = days_field(default=ZERO, editable=False)
    pending = days_field(default=ZERO, editable=False)

    class Meta:
        ordering = ["-year", "staff", "leave_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "leave_type", "year"],
                name="leave_allocation_one_per_person_type_year",
                violation_error_message=(
                    "This person already has an allocation of this type for the year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(granted__gte=0)
                & Q(carried_over__gte=0)
                & Q(taken__gte=0)
                & Q(pending__gte=0),
                name="leave_allocation_nothing_negative",
                violation_error_message="Days cannot be negative.",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(
                    F("taken") + F("pending"), F("granted") + F("carried_over")
                ),
                name="leave_allocation_within_available",
                violation_error_message=(
                    "The days taken and pending would exceed the days granted "
                    "and carried over."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.leave_type} {self.year}"

    def clean(self):
        # The CHECK constraint would refuse it too, but as a database error:
        # a form says which days are already used.
        used = self.taken + self.pending
        if (self.granted or ZERO) + (self.carried_over or ZERO) < used:
            raise ValidationError(
                {
                    "granted": f"{days_phrase(used)} already taken or pending: "
                    "grant at least that."
                }
            )

    @property
    def total(self) -> Decimal:
        return self.granted + self.carried_over

    @property
    def remaining(self) -> Decimal:
        """Days neither taken nor asked for, carry-over included."""
        return self.total - self.taken - self.pending


class LeaveCharge(models.Model):
    """The days of one request charged to one year's allocation: a request
    across a year end charges each year its own days."""

    request = models.ForeignKey(
        "leave.LeaveRequest", on_delete=models.CASCADE, related_name="charges"
    )
    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, related_name="charges"
    )
    days = days_field()
    days_by_expiry = days_field(
        default=ZERO,
        help_text=(
            "The part of the days dated on or before the allocation's "
            "carry-over expiry: the days carried-over days may pay for."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "allocation"], name="leave_charge_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(days__gte=0)
                & Q(days_by_expiry__gte=0)
                & Q(days_by_expiry__lte=F("days")),
                name="leave_charge_days_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.days} of {self.allocation.year}"

import datetime
from decimal import Decimal

import factory

from workforce.leave.models import (
    Allocation,
    Blackout,
    LeaveRequest,
    LeaveType,
    PublicHoliday,
)


class LeaveTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveType
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Leave type {n}")
    code = factory.Sequence(lambda n: f"L{n}")


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    staff = factory.SubFactory("tests.workforce.factories.StaffFactory")
    leave_type = factory.SubFactory(LeaveTypeFactory)
    year = 2026
    granted = Decimal("14")


class PublicHolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicHoliday

    name = "Agency day"
    source = PublicHoliday.Source.AGENCY


class BlackoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Blackout

    reason = "Month-end push"


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    """A request row as it stands, for reads; writes go through the services."""

    class Meta:
        model = LeaveRequest

    staff = factory.SubFactory("tests.workforce.factories.StaffFactory")
    leave_type = factory.SubFactory(LeaveTypeFactory)
    first_day = datetime.date(2026, 3, 9)
    last_day = factory.LazyAttribute(lambda request: request.first_day)

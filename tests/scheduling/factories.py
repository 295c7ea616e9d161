import datetime

import factory
from django.utils import timezone

from workforce.scheduling.models import (
    PatternAssignment,
    ShiftPattern,
    ShiftPatternDay,
    ShiftType,
)


class ShiftTypeFactory(factory.django.DjangoModelFactory):
    """A shift type; ``teams=[…]`` lets those teams use it."""

    class Meta:
        model = ShiftType
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Shift {n}")
    code = factory.Sequence(lambda n: f"S{n}")
    starts_at = datetime.time(8)
    ends_at = datetime.time(17)
    unpaid_break_minutes = 60

    @factory.post_generation
    def teams(shift_type, create, extracted, **kwargs):
        if create and extracted:
            shift_type.teams.add(*extracted)


class EarlyShiftTypeFactory(ShiftTypeFactory):
    """The early shift the scheduling tests share: E, 07:00 to 16:00."""

    name = "Early"
    code = "E"
    starts_at = datetime.time(7)
    ends_at = datetime.time(16)


class LateShiftTypeFactory(ShiftTypeFactory):
    """The late shift the scheduling tests share: L, 13:00 to 22:00."""

    name = "Late"
    code = "L"
    starts_at = datetime.time(13)
    ends_at = datetime.time(22)


class ShiftPatternFactory(factory.django.DjangoModelFactory):
    """A pattern; ``cells=[type or None, …]`` sets its days (7 per week)."""

    class Meta:
        model = ShiftPattern
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pattern {n}")
    weeks = 1

    @factory.post_generation
    def cells(pattern, create, extracted, **kwargs):
        if create and extracted:
            ShiftPatternDay.objects.bulk_create(
                ShiftPatternDay(pattern=pattern, index=i, shift_type=shift_type)
                for i, shift_type in enumerate(extracted)
                if shift_type is not None
            )


class PatternAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatternAssignment

    starts_on = datetime.date(2026, 3, 2)


def local(text: str) -> datetime.datetime:
    """An agency-local moment written as ``"2026-03-02 07:00"``, made aware."""
    return timezone.make_aware(datetime.datetime.fromisoformat(text))

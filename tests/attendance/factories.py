import datetime

import factory
from django.utils import timezone

from workforce.attendance.models import ClockEvent, Integration
from workforce.attendance.models.integrations import (
    WRITE_CLOCK_EVENTS,
    token_hash,
)


class ClockEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClockEvent

    staff = factory.SubFactory("tests.workforce.factories.StaffFactory")
    kind = ClockEvent.Kind.CLOCK_IN
    at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2026, 3, 2, 9))
    )
    source = ClockEvent.Source.WEB


class IntegrationFactory(factory.django.DjangoModelFactory):
    """An integration whose token is ``"token-<name>"``."""

    class Meta:
        model = Integration

    name = factory.Sequence(lambda n: f"Badge reader {n}")
    token_hash = factory.LazyAttribute(lambda o: token_hash(f"token-{o.name}"))
    token_hint = "token-"
    scopes = factory.LazyFunction(lambda: [WRITE_CLOCK_EVENTS])

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from training.courses.models import Course

ZONE = timezone.get_default_timezone()


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("code",)

    title = factory.Sequence(lambda n: f"Course {n}")
    code = factory.Sequence(lambda n: f"course-{n}")
    kind = Course.Kind.COMPLIANCE
    duration_hours = Decimal("7")
    pass_mark = 70
    max_attempts = 2


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), ZONE)


def sitting(day: datetime.date, start: int = 9, end: int = 17):
    return (at(day, start), at(day, end))

"""Recording clock events: one way in for the web button, the API and the
import, so the same event twice is one event on every path."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from workforce.people.models import Staff

from .. import calculations as calc
from ..models import ClockEvent, Integration
from ..selectors import clocked_in_since

KINDS = set(ClockEvent.Kind.values)
NO_STAFF_RECORD = "Clocking in and out needs a staff record linked to your sign-in."


class NotClockedIn(ValidationError):
    """A clock-out with no clock-in open, or a clock-in with one open."""


@dataclass(frozen=True)
class ClockEventIn:
    """An event as sent: a person by employee number or dialer agent id."""

    staff_key: str
    kind: str
    at: datetime.datetime
    external_id: str = ""


@dataclass
class ClockEventsReport:
    new: int = 0
    duplicate: int = 0
    unknown_staff: list[str] = field(default_factory=list)

    def __str__(self):
        text = f"{self.new} new, {self.duplicate} already recorded"
        if self.unknown_staff:
            text += f"; unknown staff: {', '.join(self.unknown_staff)}"
        return text


def staff_by_key(keys: Iterable[str]) -> dict[str, Staff]:
    """The people these keys name, each by employee number or dialer agent
    id, in one query."""
    keys = {key for key in keys if key}
    found: dict[str, Staff] = {}
    for person in Staff.objects.filter(
        Q(employee_number__in=keys) | Q(dialer_agent_id__in=keys)
    ):
        for key in (person.employee_number, person.dialer_agent_id):
            if key in keys:
                found[key] = person
    return found


def clock_events_record(
    *,
    events: Sequence[ClockEventIn],
    source: str,
    integration: Integration | None = None,
) -> ClockEventsReport:
    """Record a batch of events; those already recorded (the same person,
    kind and moment) are counted and left as they are, and the keys naming
    nobody are listed, their events written nowhere.

    ``ValueError`` for an unknown kind or a time without a zone: the caller
    checks what it was sent before asking.
    """
    for event in events:
        if event.kind not in KINDS:
            raise ValueError(f"not a kind of clock event: {event.kind!r}")
        if timezone.is_naive(event.at):
            raise ValueError(f"a time without a time zone: {event.at}")
    people = staff_by_key(event.staff_key for event in events)
    report = ClockEventsReport(
        unknown_staff=sorted({e.staff_key for e in events if e.staff_key not in people})
    )
    wanted: dict[tuple, ClockEvent] = {}
    for event in events:
        person = people.get(event.staff_key)
        if person is None:
            continue
        at = event.at.astimezone(datetime.UTC)
        key = (person.pk, event.kind, at)
        if key in wanted:
            report.duplicate += 1
            continue
        wanted[key] = ClockEvent(
            staff=person,
            kind=event.kind,
            at=at,
            source=source,
            external_id=event.external_id[:64],
            integration=integration,
        )
    if not wanted:
        return report
    with transaction.atomic():
        moments = [key[2] for key in wanted]
        known = set(
            ClockEvent.objects.filter(
                staff_id__in={key[0] for key in wanted},
                at__gte=min(moments),
                at__lte=max(moments),
            ).values_list("staff_id", "kind", "at")
        )
        fresh = [event for key, event in wanted.items() if key not in known]
        report.duplicate += len(wanted) - len(fresh)
        # ignore_conflicts: a batch racing this one may have written some
        # of the same events since the read above; the constraint decides.
        ClockEvent.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=2000)
        report.new = len(fresh)
    return report


def _own_record(user) -> Staff:
    person = Staff.objects.filter(user=user).first() if user.is_authenticated else None
    if person is None:
        raise PermissionDenied(NO_STAFF_RECORD)
    return person


def _clock(*, user, kind: str, now: datetime.datetime | None) -> ClockEvent:
    person = _own_record(user)
    now = (now or timezone.now()).replace(microsecond=0)
    with transaction.atomic():
        # One clock press at a time per person: a double click waits here.
        Staff.objects.select_for_update().filter(pk=person.pk).first()
        open_since = clocked_in_since(person, now)
        if kind == calc.CLOCK_IN and open_since is not None:
            raise NotClockedIn("You are already clocked in.")
        if kind == calc.CLOCK_OUT and open_since is None:
            raise NotClockedIn("You are not clocked in.")
        event = ClockEvent(staff=person, kind=kind, at=now, source="web")
        event.full_clean()
        event.save()
    return event


def clock_in(*, user, now: datetime.datetime | None = None) -> ClockEvent:
    """The signed-in person clocks in (``PermissionDenied`` with no staff
    record; ``NotClockedIn`` when already in)."""
    return _clock(user=user, kind=calc.CLOCK_IN, now=now)


def clock_out(*, user, now: datetime.datetime | None = None) -> ClockEvent:
    """The signed-in person clocks out (``NotClockedIn`` when not in)."""
    return _clock(user=user, kind=calc.CLOCK_OUT, now=now)

"""Training against the shift plan: clashes with published shifts, and the
answer to shift planning's ``scheduling_absences``."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from workforce.scheduling.hooks import Absence, FeedEvent
from workforce.scheduling.models import Shift

from .. import calculations as calc
from ..models import Enrolment, Session, SessionDate

# Whoever holds a place on a confirmed session is away from the plan for
# its dates; a no-show was not.
AWAY = (
    Enrolment.State.ENROLLED,
    Enrolment.State.ATTENDED,
    Enrolment.State.PASSED,
    Enrolment.State.FAILED,
)


ON_CALENDAR = (
    Enrolment.State.WAITLISTED,
    *AWAY,
    Enrolment.State.CANCELLED,
)


def session_clashes(session: Session, staff_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each person's published shifts overlapping a date of ``session``, as
    "Mon 09 Mar Early 09:00–18:00". Two queries, however many people."""
    dates = list(session.dates.all())
    if not dates:
        return {}
    staff_ids = list(staff_ids)
    shifts = (
        Shift.objects.published()
        .filter(
            staff_id__in=staff_ids,
            start__lt=max(d.end for d in dates),
            end__gt=min(d.start for d in dates),
        )
        .select_related("shift_type")
    )
    sittings = [calc.Span(d.start, d.end) for d in dates]
    found: dict[int, list[str]] = {}
    for shift in shifts:
        if calc.clashes(sittings, [calc.Span(shift.start, shift.end)]):
            start, end = timezone.localtime(shift.start), timezone.localtime(shift.end)
            name = shift.shift_type.name
            found.setdefault(shift.staff_id, []).append(
                f"{shift.day:%a %d %b} {name} {start:%H:%M}–{end:%H:%M}"
            )
    return found


def plan_absences(
    staff_ids: Iterable[int], first_day: datetime.date, last_day: datetime.date
) -> list[Absence]:
    """Training's answer to ``scheduling_absences``: the dates of confirmed
    sessions these people hold a place on, touching ``first_day`` to
    ``last_day``. Shown in the plan, not refusing shifts (the session
    replaces the clashing time), and excused by attendance. One query."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, zone)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min, zone
    )
    rows = (
        SessionDate.objects.filter(
            session__status=Session.Status.CONFIRMED,
            start__lt=end,
            end__gt=start,
            session__enrolments__staff_id__in=list(staff_ids),
            session__enrolments__state__in=AWAY,
        )
        .values_list(
            "session__enrolments__staff_id", "start", "end", "session__course__title"
        )
        .order_by("start")
    )
    return [
        Absence(
            staff_id=staff_id,
            start=sitting_start,
            end=sitting_end,
            kind="training",
            label=f"Training: {title}",
            refuses=False,
        )
        for staff_id, sitting_start, sitting_end, title in rows
    ]


def feed_events(staff, since: datetime.date) -> list[FeedEvent]:
    """Training's answer to ``scheduling_feed_events``: each date of each
    session the person waits for or holds a place on, from ``since`` on; a
    cancelled place or session stays, cancelled, so a subscribed phone
    strikes it out. One query."""
    zone = timezone.get_default_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, zone)
    rows = (
        # One filter() call, so the values below read the person's own
        # enrolments (a no-show was not there), not anyone's on the session.
        SessionDate.objects.filter(
            session__enrolments__staff=staff,
            session__enrolments__state__in=ON_CALENDAR,
            end__gte=start,
        )
        .values_list(
            "pk",
            "start",
            "end",
            "session__course__title",
            "session__room",
            "session__online_link",
            "session__status",
            "session__trainer__first_name",
            "session__trainer__last_name",
            "session__enrolments__pk",
            "session__enrolments__state",
            "session__enrolments__updated_at",
        )
        .order_by("start", "pk")
    )
    events = []
    for (
        date_id,
        sitting_start,
        sitting_end,
        title,
        room,
        link,
        status,
        trainer_first,
        trainer_last,
        enrolment_id,
        state,
        updated,
    ) in rows:
        cancelled = (
            state == Enrolment.State.CANCELLED or status == Session.Status.CANCELLED
        )
        waiting = state == Enrolment.State.WAITLISTED
        events.append(
            FeedEvent(
                uid=f"training-{enrolment_id}-{date_id}",
                start=sitting_start,
                end=sitting_end,
                summary=f"Training{' (waitlisted)' if waiting else ''}: {title}",
                updated=updated,
                location=room or link,
                description=f"With {trainer_first} {trainer_last}".strip(),
                # A place changes state a few times at most, each a new
                # sequence: waiting, holding it, cancelled.
                sequence={"waitlisted": 0, "cancelled": 2}.get(state, 1),
                cancelled=cancelled,
            )
        )
    return events

"""Leave's answer to shift planning's ``scheduling_absences``."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from workforce.scheduling.hooks import Absence

from .. import calculations as calc
from ..models import (
    LeaveRequest,
)


def plan_absences(
    staff_ids: Iterable[int], first_day: datetime.date, last_day: datetime.date
) -> list[Absence]:
    """Leave's answer to ``scheduling_absences``: the pending and approved
    leave of these people touching ``first_day`` to ``last_day``. Approved
    whole days refuse the shifts starting on them; half days (the rest of
    the shift is worked) and pending leave are shown only. One query."""
    staff_ids = list(staff_ids)
    requests = list(
        LeaveRequest.objects.standing()
        .filter(staff_id__in=staff_ids)
        .overlapping(first_day, last_day)
        .select_related("leave_type")
    )
    if not requests:
        return []
    zone = timezone.get_default_timezone()
    found = []
    for request in requests:
        approved = request.status == LeaveRequest.Status.APPROVED
        label = request.leave_type.name + ("" if approved else " (pending)")
        spans = calc.absence_spans(
            request.first_day,
            request.last_day,
            request.first_day_part,
            request.last_day_part,
            zone=zone,
        )
        found += [
            Absence(
                staff_id=request.staff_id,
                start=span.start,
                end=span.end,
                kind="leave",
                label=label if span.whole else f"{label}, half day",
                refuses=approved and span.whole,
                by_day=span.whole,
                pending=not approved,
            )
            for span in spans
        ]
    return found

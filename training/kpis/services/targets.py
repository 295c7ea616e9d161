"""A changed collection target rebuilds its month's facts in the background."""

import calendar
import datetime

from django.db import transaction
from django.utils import timezone


def collection_target_changed(*, months: set[datetime.date]) -> None:
    """After the transaction commits, rebuild the days of ``months`` up to
    today (a month not begun yet has no facts to rebuild)."""
    from training.kpis.tasks import rebuild_kpi_days

    today = timezone.localdate()
    for month in sorted(months):
        first = month.replace(day=1)
        if first > today:
            continue
        last = min(
            first.replace(day=calendar.monthrange(first.year, first.month)[1]), today
        )
        transaction.on_commit(
            lambda first=first, last=last: rebuild_kpi_days.enqueue(
                first.isoformat(), last.isoformat()
            )
        )

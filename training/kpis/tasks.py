"""Background work of the KPIs (django-tasks)."""

import datetime

from django_tasks import task

from .services.facts import facts_rebuild


@task()
def rebuild_kpi_days(first: str, last: str) -> None:
    """Rebuild the facts from ``first`` to ``last`` (ISO dates), e.g. the
    month of a collection target a manager changed."""
    first_day = datetime.date.fromisoformat(first)
    last_day = datetime.date.fromisoformat(last)
    days = (last_day - first_day).days + 1
    facts_rebuild(days=[first_day + datetime.timedelta(days=n) for n in range(days)])

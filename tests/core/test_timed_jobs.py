"""run_timed_jobs: each job runs when it is due, and only then."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from deskbook.core.management.commands.run_timed_jobs import DAY, Job

pytestmark = pytest.mark.django_db


def old_hit(settings) -> Query:
    query, _ = Query.objects.get_or_create(query_string="bailiff")
    # Wagtail counts a hit's age by the UTC calendar, a day behind
    # Singapore's from 16:00 UTC.
    too_old = timezone.now().date() - datetime.timedelta(
        days=settings.WAGTAILSEARCH_HITS_MAX_AGE + 1
    )
    QueryDailyHits.objects.create(query=query, date=too_old, hits=1)
    return query


def test_a_daily_job_runs_at_once_then_not_again_until_a_day_has_passed(settings):
    job = Job("searchpromotions_garbage_collect", every=DAY)
    start = 1000.0

    old_hit(settings)
    job.run_if_due(start)
    assert not Query.objects.exists()

    old_hit(settings)
    job.run_if_due(start + DAY - 1)
    assert Query.objects.exists()

    job.run_if_due(start + DAY)
    assert not Query.objects.exists()


def test_a_failing_job_does_not_stop_the_schedule(caplog):
    job = Job("no_such_command", every=60)
    job.run_if_due(0.0)
    assert "no_such_command failed" in caplog.text
    assert job.due == 60.0

"""The demo's call log: three months for the demo collectors, outcome rates
that fall with the bucket, a few contact-rule breaches of each kind, paid and
broken promises; a second run adds nothing."""

import datetime

import pytest

from deskbook.core.demo import ensure_demo_users
from training.qa.demo import seed_calls
from training.qa.models import Call, Payment
from training.qa.selectors import breaches_by_call
from workforce.people.demo import seed_teams_and_staff

pytestmark = pytest.mark.django_db

QUIET = {"log": lambda line: None}


@pytest.fixture
def demo(frozen_time):
    frozen_time("2026-03-31 23:30")
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    lines = []
    seed_calls(size="small", log=lines.append)
    return lines


def share(bucket: str, outcome: str) -> float:
    calls = Call.objects.filter(dpd_bucket=bucket)
    return calls.filter(outcome=outcome).count() / calls.count()


def test_three_months_of_calls_and_payments_a_second_run_adds_nothing(demo):
    calls = Call.objects.count()
    assert calls > 1000
    assert Payment.objects.exists()
    first, last = (
        Call.objects.order_by("started_at"),
        Call.objects.order_by("-started_at"),
    )
    # From the weekday 91 days back, 08:30 in Jayapura (23:30 UTC the day before).
    assert first.first().started_at.date() >= datetime.date(2025, 12, 29)
    assert last.first().started_at.date() <= datetime.date(2026, 3, 31)
    again = []
    seed_calls(size="small", log=again.append)
    assert Call.objects.count() == calls
    assert "(0 new)" in again[0]


def test_later_buckets_answer_and_promise_less(demo):
    assert share("1-30 DPD", "promise_to_pay") > share("61-90 DPD", "promise_to_pay")
    assert share("1-30 DPD", "no_answer") < share("61-90 DPD", "no_answer")


def test_a_few_calls_break_each_contact_rule(demo):
    first = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    last = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    breaches = breaches_by_call(first=first, last=last)
    broken = [rule for rules in breaches.values() for rule in rules]
    calls = Call.objects.started_between(first, last).count()
    for rule in ("outside_window", "too_many_attempts", "after_cease_or_dispute"):
        assert 0 < broken.count(rule) < calls * 0.05, rule

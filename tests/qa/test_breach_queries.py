"""The contact rules found by narrow queries give exactly the breaches the
rules give over every call (``contact_rules_reference``), and so the same
sample: on a generated log with every edge the rules have (both ends of the
window on four clocks, two of them changing for daylight saving in the
period, inbound calls, accounts rung past the limit across the month's
start, calls at the same second, stops before the period, in it and at the
same moment, rows written out of time order)."""

import datetime

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import QA_ANALYST
from tests.factories import UserFactory
from tests.qa import contact_rules_reference as reference
from tests.qa.factories import CallFactory
from tests.workforce.factories import StaffFactory
from training.qa import contact_rules as rules
from training.qa.breach_selectors import calls_in_breach
from training.qa.models import Call, QASettings
from training.qa.selectors import breaches_by_call, contact_breaches
from training.qa.services import samples
from training.qa.services.samples import default_plan, month_bounds, sample_draw
from training.qa.services.scorecards import scorecard_create

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# March 2026: New York moves to daylight saving on the 8th; April: Sydney
# leaves it on the 5th.
ZONES = ["", "Asia/Jakarta", "America/New_York", "Australia/Sydney"]
OUTCOMES = ["no_answer", "right_party_contact", "promise_to_pay", "dispute"]
OUTCOMES += ["cease_contact", "refused", "callback", "busy"]
SHARES = [0.35, 0.2, 0.05, 0.04, 0.02, 0.1, 0.1, 0.14]


def generated_log(calls=2500, accounts=60, seed=11):
    """Calls from mid-February to mid-April at any hour, on few accounts (so
    many pass the attempts limit), written in a shuffled order."""
    random = np.random.default_rng(seed)
    collectors = [StaffFactory() for _ in range(6)]
    start = datetime.datetime(2026, 2, 12, tzinfo=UTC)
    span = int(datetime.timedelta(days=62).total_seconds())
    seconds = random.integers(0, span, calls)
    # Every tenth call shares the second of the one before: ties to count.
    seconds[1::10] = seconds[0::10][: len(seconds[1::10])]
    account = random.integers(0, accounts, calls)
    account[1::10] = account[0::10][: len(account[1::10])]
    rows = []
    for n in random.permutation(calls):
        outcome = str(random.choice(OUTCOMES, p=SHARES))
        promise = outcome == "promise_to_pay"
        started = start + datetime.timedelta(seconds=int(seconds[n]))
        rows.append(
            Call(
                call_id=f"G{n:05d}",
                collector=collectors[n % len(collectors)],
                account_reference=f"ACC-{account[n]:03d}",
                dpd_bucket=["1-30 DPD", "61-90 DPD"][n % 2],
                debtor_time_zone=ZONES[random.integers(0, len(ZONES))],
                started_at=started,
                duration_seconds=60,
                direction="inbound" if random.random() < 0.15 else "outbound",
                outcome=outcome,
                promised_amount=50 if promise else None,
                promised_on=started.date() if promise else None,
            )
        )
    Call.objects.bulk_create(rows)
    return collectors


@pytest.fixture
def log(db):
    return generated_log()


MONTHS = [datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)]


@pytest.mark.parametrize("month", MONTHS)
def test_the_narrow_queries_find_the_breaches_of_the_rules_over_every_call(log, month):
    _, _, first, last = month_bounds(month)
    expected = reference.breaches_by_call(first=first, last=last)
    # The log is built to break every rule many times over.
    for rule in rules.RULES:
        assert sum(rule in broken for broken in expected.values()) > 20, rule
    assert breaches_by_call(first=first, last=last) == expected


@pytest.mark.parametrize("month", MONTHS)
def test_the_report_frame_is_the_frame_of_the_rules_over_every_call(log, month):
    _, _, first, last = month_bounds(month)
    expected = reference.contact_breaches(first=first, last=last)
    found = contact_breaches(first=first, last=last)
    columns = ["pk", "collector_id", "started", "outbound", *rules.RULES]
    assert (
        found[columns]
        .sort_values("pk")
        .reset_index(drop=True)
        .equals(expected[columns].sort_values("pk").reset_index(drop=True))
    )
    assert len(found) > 500


def test_other_limits_and_windows_agree_too(log):
    settings = QASettings.load()
    settings.max_attempts, settings.attempts_window_days = 3, 2
    settings.save()
    _, _, first, last = month_bounds(MONTHS[0])
    assert breaches_by_call(first=first, last=last) == reference.breaches_by_call(
        first=first, last=last
    )


def test_the_breaches_take_the_same_queries_for_many_calls_as_for_few(log):
    _, _, first, last = month_bounds(datetime.date(2026, 3, 1))
    calls_in_breach(first=first, last=last)  # the settings' rows written once
    with CaptureQueriesContext(connection) as many:
        calls_in_breach(first=first, last=last)
    Call.objects.filter(account_reference__gt="ACC-005").delete()
    with CaptureQueriesContext(connection) as few:
        calls_in_breach(first=first, last=last)
    assert len(many) == len(few) <= 6


def test_a_log_with_no_breach_gives_an_empty_frame(db):
    CallFactory(started_at=datetime.datetime(2026, 3, 2, 2, tzinfo=UTC))
    _, _, first, last = month_bounds(datetime.date(2026, 3, 1))
    frame = calls_in_breach(first=first, last=last)
    assert frame.empty
    assert list(frame.columns) == [
        "pk",
        "collector_id",
        "started",
        "outbound",
        *rules.RULES,
    ]
    assert breaches_by_call(first=first, last=last) == {}


def drawn(month, manager, scorecard):
    draw = sample_draw(
        period=month,
        by=manager,
        scorecard=scorecard,
        plan=default_plan(minimum_per_collector=3, extra_calls=40),
        seed=2026,
    )
    sampled = [
        (
            call.call.call_id,
            call.inclusion_probability,
            call.minimum_probability,
            call.risk_probability,
            call.risk_weight,
            tuple(call.risk_factors),
            call.analyst_id,
        )
        for call in draw.calls.select_related("call").order_by("call__call_id")
    ]
    draw.delete()
    return sampled


def test_the_same_seed_draws_the_same_sample_as_with_the_rules_over_every_call(
    log, monkeypatch
):
    manager = UserFactory()
    for _ in range(2):
        StaffFactory(user=UserFactory(roles=[QA_ANALYST]), job_title="qa_analyst")
    scorecard = scorecard_create(name="Calls", by=manager)
    month = MONTHS[0]
    found = drawn(month, manager, scorecard)
    monkeypatch.setattr(samples, "breaches_by_call", reference.breaches_by_call)
    expected = drawn(month, manager, scorecard)
    assert found == expected
    assert sum(samples.CONTACT_RULE_BREACH in factors for *_, factors, _ in found) > 10


def test_an_empty_log_breaks_nothing(db):
    _, _, first, last = month_bounds(datetime.date(2026, 3, 1))
    assert calls_in_breach(first=first, last=last).empty
    assert contact_breaches(first=first, last=last).empty

"""The high-balance risk factor: calls on accounts owing at least the QA
settings' threshold are drawn with its weight, and the stored inclusion
probabilities keep the Hájek score unbiased."""

import datetime
import math
import random
from decimal import Decimal

import pytest

from tests.qa.repeated_draws import mean_estimates
from tests.qa.scoring_floor import build, moment
from training.qa.calculations.sampling import sampling_design
from training.qa.models import Call, QASettings, SampledCall
from training.qa.services.samples import (
    HIGH_BALANCE,
    default_plan,
    month_bounds,
    sample_draw,
    sample_frame,
)

APRIL = datetime.date(2026, 4, 1)


@pytest.fixture
def floor(db, site_tree):
    floor = build()
    settings = QASettings.load()
    settings.high_balance_threshold = Decimal("10000.00")
    settings.high_balance_weight = Decimal("3")
    settings.save()
    return floor


def april_calls(collector, balances):
    Call.objects.bulk_create(
        Call(
            call_id=f"APR-{n}",
            collector=collector,
            account_reference=f"ACC-A{n}",
            dpd_bucket="1-30 DPD",
            started_at=moment(APRIL + datetime.timedelta(days=n % 28), 10),
            duration_seconds=120,
            direction="outbound",
            outcome="right_party_contact",
            balance=balance,
        )
        for n, balance in enumerate(balances)
    )
    return dict(
        Call.objects.filter(call_id__startswith="APR-").values_list("pk", "balance")
    )


def test_a_call_at_or_above_the_threshold_gets_the_high_balance_weight(floor):
    collector = floor["collectors"][0]
    balances = april_calls(
        collector, [None, Decimal("9999.99"), Decimal("10000.00"), Decimal("25000")]
    )
    draw = sample_draw(
        period=APRIL,
        by=floor["manager"],
        scorecard=floor["scorecard"],
        plan=default_plan(minimum_per_collector=4),
        seed=11,
    )
    assert draw.risk_weights[HIGH_BALANCE] == 3.0
    sampled = {
        s.call_id: s for s in SampledCall.objects.filter(draw=draw, collector=collector)
    }
    assert sampled.keys() == balances.keys()  # 4 calls, a minimum of 4
    high = {
        pk
        for pk, balance in balances.items()
        if balance is not None and balance >= 10000
    }
    assert {pk for pk, s in sampled.items() if HIGH_BALANCE in s.risk_factors} == high
    assert len(high) == 2
    low_weight = {s.risk_weight for pk, s in sampled.items() if pk not in high}
    high_weight = {s.risk_weight for pk, s in sampled.items() if pk in high}
    assert len(low_weight) == len(high_weight) == 1
    assert high_weight.pop() == pytest.approx(3 * low_weight.pop())


def test_stored_probabilities_keep_the_hajek_score_unbiased_with_high_balances(floor):
    # One collector's 200 calls: the 40 on high balances score about 0.5 and
    # are 3 times as likely to be drawn for risk; the other 160 score about
    # 0.9. Over 3,000 draws the plain mean comes out low; the Hájek estimate
    # with the stored probabilities does not.
    collector = floor["collectors"][1]
    population = random.Random(5)
    balances = april_calls(
        collector, [Decimal(40000) if n < 40 else Decimal(500) for n in range(200)]
    )
    scores = {
        pk: min(1.0, max(0.0, population.gauss(0.5 if balance > 10000 else 0.9, 0.05)))
        for pk, balance in balances.items()
    }
    true_mean = math.fsum(scores.values()) / len(scores)
    plan = default_plan(minimum_per_collector=4, extra_calls=20)
    draw = sample_draw(
        period=APRIL,
        by=floor["manager"],
        scorecard=floor["scorecard"],
        plan=plan,
        seed=3,
    )
    stored = dict(
        SampledCall.objects.filter(draw=draw, collector=collector).values_list(
            "call_id", "inclusion_probability"
        )
    )
    # The draw's frame again (the sampled calls now left out of it, so the
    # frame is taken before: rebuild it from the same calls).
    SampledCall.objects.filter(draw=draw).delete()
    first_day, _, first, last = month_bounds(APRIL)
    frame = [
        call
        for call in sample_frame(first=first, last=last, period_first_day=first_day)
        if call.collector_id == collector.pk
    ]
    design = sampling_design(frame, plan)
    probability = {p.call.call_id: p.inclusion_probability for p in design.calls}
    assert {pk: probability[pk] for pk in stored} == pytest.approx(stored)
    high = [pk for pk, balance in balances.items() if balance > 10000]
    assert probability[high[0]] > probability[min(set(balances) - set(high))]
    weighted, plain = mean_estimates(design, scores, draws=3_000)
    assert abs(weighted - true_mean) < 0.006
    assert plain - true_mean < -0.04

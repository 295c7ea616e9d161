"""The fact table's QA columns come from the standing evaluations of sampled
calls, each weighted by 1/π, so a period's QA score is QA's Hájek estimate."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from tests.qa.scoring_floor import build
from training.kpis.calculations.measures import FactTotals
from training.kpis.models import CollectorDay
from training.kpis.services import facts_rebuild_all
from training.qa.evaluation_selectors import qa_scores
from training.qa.models import SampledCall
from training.qa.services.evaluations import AnswerInput, evaluation_save

COLUMNS = ("qa_weighted_points", "qa_weight", "qa_calls", "qa_critical_fails")


@pytest.fixture
def floor(db, site_tree):
    return build()


def score(floor, sampled, **given):
    base = {"disclosure": "yes", "verification": "yes", "plan": "yes", "tone": "4"}
    base.update(given)
    items = floor["items"]
    return evaluation_save(
        sampled_call=sampled,
        analyst=sampled.analyst,
        by=sampled.analyst.user,
        answers={items[k].pk: AnswerInput(v) for k, v in base.items()},
        submit=True,
    )


def test_qa_columns_add_up_the_scored_calls_weighted_by_their_probability(floor):
    collector = floor["collectors"][0]
    first, second = SampledCall.objects.filter(collector=collector).order_by("pk")[:2]
    # The two calls were drawn with probability 1/2 and 1/4: weights 2 and 4.
    SampledCall.objects.filter(pk=first.pk).update(inclusion_probability=0.5)
    SampledCall.objects.filter(pk=second.pk).update(inclusion_probability=0.25)
    first.refresh_from_db()
    second.refresh_from_db()
    full = score(floor, first)  # 100%
    failed = score(floor, second, verification="no")  # a critical fail: 0%
    assert (full.score, failed.score) == (Decimal("100.00"), Decimal("0.00"))

    facts_rebuild_all()

    totals = CollectorDay.objects.filter(collector=collector).aggregate(
        **{name: Sum(name) for name in COLUMNS}
    )
    assert totals == {
        "qa_weighted_points": Decimal("200.000000"),  # 100 x 2 + 0 x 4
        "qa_weight": Decimal("6.000000"),
        "qa_calls": 2,
        "qa_critical_fails": 1,
    }
    # The period's QA score from the facts is QA's own weighted estimate.
    period = FactTotals(
        qa_weighted_points=totals["qa_weighted_points"],
        qa_weight=totals["qa_weight"],
        qa_calls=totals["qa_calls"],
        qa_critical_fails=totals["qa_critical_fails"],
    )
    estimate = qa_scores(draw=floor["draw"])[collector.pk]
    assert float(period.qa_weighted_points / period.qa_weight) == pytest.approx(
        estimate.weighted_mean, abs=1e-9
    )
    assert estimate.weighted_mean == pytest.approx(100 / 3, abs=1e-9)

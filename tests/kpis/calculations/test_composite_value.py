"""The leaderboard's composite without the explanation (``composite_value``)
gives the digits of the explained one (``composite_score``): on the
hand-computed fixture's collectors, teams and weeks, on the edge cases of
the rules, and on a fixed-seed crowd of collectors and scorecards."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest

from training.kpis.calculations.composite import (
    KpiDefinition,
    composite_score,
    composite_value,
    in_period,
    totals_by_collector,
    totals_by_team_and_collector,
)
from training.kpis.calculations.measures import (
    AMOUNT_COLLECTED,
    AVERAGE_HANDLE_TIME,
    COLLECTED_VS_TARGET,
    MEASURES,
    PTP_KEPT_RATE,
    RPC_RATE,
    Direction,
    FactTotals,
    round_ratio,
    round_to,
)

from .test_composite import CRITICAL_FAIL_CAP, FACTS, SCORECARD, WEEK_1, WEEK_2

D = Decimal


def both(definitions, totals, cap=None):
    explained = composite_score(definitions, totals, critical_fail_cap=cap)
    return composite_value(definitions, totals, critical_fail_cap=cap), explained


def test_the_hand_computed_collectors_agree_team_by_team_and_week_by_week():
    seen = []
    for week in (WEEK_1, WEEK_2):
        facts = in_period(FACTS, *week)
        groups = [
            *totals_by_collector(facts).values(),
            *totals_by_team_and_collector(facts).values(),
        ]
        for totals in groups:
            fast, explained = both(SCORECARD, totals, CRITICAL_FAIL_CAP)
            assert fast == explained.composite
            seen.append(fast)
    # The hand-computed composites of test_composite: Ana week 1 and 2, Cal
    # week 1 and Cal week 2 capped by the critical fail.
    assert {D("100.18"), D("108.82"), D("73.44"), D("60.00")} <= set(seen)


@pytest.mark.parametrize(
    ("card", "totals", "expected"),
    [
        # No data at all; data only on KPIs weighted 0.
        (SCORECARD, FactTotals(), None),
        (
            [KpiDefinition("RPC", RPC_RATE, target=D(25), weight=D(0))],
            FactTotals(attempts=4, contacts=1),
            None,
        ),
        # Lower is better and nothing handled in no time: the cap.
        (
            [KpiDefinition("AHT", AVERAGE_HANDLE_TIME, target=D(240), weight=D(1))],
            FactTotals(handled_calls=3),
            D("120.00"),
        ),
        # 24.69 ÷ 20 = 123.45 % (half a hundredth exactly), under a cap of 200.
        (
            [KpiDefinition("Collected", AMOUNT_COLLECTED, D(20), D(1), cap=D(200))],
            FactTotals(collected=D("24.69")),
            D("123.45"),
        ),
        # Three equal thirds met in full make 100, not 3 × 33.33.
        (
            [KpiDefinition(n, RPC_RATE, target=D(25), weight=D(1)) for n in "abc"],
            FactTotals(attempts=4, contacts=1),
            D("100.00"),
        ),
    ],
)
def test_the_edges_of_the_rules_agree(card, totals, expected):
    fast, explained = both(card, totals, D(60))
    assert fast == explained.composite == expected


def crowd_scorecard(rng: random.Random) -> list[KpiDefinition]:
    measures = [PTP_KEPT_RATE, RPC_RATE, COLLECTED_VS_TARGET, AVERAGE_HANDLE_TIME]
    measures += rng.sample(sorted(MEASURES.values(), key=lambda m: m.key), 2)
    return [
        KpiDefinition(
            f"{measure.key} {n}",
            measure,
            target=D(rng.randint(1, 30000)) / 100,
            weight=D(rng.choice([0, 1, 10, 15, 33, 3333])) / rng.choice([1, 10, 100]),
            direction=rng.choice([None, None, Direction.HIGHER, Direction.LOWER]),
            cap=D(rng.choice([120, 100, 150, 10050])) / rng.choice([1, 100]),
        )
        for n, measure in enumerate(measures)
    ]


def crowd_totals(rng: random.Random) -> FactTotals:
    attempts = rng.choice([0, rng.randint(1, 4000)])
    contacts = rng.randint(0, attempts)
    kept = rng.randint(0, 50)
    scheduled = rng.choice([0, 480 * rng.randint(1, 22)])
    days = scheduled // 480
    return FactTotals(
        attempts=attempts,
        contacts=contacts,
        promises=rng.randint(0, contacts),
        kept=kept,
        broken=rng.randint(0, 50 - kept),
        collected=D(rng.randint(0, 10**8)) / 100,
        collection_target=D(rng.choice([0, rng.randint(1, 10**8)])) / 100,
        handle_seconds=rng.randint(0, 10**6),
        handled_calls=rng.randint(0, 3000),
        hours_worked=D(rng.randint(0, 20000)) / 100,
        scheduled_minutes=scheduled,
        adherent_minutes=rng.randint(0, scheduled),
        days_scheduled=days,
        days_present=rng.randint(0, days),
        qa_weighted_points=D(rng.randint(0, 10**6)) / 1000,
        qa_weight=D(rng.choice([0, rng.randint(1, 10**4)])) / 1000,
        qa_calls=rng.randint(0, 40),
        qa_critical_fails=rng.choice([0, 0, 0, 1, 2]),
    )


def test_a_crowd_of_collectors_and_scorecards_agrees_digit_for_digit():
    rng = random.Random(20260301)
    compared = set()
    for _ in range(40):
        card = crowd_scorecard(rng)
        cap = rng.choice([None, D(60), D("75.5")])
        for _ in range(25):
            totals = crowd_totals(rng)
            fast, explained = both(card, totals, cap)
            assert fast == explained.composite, (card, totals, cap)
            compared.add(
                "none"
                if fast is None
                else "capped"
                if explained.capped_by_critical_fail
                else "scored"
            )
    # (No data at all is among the edges above.)
    assert {"capped", "scored"} <= compared


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(12345, 1000), (-12345, 1000), (12345, -1000), (24690, 2000), (1, 3), (2, 3)],
)
def test_round_ratio_rounds_as_round_to_whatever_the_common_factors(
    numerator, denominator
):
    expected = round_to(Fraction(numerator, denominator), 2)
    assert round_ratio(numerator, denominator, 2) == expected
    assert round_ratio(numerator * 7, denominator * 7, 2) == expected

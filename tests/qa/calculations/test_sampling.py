"""The QA sample: exact inclusion probabilities (by hand, by full enumeration
and against the frequencies of 20,000 draws), reproducibility from the seed,
the weighted (Hájek) score's bias against the plain mean's."""

import itertools
import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.qa.repeated_draws import mean_estimates
from training.qa.calculations.sampling import (
    FrameCall,
    SamplingError,
    SamplingPlan,
    collector_estimates,
    draw_sample,
    hajek_estimate,
    risk_weight,
    sampling_design,
)

# Collector A made three right-party contacts, B two. Weights: a new hire's
# call counts 2, a contact-rule breach 3.
FRAME = [
    FrameCall("a1", "A", frozenset({"new_hire"})),
    FrameCall("a2", "A"),
    FrameCall("a3", "A"),
    FrameCall("b1", "B", frozenset({"breach"})),
    FrameCall("b2", "B"),
]
WEIGHTS = {"new_hire": 2.0, "breach": 3.0}


def probabilities(design):
    return {p.call.call_id: p for p in design.calls}


def test_inclusion_probabilities_computed_by_hand():
    # Minimum phase, one call each: pi1 = 1/3 for A's calls, 1/2 for B's.
    # Risk phase: sum (1 - pi1) c w = (2/3)(2 + 1 + 1) c + (1/2)(3 + 1) c
    # = (14/3) c = 1 extra call, so c = 3/14 and pi2 = 3w/14.
    # pi = 1 - (1 - pi1)(1 - pi2): a1 1 - (2/3)(8/14) = 13/21,
    # a2 = a3 = 1 - (2/3)(11/14) = 10/21, b1 1 - (1/2)(5/14) = 23/28,
    # b2 1 - (1/2)(11/14) = 17/28. They sum to 3 = 2 minimum + 1 extra.
    plan = SamplingPlan(minimum_per_collector=1, extra_calls=1, risk_weights=WEIGHTS)
    design = sampling_design(FRAME, plan)
    by_call = probabilities(design)
    assert design.risk_scale == pytest.approx(3 / 14, abs=1e-15)
    expected = {
        "a1": (Fraction(1, 3), Fraction(6, 14), Fraction(13, 21)),
        "a2": (Fraction(1, 3), Fraction(3, 14), Fraction(10, 21)),
        "a3": (Fraction(1, 3), Fraction(3, 14), Fraction(10, 21)),
        "b1": (Fraction(1, 2), Fraction(9, 14), Fraction(23, 28)),
        "b2": (Fraction(1, 2), Fraction(3, 14), Fraction(17, 28)),
    }
    for call_id, (pi1, pi2, pi) in expected.items():
        p = by_call[call_id]
        assert p.minimum_probability == pytest.approx(float(pi1), abs=1e-15)
        assert p.risk_probability == pytest.approx(float(pi2), abs=1e-15)
        assert p.inclusion_probability == pytest.approx(float(pi), abs=1e-15)
    assert design.expected_size == pytest.approx(3, abs=1e-12)
    assert design.expected_extra == pytest.approx(1, abs=1e-12)


def test_heavy_calls_saturate_at_certainty_and_c_is_solved_for_the_rest():
    # 2.5 extra calls: unsaturated, c = 2.5 / (14/3) = 15/28 would give b1
    # 45/28 > 1, and then a1 too. With a1 and b1 certain (pi2 = 1):
    # 2/3 + 1/2 + c [(2/3)(1 + 1) + (1/2)(1)] = 2.5, so c = 8/11.
    plan = SamplingPlan(minimum_per_collector=1, extra_calls=2.5, risk_weights=WEIGHTS)
    design = sampling_design(FRAME, plan)
    by_call = probabilities(design)
    assert design.risk_scale == pytest.approx(8 / 11, abs=1e-15)
    assert by_call["a1"].risk_probability == 1
    assert by_call["b1"].risk_probability == 1
    for call_id in ("a2", "a3", "b2"):
        assert by_call[call_id].risk_probability == pytest.approx(8 / 11, abs=1e-15)
    assert design.expected_extra == pytest.approx(2.5, abs=1e-12)


def test_more_extra_calls_than_the_frame_holds_takes_every_call():
    plan = SamplingPlan(minimum_per_collector=1, extra_calls=10, risk_weights=WEIGHTS)
    design = sampling_design(FRAME, plan)
    assert [p.inclusion_probability for p in design.calls] == [1.0] * 5
    sample = draw_sample(design, seed=1)
    assert {c.call_id for c in sample.calls} == {"a1", "a2", "a3", "b1", "b2"}


def test_no_extra_calls_leaves_the_minimum_phase_alone():
    plan = SamplingPlan(minimum_per_collector=2, extra_calls=0, risk_weights=WEIGHTS)
    design = sampling_design(FRAME, plan)
    by_call = probabilities(design)
    assert by_call["a1"].inclusion_probability == pytest.approx(2 / 3)
    assert by_call["b1"].inclusion_probability == 1
    for seed in range(20):
        sample = draw_sample(design, seed)
        assert sorted(c.collector_id for c in sample.calls) == ["A", "A", "B", "B"]


def test_inclusion_probabilities_match_a_full_enumeration_of_the_design():
    # Every outcome of the design: one of A's three calls and one of B's two
    # (each equally likely), times every subset the independent risk phase can
    # draw. A call's inclusion probability is the total probability of the
    # outcomes that contain it.
    plan = SamplingPlan(minimum_per_collector=1, extra_calls=1.5, risk_weights=WEIGHTS)
    design = sampling_design(FRAME, plan)
    by_call = probabilities(design)
    ids = [p.call.call_id for p in design.calls]
    included = dict.fromkeys(ids, 0.0)
    total = 0.0
    for first_a, first_b in itertools.product(["a1", "a2", "a3"], ["b1", "b2"]):
        for drawn in itertools.product([False, True], repeat=len(ids)):
            chance = (1 / 3) * (1 / 2)
            for call_id, taken in zip(ids, drawn, strict=True):
                pi2 = by_call[call_id].risk_probability
                chance *= pi2 if taken else 1 - pi2
            total += chance
            sample = {first_a, first_b} | {
                c for c, taken in zip(ids, drawn, strict=True) if taken
            }
            for call_id in sample:
                included[call_id] += chance
    assert total == pytest.approx(1, abs=1e-12)
    for call_id in ids:
        assert by_call[call_id].inclusion_probability == pytest.approx(
            included[call_id], abs=1e-12
        )


def test_draw_frequencies_over_20000_seeds_match_the_inclusion_probabilities():
    frame = [
        *FRAME,
        FrameCall("b3", "B", frozenset({"breach", "late_bucket"})),
        FrameCall("c1", "C", frozenset({"late_bucket"})),
        FrameCall("c2", "C"),
    ]
    plan = SamplingPlan(
        minimum_per_collector=1,
        extra_calls=2,
        risk_weights={**WEIGHTS, "late_bucket": 1.5},
    )
    design = sampling_design(frame, plan)
    draws = 20_000
    counts = dict.fromkeys((p.call.call_id for p in design.calls), 0)
    minimum_phase_sizes = set()
    for seed in range(draws):
        sample = draw_sample(design, seed)
        for call in sample.calls:
            counts[call.call_id] += 1
        minimum_phase_sizes.add(sum(c.in_minimum_phase for c in sample.calls))
    assert minimum_phase_sizes == {3}  # one per collector, every time
    for p in design.calls:
        pi = p.inclusion_probability
        standard_error = math.sqrt(pi * (1 - pi) / draws)
        assert abs(counts[p.call.call_id] / draws - pi) <= 4 * standard_error, (
            p.call.call_id
        )


def test_a_calls_risk_weight_is_the_product_of_its_factors_weights():
    weights = {"new_hire": 2.0, "breach": 3.0, "late_bucket": 1.5}
    assert risk_weight([], weights) == 1
    assert risk_weight(["breach"], weights) == 3
    assert risk_weight(["breach", "new_hire"], weights) == 6
    assert risk_weight(["breach", "new_hire", "late_bucket"], weights) == 9
    assert risk_weight(["not_configured"], weights) == 1
    # In the design: b3 has both factors, b2 none, so pi2 is 6 times larger.
    frame = [
        FrameCall("b2", "B"),
        FrameCall("b3", "B", frozenset({"breach", "new_hire"})),
    ]
    design = sampling_design(
        frame,
        SamplingPlan(minimum_per_collector=0, extra_calls=0.7, risk_weights=weights),
    )
    by_call = probabilities(design)
    assert by_call["b3"].risk_probability == pytest.approx(
        6 * by_call["b2"].risk_probability
    )
    assert by_call["b2"].risk_probability == pytest.approx(0.1)


def test_the_same_seed_draws_the_same_sample_whatever_the_frame_order():
    frame = [
        FrameCall(f"{collector}{n}", collector, frozenset({"breach"} if n % 3 else ()))
        for collector in "ABCDE"
        for n in range(30)
    ]
    plan = SamplingPlan(minimum_per_collector=4, extra_calls=15, risk_weights=WEIGHTS)
    shuffled = frame[:]
    random.Random(7).shuffle(shuffled)
    first = draw_sample(sampling_design(frame, plan), seed=20261101)
    again = draw_sample(sampling_design(shuffled, plan), seed=20261101)
    other = draw_sample(sampling_design(frame, plan), seed=20261102)
    assert first.calls == again.calls
    assert [c.call_id for c in first.calls] != [c.call_id for c in other.calls]
    assert first.seed == 20261101


def test_a_stored_seed_keeps_drawing_the_sample_it_drew_when_stored():
    # Pinned: Python guarantees random.Random(seed).random() across versions,
    # so a sample recorded with its seed can be drawn again identically.
    frame = [FrameCall(n, "A" if n < 6 else "B") for n in range(12)]
    plan = SamplingPlan(minimum_per_collector=2, extra_calls=2)
    sample = draw_sample(sampling_design(frame, plan), seed=42)
    drawn = [(c.call_id, c.in_minimum_phase, c.in_risk_phase) for c in sample.calls]
    assert drawn == [
        (0, False, True),
        (1, True, True),
        (3, True, False),
        (4, False, True),
        (7, True, True),
        (9, True, False),
        (11, False, True),
    ]


def test_evaluated_calls_and_other_outcomes_are_left_out_of_the_frame():
    frame = [
        FrameCall("a1", "A"),
        FrameCall("a2", "A"),
        FrameCall("a3", "A", right_party_contact=False),
        FrameCall("a4", "A"),
    ]
    design = sampling_design(
        frame, SamplingPlan(minimum_per_collector=1, extra_calls=1), evaluated={"a4"}
    )
    assert [p.call.call_id for p in design.calls] == ["a1", "a2"]
    assert [p.minimum_probability for p in design.calls] == [0.5, 0.5]
    assert all(p.inclusion_probability == 1 for p in design.calls)


def test_a_collector_with_fewer_calls_than_the_minimum_gives_all_and_is_listed():
    frame = [FrameCall("a1", "A"), FrameCall("b1", "B"), FrameCall("b2", "B")]
    design = sampling_design(frame, SamplingPlan(minimum_per_collector=2))
    assert design.short_collectors == {"A": 1}
    assert design.minimum_sizes == {"A": 1, "B": 2}
    sample = draw_sample(design, seed=3)
    assert [c.call_id for c in sample.calls] == ["a1", "b1", "b2"]
    assert all(c.inclusion_probability == 1 for c in sample.calls)


def test_plans_take_weights_as_decimals_as_they_come_from_the_database():
    plan = SamplingPlan(
        minimum_per_collector=1,
        extra_calls=Decimal("1"),
        risk_weights={"new_hire": Decimal("2"), "breach": Decimal("3.0")},
    )
    by_call = probabilities(sampling_design(FRAME, plan))
    assert by_call["b1"].risk_probability == pytest.approx(9 / 14, abs=1e-15)


@pytest.mark.parametrize(
    ("plan_arguments", "message"),
    [
        ({"minimum_per_collector": -1}, "whole number"),
        ({"minimum_per_collector": 1.5}, "whole number"),
        ({"extra_calls": -1}, "0 or more"),
        ({"extra_calls": math.nan}, "0 or more"),
        ({"risk_weights": {"breach": 0}}, "more than 0"),
        ({"risk_weights": {"breach": math.inf}}, "more than 0"),
        ({"risk_weights": {"breach": "high"}}, "more than 0"),
        ({"extra_calls": "ten"}, "0 or more"),
    ],
)
def test_plans_that_cannot_be_drawn_are_refused(plan_arguments, message):
    with pytest.raises(SamplingError, match=message):
        SamplingPlan(**plan_arguments)


def test_frames_and_seeds_that_cannot_be_drawn_are_refused():
    plan = SamplingPlan()
    with pytest.raises(SamplingError, match="appear twice"):
        sampling_design([FrameCall(1, "A"), FrameCall(1, "A")], plan)
    with pytest.raises(SamplingError, match="of one kind"):
        sampling_design([FrameCall(1, "A"), FrameCall("x", "A")], plan)
    with pytest.raises(SamplingError, match="whole number"):
        draw_sample(sampling_design([FrameCall(1, "A")], plan), seed="abc")


def test_hajek_estimate_by_hand():
    # Scores 1 and 0 drawn with pi 1/2 and 1/4: (1 x 2 + 0 x 4) / (2 + 4) = 1/3,
    # the plain mean 1/2. The evaluation without a score is left out.
    estimate = hajek_estimate([(1, 0.5), (0, 0.25), (None, 0.5)])
    assert estimate.weighted_mean == pytest.approx(1 / 3, abs=1e-15)
    assert estimate.plain_mean == 0.5
    assert estimate.calls == 2
    assert hajek_estimate([]).weighted_mean is None
    assert hajek_estimate([(None, 1)]).calls == 0
    with pytest.raises(SamplingError, match=r"\(0, 1\]"):
        hajek_estimate([(1, 0)])


def test_hajek_estimate_takes_the_exact_scores_of_the_scorecard():
    estimate = hajek_estimate([(Fraction(197, 240), 0.5), (Decimal("0.5"), 1.0)])
    # (197/240 x 2 + 0.5 x 1) / 3
    assert estimate.weighted_mean == pytest.approx((197 / 120 + 0.5) / 3, abs=1e-15)


def test_collector_estimates_group_by_collector():
    estimates = collector_estimates([("A", 0.9, 0.5), ("A", 0.6, 1.0), ("B", 0.5, 0.2)])
    # A: (0.9 x 2 + 0.6 x 1) / 3 = 0.8, plain 0.75.
    assert estimates["A"].weighted_mean == pytest.approx(0.8, abs=1e-15)
    assert estimates["A"].plain_mean == pytest.approx(0.75, abs=1e-15)
    assert (estimates["B"].weighted_mean, estimates["B"].calls) == (0.5, 1)


def test_hajek_estimate_is_unbiased_where_the_plain_mean_is_not():
    # One collector's 200 calls: the 40 with a contact-rule breach score about
    # 0.5 and are 5 times as likely to be drawn for risk; the other 160 score
    # about 0.9. The true mean is 0.82. Over 5,000 draws the plain mean
    # over-represents the breaches and comes out 0.12 low; the Hájek estimate,
    # a ratio, keeps only a bias of order 1/n (0.002 here, well under 0.005).
    population = random.Random(5)
    scores = {}
    frame = []
    for n in range(200):
        breach = n < 40
        scores[n] = min(1.0, max(0.0, population.gauss(0.5 if breach else 0.9, 0.05)))
        frame.append(FrameCall(n, "A", frozenset({"breach"} if breach else ())))
    true_mean = math.fsum(scores.values()) / len(scores)
    design = sampling_design(
        frame,
        SamplingPlan(
            minimum_per_collector=4, extra_calls=20, risk_weights={"breach": 5}
        ),
    )
    weighted, plain = mean_estimates(design, scores, draws=5_000)
    weighted_bias, plain_bias = weighted - true_mean, plain - true_mean
    assert abs(weighted_bias) < 0.005
    assert plain_bias < -0.08

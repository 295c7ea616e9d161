"""Level 3's item means, checked by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from training.kpis.calculations.behaviour import answer_points, weighted_item_mean


def test_answers_in_points_out_of_a_hundred():
    assert answer_points("yes") == 100
    assert answer_points("no") == 0
    assert answer_points("na") is None
    assert answer_points("3", scale_max=4) == 75
    assert answer_points("1", scale_max=3) == Fraction(100, 3)


def test_the_mean_weights_each_call_by_one_over_its_inclusion_probability():
    # A yes drawn with π = 1/2 (weight 2), a no with π = 1/4 (weight 4), and an
    # N/A: (100 × 2 + 0 × 4) / (2 + 4) = 33.33, over two calls.
    found = weighted_item_mean(
        [(Fraction(100), Fraction(2)), (Fraction(0), Fraction(4)), (None, Fraction(1))]
    )
    assert found.value == Decimal("33.33")
    assert found.calls == 2


def test_no_scored_call_is_no_data_not_zero():
    assert weighted_item_mean([(None, Fraction(1))]).value is None
    assert weighted_item_mean([]).calls == 0


@pytest.mark.parametrize(("answer", "scale"), [("maybe", None), ("5", 4)])
def test_answers_off_the_item_are_refused(answer, scale):
    with pytest.raises(ValueError):
        answer_points(answer, scale)

"""Training effectiveness as a difference-in-differences: a hand-worked
case, the regression with an interaction term (statsmodels) as the
reference, the bootstrap interval's coverage and reproducibility, the
too-small rule and the reading in words."""

from decimal import Decimal

import numpy
import pandas
import pytest
import statsmodels.formula.api as smf

from training.kpis.calculations.did import (
    Change,
    bootstrap_estimates,
    difference_in_differences,
    percentile,
    plain_reading,
)
from training.kpis.calculations.measures import (
    AMOUNT_COLLECTED,
    AVERAGE_HANDLE_TIME,
    PTP_KEPT_RATE,
    FactTotals,
    Unit,
)

D = Decimal


def changes(prefix, pairs):
    return [
        Change(f"{prefix}{n}", None if b is None else D(b), None if a is None else D(a))
        for n, (b, a) in enumerate(pairs)
    ]


def test_a_small_case_worked_by_hand():
    # Trained changes +5, +3, +4 (mean 4); not yet trained +1, 0, +2 (mean 1):
    # the trained rose 3 points more.
    trained = changes("t", [("50", "55"), ("60", "63"), ("40", "44")])
    untrained = changes("u", [("50", "51"), ("60", "60"), ("45", "47")])
    result = difference_in_differences(
        PTP_KEPT_RATE, trained, untrained, minimum_group_size=3
    )
    assert (result.trained_change, result.untrained_change) == (4.0, 1.0)
    assert result.estimate == 3.0
    assert (result.trained, result.untrained) == (3, 3)
    # Resampled estimates lie between the extremes: trained mean 3 to 5,
    # untrained 0 to 2, so every one is between 1 and 5.
    assert 1.0 <= result.low <= 3.0 <= result.high <= 5.0


def test_a_change_is_read_from_two_periods_facts():
    before = FactTotals(kept=3, broken=1)  # 75%
    after = FactTotals(kept=4, broken=0)  # 100%
    change = Change.of("t1", PTP_KEPT_RATE, before, after)
    assert (change.before, change.after, change.difference) == (
        D("75.00"),
        D("100.00"),
        25,
    )
    assert Change.of("t1", PTP_KEPT_RATE, FactTotals(), after).difference is None


def test_collectors_without_data_in_a_period_are_left_out():
    trained = changes("t", [("50", "55"), (None, "63"), ("40", "44")])
    untrained = changes("u", [("50", "51"), ("60", None), ("45", "47")])
    result = difference_in_differences(
        PTP_KEPT_RATE, trained, untrained, minimum_group_size=2
    )
    assert (result.trained, result.trained_left_out) == (2, 1)
    assert (result.untrained, result.untrained_left_out) == (2, 1)
    assert result.estimate == 4.5 - 1.5


def synthetic_panel(*, trained, untrained, effect, seed):
    """KPI values (2 places, like a PTP kept rate) for collectors with their
    own level, a common trend of +2 points, noise, and ``effect`` for the
    trained after training."""
    rng = numpy.random.default_rng(seed)
    groups = {"t": [], "u": []}
    for prefix, size, lift in (("t", trained, effect), ("u", untrained, 0.0)):
        level = rng.normal(60, 8, size) + (3 if prefix == "t" else 0)
        before = level + rng.normal(0, 4, size)
        after = level + 2 + lift + rng.normal(0, 4, size)
        groups[prefix] = [
            Change(f"{prefix}{n}", D(f"{b:.2f}"), D(f"{a:.2f}"))
            for n, (b, a) in enumerate(zip(before, after, strict=True))
        ]
    return groups["t"], groups["u"]


def long_form(trained, untrained):
    rows = []
    for group, is_trained in ((trained, 1), (untrained, 0)):
        for change in group:
            for is_after, value in ((0, change.before), (1, change.after)):
                rows.append(
                    {
                        "collector": change.collector,
                        "y": float(value),
                        "treated": is_trained,
                        "post": is_after,
                    }
                )
    return pandas.DataFrame(rows)


@pytest.mark.parametrize(("n_trained", "n_untrained"), [(30, 30), (18, 42)])
def test_the_estimate_is_the_interaction_coefficient(n_trained, n_untrained):
    trained, untrained = synthetic_panel(
        trained=n_trained, untrained=n_untrained, effect=4.0, seed=5
    )
    fit = smf.ols("y ~ treated * post", data=long_form(trained, untrained)).fit()
    result = difference_in_differences(PTP_KEPT_RATE, trained, untrained)
    assert result.estimate == pytest.approx(fit.params["treated:post"], abs=1e-9)


def test_the_interval_covers_the_known_effect_and_matches_the_clustered_error():
    trained, untrained = synthetic_panel(
        trained=400, untrained=600, effect=4.0, seed=11
    )
    result = difference_in_differences(PTP_KEPT_RATE, trained, untrained)
    assert result.low < 4.0 < result.high
    assert result.low < result.estimate < result.high
    # The regression's standard error clustered by collector is the textbook
    # one for this design; a 95% bootstrap interval spans about ±1.96 of it.
    fit = smf.ols("y ~ treated * post", data=long_form(trained, untrained)).fit(
        cov_type="cluster",
        cov_kwds={"groups": long_form(trained, untrained)["collector"].factorize()[0]},
    )
    normal_width = 2 * 1.959964 * fit.bse["treated:post"]
    assert (result.high - result.low) / normal_width == pytest.approx(1, abs=0.1)


def test_the_interval_is_reproducible_from_its_seed():
    trained, untrained = synthetic_panel(trained=25, untrained=40, effect=3.0, seed=2)
    first = difference_in_differences(PTP_KEPT_RATE, trained, untrained, seed=9)
    again = difference_in_differences(PTP_KEPT_RATE, trained, untrained, seed=9)
    other = difference_in_differences(PTP_KEPT_RATE, trained, untrained, seed=10)
    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low, first.high) != (other.low, other.high)
    assert first.estimate == other.estimate
    assert (first.resamples, first.seed, first.confidence) == (2000, 9, 0.95)


def test_the_bootstrap_resamples_each_group_to_its_own_size():
    # A group whose collectors all changed alike resamples to that change:
    # trained all +5, not yet trained all +1 -> every resample gives 4.
    estimates = bootstrap_estimates([5.0] * 12, [1.0] * 30, resamples=50, seed=1)
    assert estimates == [4.0] * 50


@pytest.mark.parametrize("quantile", [0.0, 0.025, 0.5, 0.975, 1.0, 0.333])
def test_percentile_interpolates_as_numpy_does(quantile):
    values = sorted(numpy.random.default_rng(3).normal(size=101).tolist())
    assert percentile(values, quantile) == pytest.approx(
        numpy.percentile(values, quantile * 100), abs=1e-12
    )


def test_groups_too_small_give_no_number():
    trained, untrained = synthetic_panel(trained=9, untrained=40, effect=3.0, seed=2)
    result = difference_in_differences(PTP_KEPT_RATE, trained, untrained)
    assert result.too_small
    assert (result.estimate, result.low, result.high) == (None, None, None)
    assert result.reading == (
        "Too few collectors to compare PTP kept rate: 9 trained and 40 not yet "
        "trained with data in both periods; at least 10 in each group are needed."
    )


def test_the_minimum_counts_collectors_with_data_in_both_periods():
    trained, untrained = synthetic_panel(trained=10, untrained=10, effect=3.0, seed=2)
    trained[0] = Change("t0", None, D("50"))
    result = difference_in_differences(PTP_KEPT_RATE, trained, untrained)
    assert result.too_small
    assert (result.trained, result.trained_left_out) == (9, 1)


def test_a_collector_in_both_groups_is_refused():
    trained = changes("c", [("1", "2")])
    with pytest.raises(ValueError, match="both groups"):
        difference_in_differences(PTP_KEPT_RATE, trained, trained)


def test_the_reading_from_a_real_estimate():
    trained, untrained = synthetic_panel(trained=18, untrained=42, effect=4.0, seed=8)
    result = difference_in_differences(PTP_KEPT_RATE, trained, untrained)
    assert result.reading.startswith("PTP kept rate rose ")
    assert result.reading.endswith("; 18 trained, 42 not yet")


@pytest.mark.parametrize(
    ("unit", "estimate", "low", "high", "said"),
    [
        (
            Unit.PERCENT,
            4.1,
            1.2,
            7.0,
            "PTP kept rate rose 4.1 points more for trained collectors; "
            "95% interval 1.2 to 7.0; 18 trained, 42 not yet",
        ),
        (
            Unit.PERCENT,
            -2.34,
            -4.06,
            -0.51,
            "PTP kept rate fell 2.3 points more for trained collectors; "
            "95% interval -4.1 to -0.5; 18 trained, 42 not yet",
        ),
        (
            Unit.PERCENT,
            0.04,
            -1.25,
            1.31,
            "PTP kept rate changed the same for trained collectors as for those "
            "not yet trained; 95% interval -1.3 to 1.3; 18 trained, 42 not yet",
        ),
        (
            Unit.PERCENT,
            -0.04,
            -1.0,
            0.96,
            "PTP kept rate changed the same for trained collectors as for those "
            "not yet trained; 95% interval -1.0 to 1.0; 18 trained, 42 not yet",
        ),
    ],
)
def test_the_reading_in_words(unit, estimate, low, high, said):
    assert (
        plain_reading(
            label="PTP kept rate",
            unit=unit,
            estimate=estimate,
            low=low,
            high=high,
            confidence=0.95,
            trained=18,
            untrained=42,
        )
        == said
    )


def test_the_reading_speaks_in_the_measures_unit():
    money = plain_reading(
        label=AMOUNT_COLLECTED.label,
        unit=AMOUNT_COLLECTED.unit,
        estimate=1250.5,
        low=310.0,
        high=2190.255,
        confidence=0.9,
        trained=12,
        untrained=30,
    )
    assert money == (
        "Amount collected rose 1,250.50 more for trained collectors; "
        "90% interval 310.00 to 2,190.26; 12 trained, 30 not yet"
    )
    seconds = plain_reading(
        label=AVERAGE_HANDLE_TIME.label,
        unit=AVERAGE_HANDLE_TIME.unit,
        estimate=-12.0,
        low=-20.0,
        high=-4.0,
        confidence=0.95,
        trained=12,
        untrained=30,
    )
    assert seconds.startswith(
        "Average handle time fell 12.0 seconds more for trained collectors"
    )

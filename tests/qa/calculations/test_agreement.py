"""Calibration agreement against hand-computed textbook cases and, to 1e-9,
against scikit-learn (Cohen's kappa), statsmodels (Fleiss' kappa) and the
krippendorff package (Krippendorff's alpha) on random ratings, with the
degenerate cases each treats as undefined."""

import math
import random
import warnings

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

from training.qa.calculations.agreement import (
    DEFAULT_AMBIGUITY_THRESHOLD,
    AgreementError,
    KappaWeights,
    Level,
    cohen_kappa,
    consensus_deviations,
    fleiss_kappa,
    item_agreement,
    krippendorff_alpha,
)

TOLERANCE = 1e-9

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": four
# observers, twelve units, missing values as None. Published: nominal 0.743,
# ordinal 0.815, interval 0.849.
KRIPPENDORFF_2011 = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, 3, None, None],
]

# Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories,
# counts per category; kappa = 0.210.
FLEISS_COUNTS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def ratings_from_counts(counts):
    return [
        [category for category, n in enumerate(row, start=1) for _ in range(n)]
        for row in counts
    ]


def quietly(reference, *args, **kwargs):
    """Call a reference implementation without its warnings on undefined cases
    (it answers NaN there, which the tests check)."""
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore")
        return reference(*args, **kwargs)


def as_reliability_data(units):
    """The krippendorff package's layout: raters by units, NaN where missing."""
    return np.array(
        [[np.nan if r is None else r for r in unit] for unit in units], dtype=float
    ).T


# Cohen's kappa -----------------------------------------------------------


def test_cohen_kappa_by_hand():
    # 50 calls: both yes 20, first yes second no 5, first no second yes 10,
    # both no 15. Observed agreement 35/50 = 0.7; chance 0.5 x 0.6 + 0.5 x 0.4
    # = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    first = [True] * 25 + [False] * 25
    second = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4, abs=1e-15)


def test_weighted_cohen_kappa_by_hand():
    # Scale 0-2, three calls rated (0, 1), (1, 1), (2, 0).
    # Linear: observed sum |i - j| = 1 + 0 + 2 = 3, scaled by n = 3: 9;
    # chance: first {0,1,2} x second {0: 1, 1: 2}: |0-0| + 2|0-1| + |1-0|
    # + 2|1-1| + |2-0| + 2|2-1| = 0 + 2 + 1 + 0 + 2 + 2 = 7; 1 - 9/7 = -2/7.
    first, second = [0, 1, 2], [1, 1, 0]
    assert cohen_kappa(first, second, weights=KappaWeights.LINEAR) == pytest.approx(
        -2 / 7
    )
    # Quadratic: observed 1 + 0 + 4 = 5, x 3 = 15; chance 0 + 2 + 1 + 0 + 4 + 2
    # = 9; 1 - 15/9 = -2/3.
    assert cohen_kappa(first, second, weights="quadratic") == pytest.approx(-2 / 3)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
@pytest.mark.parametrize("seed", range(30))
def test_cohen_kappa_matches_scikit_learn(seed, weights):
    generator = random.Random(seed)
    points = list(range(generator.randint(2, 6)))
    size = generator.randint(2, 40)
    first = [generator.choice(points) for _ in range(size)]
    # A second rater who mostly agrees, sometimes one point off, sometimes random.
    second = [
        min(points[-1], max(0, value + generator.choice([-1, 0, 0, 0, 1])))
        if generator.random() < 0.8
        else generator.choice(points)
        for value in first
    ]
    reference = quietly(
        cohen_kappa_score, first, second, labels=points, weights=weights
    )
    ours = cohen_kappa(first, second, weights=weights, categories=points)
    if math.isnan(reference):
        assert ours is None
    else:
        assert ours == pytest.approx(reference, abs=TOLERANCE)


def test_cohen_kappa_categories_default_to_the_ratings_given_as_scikit_learn():
    first = ["pass", "fail", "pass", "na", "fail", "pass"]
    second = ["pass", "fail", "fail", "na", "pass", "pass"]
    assert cohen_kappa(first, second) == pytest.approx(
        cohen_kappa_score(first, second), abs=TOLERANCE
    )


def test_cohen_kappa_leaves_out_calls_either_rater_skipped():
    first = [1, 2, None, 3, 1, 2]
    second = [1, 2, 3, 3, None, 1]
    assert cohen_kappa(first, second, weights="quadratic") == pytest.approx(
        cohen_kappa_score([1, 2, 3, 2], [1, 2, 3, 1], weights="quadratic"),
        abs=TOLERANCE,
    )


def test_cohen_kappa_is_undefined_when_both_raters_use_one_category():
    # scikit-learn answers NaN (with a warning) here; we answer None.
    assert math.isnan(quietly(cohen_kappa_score, [1, 1, 1], [1, 1, 1]))
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) is None
    assert cohen_kappa([True], [True], weights="quadratic") is None
    assert cohen_kappa([None, 1], [2, None]) is None
    assert cohen_kappa([], []) is None


def test_cohen_kappa_on_a_single_call_rated_differently_is_zero_not_undefined():
    assert cohen_kappa([1], [2]) == pytest.approx(
        cohen_kappa_score([1], [2]), abs=TOLERANCE
    )
    assert cohen_kappa([1], [2]) == 0


def test_cohen_kappa_refuses_ratings_it_cannot_pair_or_place():
    with pytest.raises(AgreementError, match="3 and 2 units"):
        cohen_kappa([1, 2, 3], [1, 2])
    with pytest.raises(AgreementError, match="outside the categories"):
        cohen_kappa([1, 5], [1, 2], categories=[0, 1, 2])
    with pytest.raises(AgreementError, match="give the categories"):
        cohen_kappa([1, "x"], [1, 2])


# Fleiss' kappa -----------------------------------------------------------


def test_fleiss_kappa_on_fleiss_worked_example():
    # P = 0.378, Pe = 0.213, kappa = (0.378 - 0.213) / (1 - 0.213) = 0.210
    assert fleiss_kappa(ratings_from_counts(FLEISS_COUNTS)) == pytest.approx(
        0.20993, abs=5e-6
    )
    assert fleiss_kappa(ratings_from_counts(FLEISS_COUNTS)) == pytest.approx(
        statsmodels_fleiss_kappa(np.array(FLEISS_COUNTS), method="fleiss"),
        abs=TOLERANCE,
    )


@pytest.mark.parametrize("seed", range(30))
def test_fleiss_kappa_matches_statsmodels(seed):
    generator = random.Random(seed)
    raters = generator.randint(3, 7)
    categories = generator.randint(2, 5)
    units = []
    for _ in range(generator.randint(1, 25)):
        truth = generator.randrange(categories)
        units.append(
            [
                truth if generator.random() < 0.7 else generator.randrange(categories)
                for _ in range(raters)
            ]
        )
    table, _ = aggregate_raters(np.array(units), n_cat=categories)
    reference = quietly(statsmodels_fleiss_kappa, table, method="fleiss")
    ours = fleiss_kappa(units)
    if math.isnan(reference):
        assert ours is None
    else:
        assert ours == pytest.approx(reference, abs=TOLERANCE)


def test_fleiss_kappa_is_undefined_when_every_rating_is_the_same():
    table, _ = aggregate_raters(np.array([[2, 2, 2], [2, 2, 2]]))
    assert math.isnan(quietly(statsmodels_fleiss_kappa, table))
    assert fleiss_kappa([[2, 2, 2], [2, 2, 2]]) is None
    assert fleiss_kappa([]) is None


def test_fleiss_kappa_refuses_missing_or_uneven_ratings():
    with pytest.raises(AgreementError, match="Unit 2 has 2 ratings, not 3"):
        fleiss_kappa([[1, 1, 2], [1, None, 2]])
    with pytest.raises(AgreementError, match="Unit 2 has 2 ratings, not 3"):
        fleiss_kappa([[1, 1, 2], [1, 2]])
    with pytest.raises(AgreementError, match="at least two"):
        fleiss_kappa([[1], [2]])


# Krippendorff's alpha ----------------------------------------------------


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)],
)
def test_krippendorff_alpha_on_krippendorffs_own_example(level, published):
    ours = krippendorff_alpha(KRIPPENDORFF_2011, level=level)
    assert ours == pytest.approx(published, abs=5e-4)
    reference = krippendorff.alpha(
        reliability_data=as_reliability_data(KRIPPENDORFF_2011),
        level_of_measurement=level,
    )
    assert ours == pytest.approx(reference, abs=TOLERANCE)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
@pytest.mark.parametrize("seed", range(30))
def test_krippendorff_alpha_matches_the_krippendorff_package(seed, level):
    generator = random.Random(seed)
    raters = generator.randint(2, 6)
    points = list(range(generator.randint(2, 6)))
    units = []
    for _ in range(generator.randint(2, 25)):
        truth = generator.choice(points)
        units.append(
            [
                None
                if generator.random() < 0.25
                else truth
                if generator.random() < 0.6
                else generator.choice(points)
                for _ in range(raters)
            ]
        )
    ours = krippendorff_alpha(units, level=level, categories=points)
    paired = [[r for r in unit if r is not None] for unit in units]
    paired_values = {r for unit in paired if len(unit) > 1 for r in unit}
    if len(paired_values) < 2:
        assert ours is None
        return
    reference = krippendorff.alpha(
        reliability_data=as_reliability_data(units),
        level_of_measurement=level,
        value_domain=points,
    )
    assert ours == pytest.approx(reference, abs=TOLERANCE)


def test_krippendorff_alpha_takes_text_categories_in_the_given_order():
    units = [["no", "no", "yes"], ["partly", "yes", "yes"], ["no", "partly", None]]
    order = ["no", "partly", "yes"]
    as_numbers = [[None if r is None else order.index(r) for r in u] for u in units]
    assert krippendorff_alpha(units, level="ordinal", categories=order) == (
        pytest.approx(
            krippendorff.alpha(
                reliability_data=as_reliability_data(as_numbers),
                level_of_measurement="ordinal",
                value_domain=[0, 1, 2],
            ),
            abs=TOLERANCE,
        )
    )
    assert krippendorff_alpha(units) == pytest.approx(
        krippendorff_alpha(as_numbers), abs=TOLERANCE
    )


def test_krippendorff_alpha_undefined_and_single_unit_cases():
    # Everyone agrees on one value: no variation, alpha undefined.
    assert krippendorff_alpha([[1, 1, None], [1, 1, 1]]) is None
    # No unit rated twice: nothing pairs up.
    assert krippendorff_alpha([[1, None], [None, 2]]) is None
    assert krippendorff_alpha([]) is None
    # A single call on which two analysts differ: o_12 = o_21 = 1, n_1 = n_2 = 1,
    # alpha = 1 - (2 - 1) x 2 / 2 = 0, as the package says.
    single = [[1, 2]]
    assert krippendorff_alpha(single) == 0
    assert krippendorff_alpha(single) == pytest.approx(
        krippendorff.alpha(
            reliability_data=as_reliability_data(single),
            level_of_measurement="nominal",
        ),
        abs=TOLERANCE,
    )


def test_alpha_refuses_ratings_it_cannot_measure():
    with pytest.raises(AgreementError, match="numbers"):
        krippendorff_alpha([["a", "b"], ["a", "a"]], level=Level.INTERVAL)
    with pytest.raises(AgreementError, match="outside the categories"):
        krippendorff_alpha([[1, 7], [1, 1]], categories=range(5))


# Deviation from the consensus and the per-item report --------------------


def test_each_analyst_against_the_median_of_the_others():
    ratings = {
        "call-1": {"ana": 4, "ben": 3, "cy": 3, "dee": 2},
        "call-2": {"ana": 4, "ben": 4, "cy": 2, "dee": None},
        "call-3": {"ana": 2, "ben": None, "cy": None, "dee": None},
    }
    deviations = consensus_deviations(ratings)
    # ana: call-1 4 - median(3, 3, 2) = 1; call-2 4 - median(4, 2) = 1;
    # call-3 has no one else. Mean 1, absolute 1, over 2 calls.
    assert deviations["ana"].units == 2
    assert deviations["ana"].mean_deviation == 1
    assert deviations["ana"].mean_absolute_deviation == 1
    # cy: call-1 3 - median(4, 3, 2) = 0; call-2 2 - median(4, 4) = -2.
    assert deviations["cy"].mean_deviation == -1
    assert deviations["cy"].mean_absolute_deviation == 1
    # dee: call-1 2 - median(4, 3, 3) = -1.
    assert (deviations["dee"].units, deviations["dee"].mean_deviation) == (1, -1)
    # ben: call-1 3 - median(4, 3, 2) = 0; call-2 4 - median(4, 2) = 1.
    assert deviations["ben"].mean_deviation == 0.5


def test_an_analyst_with_no_shared_call_has_no_deviation():
    deviations = consensus_deviations({"c": {"ana": 1, "ben": None}})
    assert deviations["ana"].units == 0
    assert deviations["ana"].mean_deviation is None
    assert deviations["ben"].mean_absolute_deviation is None


def test_an_item_below_the_threshold_is_flagged_ambiguous():
    # Four analysts split on a yes/no item across four calls.
    ratings = {
        "c1": {"ana": True, "ben": False, "cy": True, "dee": False},
        "c2": {"ana": True, "ben": True, "cy": False, "dee": True},
        "c3": {"ana": False, "ben": False, "cy": False, "dee": True},
        "c4": {"ana": True, "ben": True, "cy": True, "dee": True},
    }
    report = item_agreement("empathy", ratings, scale=False)
    assert report.raters == 4
    assert report.units == 4
    assert report.cohen_kappa is None
    matrix = [list(by_rater.values()) for by_rater in ratings.values()]
    assert report.fleiss_kappa == pytest.approx(
        statsmodels_fleiss_kappa(aggregate_raters(np.array(matrix))[0]),
        abs=TOLERANCE,
    )
    assert report.alpha == pytest.approx(
        krippendorff.alpha(
            reliability_data=as_reliability_data(matrix),
            level_of_measurement="nominal",
        ),
        abs=TOLERANCE,
    )
    assert report.alpha < DEFAULT_AMBIGUITY_THRESHOLD
    assert report.ambiguous
    assert report.alpha_level is Level.NOMINAL


def test_a_scale_item_with_two_analysts_uses_quadratic_kappa_and_ordinal_alpha():
    ratings = {
        "c1": {"ana": 4, "ben": 4},
        "c2": {"ana": 3, "ben": 4},
        "c3": {"ana": 1, "ben": 1},
        "c4": {"ana": 0, "ben": 1},
        "c5": {"ana": 2, "ben": None},
    }
    report = item_agreement(
        "payment_options", ratings, scale=True, scale_points=range(5)
    )
    first, second = [4, 3, 1, 0], [4, 4, 1, 1]
    assert report.cohen_kappa == pytest.approx(
        cohen_kappa_score(first, second, labels=list(range(5)), weights="quadratic"),
        abs=TOLERANCE,
    )
    assert report.fleiss_kappa is None
    assert report.alpha == pytest.approx(
        krippendorff.alpha(
            reliability_data=np.array([[4, 3, 1, 0, 2], [4, 4, 1, 1, np.nan]]),
            level_of_measurement="ordinal",
            value_domain=list(range(5)),
        ),
        abs=TOLERANCE,
    )
    assert report.alpha_level is Level.ORDINAL
    assert not report.ambiguous


def test_an_item_everyone_rates_the_same_is_not_ambiguous_and_says_why():
    ratings = {f"c{n}": {"ana": True, "ben": True, "cy": True} for n in range(5)}
    report = item_agreement("disclosure", ratings, scale=False)
    assert report.alpha is None
    assert report.fleiss_kappa is None
    assert not report.ambiguous
    assert "same rating to every call" in report.note


def test_missing_ratings_leave_fleiss_out_and_alpha_in():
    ratings = {
        "c1": {"ana": True, "ben": True, "cy": False},
        "c2": {"ana": False, "ben": None, "cy": False},
        "c3": {"ana": True, "ben": True, "cy": True},
    }
    report = item_agreement("recap", ratings, scale=False, threshold=0.9)
    assert report.fleiss_kappa is None
    assert "every call rated by every analyst" in report.note
    assert report.alpha is not None
    assert report.ambiguous == (report.alpha < 0.9)

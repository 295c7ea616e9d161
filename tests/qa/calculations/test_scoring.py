"""The evaluation score against hand-computed cases: weights, N/A re-basing at
item and section level, critical failures, scales, zero weights, rounding; and
on random scorecards against numpy's weighted average."""

import random
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from training.qa.calculations.scoring import (
    FORMULA,
    NOT_APPLICABLE,
    ItemKind,
    ItemSpec,
    ScorecardError,
    ScorecardSpec,
    SectionSpec,
    as_percent,
    score_evaluation,
)

NA = NOT_APPLICABLE

CARD = ScorecardSpec(
    sections=[
        SectionSpec(
            "opening",
            30,
            [
                ItemSpec("disclosure", 1, critical=True, rule_reference="FDCPA 807"),
                ItemSpec("greeting", 1),
                ItemSpec("rpc_verification", 2, critical=True, rule_reference="RPC-1"),
            ],
        ),
        SectionSpec(
            "negotiation",
            50,
            [
                ItemSpec("payment_options", 3, ItemKind.SCALE, scale_max=4),
                ItemSpec("empathy", 1, ItemKind.SCALE, scale_max=2),
                ItemSpec("accurate_information", 2),
            ],
        ),
        SectionSpec(
            "closing",
            20,
            [ItemSpec("recap", 1), ItemSpec("next_steps", 1)],
        ),
    ]
)

PERFECT = {
    "disclosure": True,
    "greeting": True,
    "rpc_verification": True,
    "payment_options": 4,
    "empathy": 2,
    "accurate_information": True,
    "recap": True,
    "next_steps": True,
}


def answers(**changes):
    return {**PERFECT, **changes}


def test_every_item_met_scores_one_hundred_percent():
    result = score_evaluation(CARD, PERFECT)
    assert result.score == 1
    assert result.percent == Decimal("100.00")
    assert not result.critical_failed


def test_weighted_sections_scale_items_and_an_na_item():
    # opening (1 + 0 + 2) / 4 = 3/4; negotiation (3 x 3/4 + 1 x 1/2 + 2 x 1) / 6
    # = 19/24; closing: recap N/A, next steps met = 1.
    # (30 x 3/4 + 50 x 19/24 + 20 x 1) / 100 = 985/12 / 100 = 197/240 = 82.083..%
    result = score_evaluation(
        CARD,
        answers(greeting=False, payment_options=3, empathy=1, recap=NA),
    )
    assert [s.score for s in result.sections] == [
        Fraction(3, 4),
        Fraction(19, 24),
        Fraction(1),
    ]
    assert result.score == Fraction(197, 240)
    assert result.percent == Decimal("82.08")


def test_an_all_na_section_leaves_the_total():
    # opening 3/4, negotiation 1, closing N/A: (30 x 3/4 + 50 x 1) / (30 + 50)
    # = 72.5 / 80 = 29/32 = 90.625%, a tie rounded half up.
    result = score_evaluation(CARD, answers(greeting=False, recap=NA, next_steps=NA))
    assert result.sections[2].score is None
    assert result.score == Fraction(29, 32)
    assert result.percent == Decimal("90.63")


def test_a_critical_fail_with_na_items_scores_zero_and_keeps_the_would_be_score():
    # opening: disclosure failed (0 x 1), greeting N/A, verification met (1 x 2)
    # = 2/3; negotiation: only empathy, 2 of 2 = 1; closing all N/A.
    # Would-be: (30 x 2/3 + 50 x 1) / 80 = 70/80 = 7/8.
    result = score_evaluation(
        CARD,
        answers(
            disclosure=False,
            greeting=NA,
            payment_options=NA,
            accurate_information=NA,
            recap=NA,
            next_steps=NA,
        ),
    )
    assert result.score == 0
    assert result.percent == Decimal("0.00")
    assert result.would_be_score == Fraction(7, 8)
    assert result.would_be_percent == Decimal("87.50")
    assert [item.key for item in result.failed_critical_items] == ["disclosure"]
    assert result.failed_critical_items[0].rule_reference == "FDCPA 807"
    opening = result.sections[0]
    assert opening.score == Fraction(2, 3)
    assert [(i.key, i.score, i.critical_failed) for i in opening.items] == [
        ("disclosure", Fraction(0), True),
        ("greeting", None, False),
        ("rpc_verification", Fraction(1), False),
    ]


def test_two_critical_fails_are_both_listed():
    result = score_evaluation(CARD, answers(disclosure=False, rpc_verification=False))
    assert result.score == 0
    # opening: only the greeting met, 1 of 1 + 1 + 2 = 1/4; negotiation 1,
    # closing 1: (30 x 1/4 + 50 + 20) / 100 = 77.5 / 100
    assert result.would_be_score == Fraction(31, 40)
    assert [i.key for i in result.failed_critical_items] == [
        "disclosure",
        "rpc_verification",
    ]


def test_a_critical_item_answered_na_does_not_fail_the_evaluation():
    result = score_evaluation(CARD, answers(disclosure=NA))
    assert result.score == 1
    assert not result.critical_failed


def test_an_all_na_card_has_no_score_rather_than_zero_or_full_marks():
    result = score_evaluation(CARD, dict.fromkeys(PERFECT, NA))
    assert result.score is None
    assert result.would_be_score is None
    assert result.percent is None
    assert all(section.score is None for section in result.sections)
    assert not result.critical_failed


def test_zero_weights_count_for_nothing_but_a_zero_weight_critical_still_fails():
    card = ScorecardSpec(
        [
            SectionSpec(
                "main",
                1,
                [
                    ItemSpec("a", 1),
                    ItemSpec("b", 0),
                    ItemSpec("rule", 0, critical=True),
                ],
            ),
            SectionSpec("unweighted", 0, [ItemSpec("c", 1)]),
        ]
    )
    met = score_evaluation(card, {"a": True, "b": False, "rule": True, "c": False})
    assert met.score == 1
    failed = score_evaluation(card, {"a": True, "b": True, "rule": False, "c": True})
    assert failed.score == 0
    assert failed.would_be_score == 1


def test_a_section_whose_answered_items_weigh_nothing_leaves_the_total():
    card = ScorecardSpec(
        [
            SectionSpec("main", 1, [ItemSpec("a", 1)]),
            SectionSpec("side", 3, [ItemSpec("b", 0), ItemSpec("c", 2)]),
        ]
    )
    result = score_evaluation(card, {"a": False, "b": True, "c": NA})
    assert result.sections[1].score is None
    assert result.score == 0
    assert result.percent == Decimal("0.00")


def test_scale_items_score_their_share_of_the_scale():
    card = ScorecardSpec(
        [SectionSpec("s", 1, [ItemSpec("tone", 1, ItemKind.SCALE, scale_max=3)])]
    )
    assert [score_evaluation(card, {"tone": v}).percent for v in range(4)] == [
        Decimal("0.00"),
        Decimal("33.33"),
        Decimal("66.67"),
        Decimal("100.00"),
    ]


def test_decimal_weights_are_exact_and_the_order_of_sections_does_not_matter():
    sections = [
        SectionSpec("a", Decimal("0.1"), [ItemSpec("x", Decimal("0.7"))]),
        SectionSpec(
            "b",
            Decimal("0.2"),
            [ItemSpec("y", Decimal("0.3")), ItemSpec("z", Decimal("0.1"))],
        ),
    ]
    given = {"x": True, "y": False, "z": True}
    forwards = score_evaluation(ScorecardSpec(sections), given)
    backwards = score_evaluation(ScorecardSpec(sections[::-1]), given)
    # a = 1, b = 0.1 / 0.4 = 1/4: (0.1 x 1 + 0.2 x 1/4) / 0.3 = 0.15 / 0.3 = 1/2
    assert forwards.score == backwards.score == Fraction(1, 2)
    assert forwards.percent == Decimal("50.00")


@pytest.mark.parametrize(
    ("score", "percent"),
    [
        (Fraction(1, 800), "0.13"),  # 0.125 %: half up, not to even
        (Fraction(5, 1600), "0.31"),  # 0.3125 %
        (Fraction(1, 3), "33.33"),
        (Fraction(2, 3), "66.67"),
        (Fraction(0), "0.00"),
        (Fraction(1), "100.00"),
        (Fraction(999_995, 1_000_000), "100.00"),
        (Fraction(999_949, 1_000_000), "99.99"),
    ],
)
def test_percentages_round_half_up_to_hundredths(score, percent):
    assert as_percent(score) == Decimal(percent)
    assert str(as_percent(score)) == percent


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"payment_options": 5}, "scored 0 to 4"),
        ({"payment_options": True}, "scored 0 to 4"),
        ({"payment_options": 2.5}, "scored 0 to 4"),
        ({"greeting": 1}, "yes/no"),
        ({"greeting": None}, "yes/no"),
        ({"unknown_item": True}, "not on this scorecard"),
    ],
)
def test_answers_that_do_not_fit_the_item_are_refused(changes, message):
    with pytest.raises(ScorecardError, match=message):
        score_evaluation(CARD, answers(**changes))


def test_an_unanswered_item_is_refused_not_taken_as_na():
    given = dict(PERFECT)
    del given["recap"]
    with pytest.raises(ScorecardError, match=r"without an answer: \['recap'\]"):
        score_evaluation(CARD, given)


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ([], "no sections"),
        ([SectionSpec("s", 1, [])], "has no items"),
        ([SectionSpec("s", -1, [ItemSpec("a", 1)])], "cannot be negative"),
        ([SectionSpec("s", 1, [ItemSpec("a", 0.5)])], "floats are inexact"),
        ([SectionSpec("s", Decimal("NaN"), [ItemSpec("a", 1)])], "finite"),
        ([SectionSpec("s", 1, [ItemSpec("a", 1), ItemSpec("a", 1)])], "twice"),
        (
            [SectionSpec("s", 1, [ItemSpec("a", 1)]), SectionSpec("s", 1, [])],
            "twice",
        ),
        ([SectionSpec("s", 1, [ItemSpec("a", 1, ItemKind.SCALE)])], "scale max"),
        (
            [SectionSpec("s", 1, [ItemSpec("a", 1, ItemKind.SCALE, scale_max=0)])],
            "scale max",
        ),
        ([SectionSpec("s", 1, [ItemSpec("a", 1, scale_max=3)])], "no scale max"),
        (
            [
                SectionSpec(
                    "s",
                    1,
                    [ItemSpec("a", 1, ItemKind.SCALE, scale_max=3, critical=True)],
                )
            ],
            "must be yes/no",
        ),
    ],
)
def test_scorecards_that_cannot_be_scored_are_refused_with_the_reason(
    sections, message
):
    with pytest.raises(ScorecardError, match=message):
        score_evaluation(ScorecardSpec(sections), {"a": True})


def test_the_formula_text_states_the_rules_the_code_follows():
    assert "N/A items leave both the numerator and the denominator" in FORMULA
    assert "A section without a score leaves both sums" in FORMULA
    assert "its score is 0" in FORMULA
    assert "rounded half up to two decimal places" in FORMULA


def _reference_score(card, given):
    """The same rules written independently with numpy.average: weighted means
    over the items, then the sections, that have a score."""
    section_scores, section_weights = [], []
    for section in card.sections:
        scores, weights = [], []
        for item in section.items:
            answer = given[item.key]
            if answer is NA:
                continue
            scores.append(
                float(answer)
                if item.kind is ItemKind.YES_NO
                else answer / item.scale_max
            )
            weights.append(float(item.weight))
        if sum(weights) > 0:
            section_scores.append(np.average(scores, weights=weights))
            section_weights.append(float(section.weight))
    if sum(section_weights) == 0:
        return None
    return float(np.average(section_scores, weights=section_weights))


@pytest.mark.parametrize("seed", range(200))
def test_random_scorecards_agree_with_numpy_weighted_averages(seed):
    generator = random.Random(seed)
    sections, given = [], {}
    for s in range(generator.randint(1, 4)):
        items = []
        for i in range(generator.randint(1, 5)):
            key = f"s{s}i{i}"
            weight = Decimal(generator.randint(0, 40)) / 4
            if generator.random() < 0.4:
                top = generator.randint(1, 5)
                items.append(ItemSpec(key, weight, ItemKind.SCALE, scale_max=top))
                given[key] = generator.randint(0, top)
            else:
                items.append(ItemSpec(key, weight))
                given[key] = generator.random() < 0.7
            if generator.random() < 0.25:
                given[key] = NA
        sections.append(SectionSpec(f"s{s}", generator.randint(0, 5), items))
    card = ScorecardSpec(sections)
    result = score_evaluation(card, given)
    reference = _reference_score(card, given)
    if reference is None:
        assert result.would_be_score is None
    else:
        assert float(result.would_be_score) == pytest.approx(reference, abs=1e-12)

"""The evaluation score of a weighted scorecard with N/A answers and critical
items. No Django import.

The arithmetic is exact: weights are integers or Decimals and every sum and
quotient is a ``Fraction``, so recomputing an evaluation gives the same score
to the last digit on every machine and in every order of the items. Only the
final percentage is rounded, once, half up to two decimal places.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

FORMULA = """\
How the evaluation score is computed

1. Item score. A yes/no item scores 1 for yes and 0 for no. A scale item
   answered v on a scale from 0 to N scores v / N. An item answered N/A has no
   score.

2. Section score. The weighted mean of the section's item scores, counting
   only the items that have a score:
       section score = sum(item weight x item score) / sum(item weight)
   N/A items leave both the numerator and the denominator. A section whose
   items are all N/A (or whose answered items all weigh 0) has no score.

3. Evaluation score. The weighted mean of the section scores, counting only
   the sections that have a score:
       score = sum(section weight x section score) / sum(section weight)
   A section without a score leaves both sums. An evaluation in which every
   item is N/A has no score: it is shown as "no score" and left out of every
   average, never counted as 0 or 100%.

4. Critical items. A critical item answered "no" fails the whole evaluation:
   its score is 0. The item and section scores are kept and shown, with the
   score the evaluation would have had without the critical failure. A
   critical item answered N/A does not fail the evaluation.

The score is shown as a percentage rounded half up to two decimal places; the
sums are computed exactly, without rounding, before that one rounding.
"""


class ScorecardError(ValueError):
    """A scorecard or a set of answers that cannot be scored, with the reason."""


class ItemKind(enum.StrEnum):
    YES_NO = "yes_no"
    SCALE = "scale"


class _NotApplicable:
    """The N/A answer: the item does not apply to this call."""

    _instance: _NotApplicable | None = None

    def __new__(cls) -> _NotApplicable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"

    def __reduce__(self) -> str:
        return "NOT_APPLICABLE"


NOT_APPLICABLE = _NotApplicable()

Answer = bool | int | _NotApplicable
Weight = int | Decimal | Fraction


@dataclass(frozen=True)
class ItemSpec:
    """One item of a scorecard version."""

    key: str
    weight: Weight
    kind: ItemKind = ItemKind.YES_NO
    scale_max: int | None = None
    critical: bool = False
    rule_reference: str = ""
    label: str = ""


@dataclass(frozen=True)
class SectionSpec:
    """A section of a scorecard version: a weight and its items."""

    key: str
    weight: Weight
    items: Sequence[ItemSpec]
    label: str = ""


@dataclass(frozen=True)
class ScorecardSpec:
    """The sections and items of one scorecard version."""

    sections: Sequence[SectionSpec]


@dataclass(frozen=True)
class ItemResult:
    key: str
    score: Fraction | None  # None: answered N/A
    critical_failed: bool


@dataclass(frozen=True)
class SectionResult:
    key: str
    score: Fraction | None  # None: every item N/A, the section leaves the total
    items: tuple[ItemResult, ...]


@dataclass(frozen=True)
class EvaluationScore:
    """The score of one evaluation, exact, with the parts it is made of.

    ``score`` is 0 when a critical item failed; ``would_be_score`` is the score
    the evaluation would have had without the critical failures. Both are None
    when no item has a score (every item N/A).
    """

    score: Fraction | None
    would_be_score: Fraction | None
    failed_critical_items: tuple[ItemSpec, ...]
    sections: tuple[SectionResult, ...]

    @property
    def critical_failed(self) -> bool:
        return bool(self.failed_critical_items)

    @property
    def percent(self) -> Decimal | None:
        return as_percent(self.score)

    @property
    def would_be_percent(self) -> Decimal | None:
        return as_percent(self.would_be_score)


def as_percent(score: Fraction | None) -> Decimal | None:
    """A score between 0 and 1 as a percentage, rounded half up to 0.01."""
    if score is None:
        return None
    # Round the exact fraction itself: a Decimal division would first cut it to
    # 28 digits, and a tie at the third decimal must not be decided by that.
    hundredths = score * 10_000
    whole, remainder = divmod(hundredths.numerator, hundredths.denominator)
    if 2 * remainder >= hundredths.denominator:
        whole += 1
    return Decimal(whole).scaleb(-2)


def validate_scorecard(scorecard: ScorecardSpec) -> None:
    """Raise ScorecardError naming the first section or item that cannot be scored."""
    if not scorecard.sections:
        raise ScorecardError("The scorecard has no sections.")
    seen_sections: set[str] = set()
    seen_items: set[str] = set()
    for section in scorecard.sections:
        if section.key in seen_sections:
            raise ScorecardError(f"Section {section.key!r} appears twice.")
        seen_sections.add(section.key)
        _check_weight(f"section {section.key!r}", section.weight)
        if not section.items:
            raise ScorecardError(f"Section {section.key!r} has no items.")
        for item in section.items:
            if item.key in seen_items:
                raise ScorecardError(f"Item {item.key!r} appears twice.")
            seen_items.add(item.key)
            _check_item(item)


def score_evaluation(
    scorecard: ScorecardSpec, answers: Mapping[str, Answer]
) -> EvaluationScore:
    """Score one evaluation: ``answers`` maps every item key to True/False (yes/no
    items), an integer 0..scale_max (scale items) or NOT_APPLICABLE."""
    validate_scorecard(scorecard)
    known = {item.key for section in scorecard.sections for item in section.items}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ScorecardError(f"Answers to items not on this scorecard: {unknown}.")
    missing = sorted(known - set(answers))
    if missing:
        raise ScorecardError(
            f"Items without an answer: {missing} (answer N/A where an item does "
            "not apply)."
        )

    sections: list[SectionResult] = []
    failed: list[ItemSpec] = []
    total_numerator = Fraction(0)
    total_denominator = Fraction(0)
    for section in scorecard.sections:
        items: list[ItemResult] = []
        numerator = Fraction(0)
        denominator = Fraction(0)
        for item in section.items:
            score = _item_score(item, answers[item.key])
            critical_failed = item.critical and score == 0
            if critical_failed:
                failed.append(item)
            items.append(ItemResult(item.key, score, critical_failed))
            if score is not None:
                weight = Fraction(item.weight)
                numerator += weight * score
                denominator += weight
        section_score = numerator / denominator if denominator else None
        sections.append(SectionResult(section.key, section_score, tuple(items)))
        if section_score is not None:
            weight = Fraction(section.weight)
            total_numerator += weight * section_score
            total_denominator += weight

    would_be = total_numerator / total_denominator if total_denominator else None
    score = Fraction(0) if failed else would_be
    return EvaluationScore(
        score=score,
        would_be_score=would_be,
        failed_critical_items=tuple(failed),
        sections=tuple(sections),
    )


def _item_score(item: ItemSpec, answer: Answer) -> Fraction | None:
    if answer is NOT_APPLICABLE:
        return None
    if item.kind is ItemKind.YES_NO:
        if not isinstance(answer, bool):
            raise ScorecardError(
                f"Item {item.key!r} is yes/no: answer yes, no or N/A, not {answer!r}."
            )
        return Fraction(int(answer))
    assert item.scale_max is not None  # noqa: S101 - validate_scorecard checked it
    if (
        isinstance(answer, bool)
        or not isinstance(answer, int)
        or not 0 <= answer <= item.scale_max
    ):
        raise ScorecardError(
            f"Item {item.key!r} is scored 0 to {item.scale_max}: {answer!r} is not."
        )
    return Fraction(answer, item.scale_max)


def _check_item(item: ItemSpec) -> None:
    _check_weight(f"item {item.key!r}", item.weight)
    if not isinstance(item.kind, ItemKind):
        raise ScorecardError(f"Item {item.key!r} has an unknown kind {item.kind!r}.")
    if item.kind is ItemKind.SCALE:
        if (
            isinstance(item.scale_max, bool)
            or not isinstance(item.scale_max, int)
            or item.scale_max < 1
        ):
            raise ScorecardError(
                f"Scale item {item.key!r} needs a whole scale maximum of at least 1."
            )
        if item.critical:
            raise ScorecardError(
                f"Item {item.key!r}: a critical item is a rule kept or broken, "
                "so it must be yes/no, not a scale."
            )
    elif item.scale_max is not None:
        raise ScorecardError(f"Yes/no item {item.key!r} has no scale maximum.")


def _check_weight(what: str, weight: Weight) -> None:
    if isinstance(weight, bool) or not isinstance(weight, int | Decimal | Fraction):
        raise ScorecardError(
            f"The weight of {what} must be a whole number or a Decimal, not "
            f"{weight!r} (floats are inexact)."
        )
    if isinstance(weight, Decimal) and not weight.is_finite():
        raise ScorecardError(f"The weight of {what} must be a finite number.")
    if weight < 0:
        raise ScorecardError(f"The weight of {what} cannot be negative ({weight}).")

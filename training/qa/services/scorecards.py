"""Writes of scorecards: a new version from an old one, and the freeze that
keeps a used version as it was; reading a version as a ``ScorecardSpec``."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch

from ..calculations.scoring import (
    NOT_APPLICABLE,
    Answer,
    ItemKind,
    ItemSpec,
    ScorecardError,
    ScorecardSpec,
    SectionSpec,
    validate_scorecard,
)
from ..models import Item, Scorecard, ScorecardVersion, Section

USED = (
    "Version {number} of {scorecard} has been used by an evaluation: it never "
    "changes. Make a new version to edit it."
)


def version_with_structure(pk: int) -> ScorecardVersion:
    """A version with its sections and items fetched in two more queries."""
    return (
        ScorecardVersion.objects.select_related("scorecard")
        .prefetch_related(
            Prefetch("sections", Section.objects.order_by("sort_order", "pk")),
            Prefetch("sections__items", Item.objects.order_by("sort_order", "pk")),
        )
        .get(pk=pk)
    )


def version_spec(version: ScorecardVersion) -> ScorecardSpec:
    """The version's sections and items for ``score_evaluation``; item keys are
    the items' primary keys as text."""
    return ScorecardSpec(
        sections=tuple(
            SectionSpec(
                key=str(section.pk),
                weight=Decimal(section.weight),
                label=section.title,
                items=tuple(
                    ItemSpec(
                        key=item.key,
                        weight=Decimal(item.weight),
                        kind=ItemKind(item.kind),
                        scale_max=item.scale_max if item.kind == "scale" else None,
                        critical=item.critical,
                        rule_reference=item.rule_reference,
                        label=item.text,
                    )
                    for item in section.items.all()
                ),
            )
            for section in version.sections.all()
        )
    )


def parse_answer(item: Item, text: str) -> Answer:
    """A stored or posted answer ("yes", "no", "na", "0".."N") as the
    scoring's answer, or ValidationError saying what the item takes."""
    if text == "na":
        if not item.allows_na:
            raise ValidationError(f"“{item.text}” may not be answered N/A.")
        return NOT_APPLICABLE
    if item.kind == "yes_no":
        if text in ("yes", "no"):
            return text == "yes"
        raise ValidationError(f"“{item.text}”: answer yes, no or N/A.")
    if text.isdigit() and 0 <= int(text) <= item.scale_max:
        return int(text)
    raise ValidationError(f"“{item.text}”: answer 0 to {item.scale_max}.")


def check_editable(version: ScorecardVersion) -> None:
    """Refuse any change to a version an evaluation has used."""
    if ScorecardVersion.objects.filter(pk=version.pk, used=True).exists():
        raise ValidationError(
            USED.format(number=version.number, scorecard=version.scorecard)
        )


def check_scorable(version: ScorecardVersion) -> None:
    """Refuse a version that cannot be scored (no items, a scale without N...)."""
    try:
        validate_scorecard(version_spec(version_with_structure(version.pk)))
    except ScorecardError as error:
        raise ValidationError(f"{version}: {error}") from error


@transaction.atomic
def scorecard_create(*, name: str, by, description: str = "") -> Scorecard:
    scorecard = Scorecard(name=name, description=description)
    scorecard.full_clean()
    scorecard.save()
    ScorecardVersion.objects.create(scorecard=scorecard, number=1, created_by=by)
    return scorecard


@transaction.atomic
def scorecard_version_new(
    *, scorecard: Scorecard, by, based_on: ScorecardVersion | None = None, note=""
) -> ScorecardVersion:
    """The scorecard's next version, a copy of ``based_on``'s sections and items
    to edit (empty without one): how a used version is changed."""
    Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    if based_on is not None and based_on.scorecard_id != scorecard.pk:
        raise ValidationError("That version belongs to another scorecard.")
    last = scorecard.versions.aggregate(n=Max("number"))["n"] or 0
    version = ScorecardVersion.objects.create(
        scorecard=scorecard, number=last + 1, created_by=by, note=note
    )
    if based_on is None:
        return version
    source = version_with_structure(based_on.pk)
    for section in source.sections.all():
        copy = Section.objects.create(
            version=version,
            title=section.title,
            weight=section.weight,
            sort_order=section.sort_order,
        )
        items = list(section.items.all())
        for item in items:
            item.pk = None
            item.section = copy
        Item.objects.bulk_create(items)
    return version


def version_mark_used(version: ScorecardVersion) -> None:
    """From now on the version is frozen (idempotent; inside the caller's
    transaction)."""
    if not version.used:
        ScorecardVersion.objects.filter(pk=version.pk).update(used=True)
        version.used = True

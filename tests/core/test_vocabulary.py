"""Every app speaks the core's vocabulary: departments, stages and segments are
defined once, in ``deskbook.core.vocabulary``, and never copied."""

import pytest
from django.db import models

from deskbook.core import vocabulary
from deskbook.core.vocabulary import (
    CollectionStage,
    CollectionStageOrAny,
    DebtorSegment,
    DebtorSegmentOrAny,
    Department,
)
from deskbook.search.facets import search_facets
from kb.models import SOPPage
from lessons.listing import FACETS as LESSON_LISTING_FACETS
from lessons.models import LessonDepartment, LessonPage
from workforce.people.models import Team

CORE_VOCABULARIES = (Department, CollectionStage, DebtorSegment)


@pytest.mark.parametrize(
    ("model", "field_name", "vocabulary"),
    [
        (SOPPage, "department", Department),
        (SOPPage, "stage", CollectionStageOrAny),
        (SOPPage, "segment", DebtorSegmentOrAny),
        (LessonPage, "stage", CollectionStageOrAny),
        (LessonPage, "segment", DebtorSegment),
        (LessonDepartment, "department", Department),
        (Team, "stage", CollectionStage),
    ],
)
def test_each_app_field_takes_its_choices_from_the_core(model, field_name, vocabulary):
    assert model._meta.get_field(field_name).choices == vocabulary.choices


def test_search_and_listing_facets_offer_the_core_choices(db):
    core = {
        "department": Department.choices,
        "stage": CollectionStageOrAny.choices,
        "segment": DebtorSegmentOrAny.choices,
    }
    declared = [
        (facet.model_label, key, list(facet.choices))
        for key, facets in search_facets().items()
        if key in core
        for facet in facets
    ] + [
        ("lessons listing", facet.key, list(facet.choices))
        for facet in LESSON_LISTING_FACETS
        if facet.key in core
    ]
    assert len(declared) == 9  # three facets each: SOP search, lesson search, listing
    for where, key, choices in declared:
        assert set(choices) <= set(core[key]), (where, key)


def test_no_app_defines_its_own_copy_of_a_core_vocabulary():
    """A choices class elsewhere sharing two values with one of the core's is a copy."""
    copies = [
        f"{choices.__module__}.{choices.__qualname__}"
        for choices in models.TextChoices.__subclasses__()
        if choices.__module__ != vocabulary.__name__
        for core in CORE_VOCABULARIES
        if len(set(choices.values) & set(core.values)) >= 2
    ]
    assert copies == []


def test_the_any_choices_are_the_core_ones_and_any_last():
    assert CollectionStageOrAny.choices == [
        ("pre", "Pre-collection"),
        ("early", "Early collection"),
        ("late", "Late collection"),
        ("any", "Any stage"),
    ]
    assert DebtorSegmentOrAny.choices == [
        ("first-time-default", "First-time default"),
        ("lethargic-payer", "Lethargic payer"),
        ("bad-debt", "Bad debt"),
        ("disputed", "Disputed"),
        ("scam-related", "Scam-related"),
        ("any", "Any segment"),
    ]
    assert CollectionStageOrAny.ANY == "any" and DebtorSegmentOrAny.ANY == "any"

"""Reads of lessons, always narrowed to what the reader may view."""

import re

from django.db.models import QuerySet
from wagtail.search.backends import get_search_backend

from deskbook.core.visibility import viewable_by
from kb.models import SOPPage

from .models import LessonPage, SOPRevisionProposal

RELATED_LIMIT = 5
_WORD = re.compile(r"[^\W\d_]{4,}")


def lessons_visible_to(user) -> QuerySet[LessonPage]:
    """Live lessons ``user`` may read (confidential ones need a lead's role)."""
    return viewable_by(LessonPage.objects.live(), user)


def proposals_visible_to(user):
    """Proposals from lessons ``user`` may read (confidential stays confidential)."""
    return SOPRevisionProposal.objects.filter(
        lesson__in=lessons_visible_to(user)
    ).select_related("sop", "lesson", "sop__procedure_owner", "implemented_in")


def cited_sops_for(lesson: LessonPage, user) -> QuerySet[SOPPage]:
    return viewable_by(
        SOPPage.objects.live().filter(lesson_citations__page=lesson), user
    ).order_by("title")


def lessons_citing(sop: SOPPage, user) -> QuerySet[LessonPage]:
    return lessons_visible_to(user).filter(citations__sop=sop).order_by("-event_date")


def proposals_of(lesson: LessonPage) -> QuerySet[SOPRevisionProposal]:
    return lesson.proposals.select_related("sop", "implemented_in").order_by(
        "proposed_at"
    )


def related_lessons(lesson: LessonPage, user, limit: int = RELATED_LIMIT) -> list:
    """ "More like this": other lessons sharing the most telling words of this one's
    title, tags and summary, ranked by the search index."""
    words = [tag.name for tag in lesson.tags.all()]
    words += _WORD.findall(f"{lesson.title} {lesson.summary}")
    terms = " ".join(dict.fromkeys(word.lower() for word in words))[:500]
    if not terms:
        return []
    candidates = lessons_visible_to(user).exclude(pk=lesson.pk)
    try:
        results = get_search_backend().search(terms, candidates, operator="or")
        return list(results[:limit])
    except Exception:  # noqa: BLE001 — a side panel must not take the page down
        return []

"""Lessons for tests, published the way the review workflow ends."""

import datetime

from django.utils.text import slugify

from lessons.models import LessonCitation, LessonDepartment, LessonIndexPage, LessonPage


def make_lesson(
    title: str = "Fake settlement account on WhatsApp",
    *,
    departments=("operations",),
    cites=(),
    tags=(),
    **fields,
) -> LessonPage:
    fields.setdefault("case_reference", f"MRS-2025-{abs(hash(title)) % 100000:05d}")
    fields.setdefault("event_date", datetime.date(2025, 8, 14))
    fields.setdefault("segment", "scam-related")
    fields.setdefault("outcome", "settled-in-full")
    fields.setdefault("amount_band", "1k-5k")
    fields.setdefault("summary", f"What we learned: {title.lower()}.")
    fields.setdefault("driving_event", "The customer received a message.")
    fields.setdefault("recommendations", "- Tell customers our only accounts.")
    lesson = LessonPage(title=title, slug=slugify(title), live=False, **fields)
    LessonIndexPage.objects.get().add_child(instance=lesson)
    lesson.department_links = [LessonDepartment(department=d) for d in departments]
    lesson.citations = [LessonCitation(sop=sop) for sop in cites]
    lesson.tags.set(list(tags))
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson

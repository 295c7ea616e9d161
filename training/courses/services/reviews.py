"""Courses follow the SOPs they teach: a revision asking for
acknowledgement flags each course that teaches the SOP for review."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from kb.diff import line_changes

from ..models import Course
from ..selectors import oversees_training

CHANGED_LINES_SHOWN = 6


def what_changed(old: str, new: str) -> str:
    """A short "what changed" of an SOP revision: counts and the first lines."""
    changes = [
        line for line in line_changes(old, new) if line.kind in ("added", "removed")
    ]
    added = sum(1 for line in changes if line.kind == "added")
    removed = len(changes) - added
    shown = [
        ("+ " if line.kind == "added" else "- ") + line.text
        for line in changes[:CHANGED_LINES_SHOWN]
    ]
    more = len(changes) - len(shown)
    return "\n".join(
        [f"{added} lines added, {removed} removed.", *shown]
        + ([f"… and {more} more."] if more > 0 else [])
    )


def courses_flag_for_sop_revision(*, page, version, previous) -> list[Course]:
    """Flag every active course teaching ``page`` with the revision's number
    and what changed since ``previous``; the note adds up until a trainer
    clears it."""
    courses = list(Course.objects.select_for_update().filter(sops=page, active=True))
    if not courses:
        return []
    note = (
        f"{timezone.localdate():%d %b %Y}: {version.title}, revision {version.number} "
        f"asks for acknowledgement.\n"
        + what_changed(previous.body if previous else "", version.body)
    )
    now = timezone.now()
    for course in courses:
        course.review_flagged_at = course.review_flagged_at or now
        course.review_note = (course.review_note + "\n\n" + note).strip()
        course.save(update_fields=["review_flagged_at", "review_note"])
    return courses


def course_review_clear(*, course: Course, by) -> Course:
    """The trainer has reviewed the course against its SOPs."""
    owner = course.owner
    if not (oversees_training(by) or (owner and owner.user_id == by.pk)):
        raise PermissionDenied("Only the course's owner or a manager.")
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        course.review_flagged_at = None
        course.review_note = ""
        course.save(update_fields=["review_flagged_at", "review_note"])
    return course

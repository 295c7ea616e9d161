from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP, SEARCH_KINDS
from deskbook.core.pagetree import ensure_section

from .models import LessonIndexPage


@hooks.register(BOOTSTRAP, order=30)
def bootstrap_lessons():
    ensure_section(
        LessonIndexPage,
        slug="lessons",
        title="Lessons",
        intro=(
            "<p>What went right, what went wrong and what we would do better: "
            "lessons from real cases, written by the people who worked them.</p>"
        ),
        staff_only=True,
    )


@hooks.register(SEARCH_KINDS)
def lesson_search_kinds():
    return [("lesson", "Lessons", ["lessons.LessonIndexPage"])]

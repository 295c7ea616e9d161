"""What a fresh site needs from lessons: the staff-only section, who may write
and review, the review workflow, and leads' access to draft public alerts."""

from wagtail.models import GroupApprovalTask

from deskbook.articles.selectors import awareness_section
from deskbook.core.pagetree import ensure_section, grant_page_permissions
from deskbook.core.roles import STAFF_ROLES, TEAM_LEAD

from .models import LessonIndexPage
from .services import CONFIDENTIAL_READERS, lesson_review_workflow_ensure


def bootstrap_lessons():
    lessons = ensure_section(
        LessonIndexPage,
        slug="lessons",
        title="Lessons",
        intro=(
            "<p>What went right, what went wrong and what we would do better: "
            "lessons from real cases, written by the people who worked them.</p>"
        ),
        staff_only=True,
    )
    # Anyone may write a lesson and submit it; team leads and managers review.
    for role in STAFF_ROLES:
        grant_page_permissions(lessons, role, ["add"])
    # Approving publishes, so reviewers need to be allowed to publish.
    grant_page_permissions(lessons, TEAM_LEAD, ["add", "change", "publish"])
    task = GroupApprovalTask.objects.filter(name="Team lead review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Team lead review")
    task.groups.set(task.groups.model.objects.filter(name__in=CONFIDENTIAL_READERS))
    lesson_review_workflow_ensure(section=lessons, task=task)
    # Team leads who approve a lesson may turn it into a draft public alert,
    # which a Manager approves like any other article.
    awareness = awareness_section()
    if awareness is not None:
        grant_page_permissions(awareness, TEAM_LEAD, ["add", "change"])

"""SOPs move, courses follow: a revision asking for acknowledgement flags the
courses that teach the SOP, with what changed."""

import pytest

from tests.courses.factories import CourseFactory
from tests.kb.factories import BODY, make_sop, revise
from training.courses.models import Course
from training.courses.services import course_review_clear

pytestmark = pytest.mark.usefixtures("site_tree")


def test_a_revision_asking_for_acknowledgement_flags_the_courses_teaching_it(db):
    sop = make_sop("Right-party verification")
    teaching = CourseFactory(code="rpv")
    teaching.sops.add(sop)
    other = CourseFactory(code="other")

    revise(sop, ack=False, summary="Typo fixed.")
    assert not Course.objects.flagged().exists()

    revise(
        sop,
        ack=True,
        body=BODY.replace("right person", "right person by date of birth"),
    )

    teaching.refresh_from_db()
    assert list(Course.objects.flagged()) == [teaching]
    assert "Right-party verification, revision 3 asks for acknowledgement." in (
        teaching.review_note
    )
    assert "1 lines added, 1 removed." in teaching.review_note
    assert "+ 1. Verify you are speaking to the right person by date of birth." in (
        teaching.review_note
    )
    assert other.review_note == ""


def test_the_owner_clears_the_flag(db, user_with_role):
    from deskbook.core.roles import COLLECTOR, TRAINER
    from tests.workforce.factories import StaffFactory

    trainer_user = user_with_role(TRAINER, username="farid")
    course = CourseFactory(
        code="rpv",
        owner=StaffFactory(user=trainer_user),
        review_note="Changed",
    )
    Course.objects.filter(pk=course.pk).update(review_flagged_at="2026-03-01T00:00Z")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        course_review_clear(course=course, by=user_with_role(COLLECTOR, username="x"))
    course_review_clear(course=course, by=trainer_user)
    assert not Course.objects.flagged().exists()


def test_the_owner_marks_a_flagged_course_reviewed_from_the_dashboard(
    client, db, user_with_role
):
    from deskbook.core.roles import COLLECTOR, TRAINER
    from tests.workforce.factories import StaffFactory

    trainer_user = user_with_role(TRAINER, username="farid")
    course = CourseFactory(
        code="rpv", owner=StaffFactory(user=trainer_user), review_note="Changed"
    )
    Course.objects.filter(pk=course.pk).update(review_flagged_at="2026-03-01T00:00Z")
    client.force_login(trainer_user)
    assert "data-flagged" in client.get("/admin/").content.decode()
    url = f"/admin/training/courses/{course.pk}/reviewed/"

    client.force_login(user_with_role(COLLECTOR, username="x"))
    assert client.post(url).status_code == 403
    assert Course.objects.flagged().exists()

    client.force_login(trainer_user)
    assert client.post(url).status_code == 302
    assert not Course.objects.flagged().exists()

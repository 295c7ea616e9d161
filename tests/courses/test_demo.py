"""The training demo: eleven courses tied to SOPs, sessions past and future,
enrolments in every state, scores, certificates some expired and some due
soon, feedback; a second run changes nothing."""

import datetime
from collections import Counter

import pytest
from django.core import mail

from deskbook.core.demo import ensure_demo_users
from kb.demo import seed_knowledge_base
from training.courses.demo import seed_training
from training.courses.models import (
    Assessment,
    Certificate,
    Course,
    Enrolment,
    EnrolmentRule,
    Feedback,
    Session,
)
from workforce.people.demo import seed_teams_and_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

QUIET = {"log": lambda line: None}


@pytest.fixture
def demo(frozen_time, django_capture_on_commit_callbacks):
    frozen_time("2026-03-10 09:00")
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_knowledge_base(size="small", **QUIET)
    with django_capture_on_commit_callbacks(execute=True):
        seed_training(size="small", **QUIET)


def counts():
    return (
        Course.objects.count(),
        Session.objects.count(),
        Enrolment.objects.count(),
        Certificate.objects.count(),
        Feedback.objects.count(),
        Assessment.objects.count(),
    )


def test_eleven_courses_tied_to_sops_with_a_refresher_and_a_rule(demo):
    assert Course.objects.count() == 11
    disclosure = Course.objects.get(code="disclosure")
    assert disclosure.refresher_course.code == "disclosure-refresh"
    assert disclosure.sops.filter(slug="right-party-verification").exists()
    assert all(c.sops.exists() for c in Course.objects.all())
    assert EnrolmentRule.objects.get().course.code == "basics"
    assert Course.objects.flagged().exists()


def test_enrolments_in_every_state_and_certificates_expired_and_due(demo):
    states = Counter(Enrolment.objects.values_list("state", flat=True))
    assert set(states) == {s.value for s in Enrolment.State}, states
    today = datetime.date(2026, 3, 10)
    assert Certificate.objects.filter(expires_on__lt=today).exists()
    assert Certificate.objects.expiring(today, 60).exists()
    assert Session.objects.upcoming().exists()
    assert Feedback.objects.exists()
    assert Assessment.objects.filter(kind="post").exists()
    assert mail.outbox == []


def test_a_second_run_changes_nothing(demo, django_capture_on_commit_callbacks):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        seed_training(size="small", **QUIET)
    assert counts() == before

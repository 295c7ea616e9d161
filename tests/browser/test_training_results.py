"""Training results end to end in the browser: the trainer marks attendance
and enters the scores on the session page, and the collector then sees her
certificate on her dashboard and in *My training*."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import COLLECTOR, TRAINER
from tests.courses.factories import CourseFactory
from tests.factories import UserFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from training.courses.models import Enrolment
from training.courses.services import session_schedule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sat_yesterday(transactional_db):
    """Farid ran *Disclosure and verification* yesterday for Aisyah and Wei."""
    bootstrap_site()
    farid = StaffFactory(
        first_name="Farid",
        last_name="Hassan",
        job_title="trainer",
        user=UserFactory(username="farid", roles=[TRAINER]),
    )
    team = TeamFactory(name="Desk early", slug="desk-early")
    aisyah = StaffFactory(
        first_name="Aisyah",
        last_name="Rahman",
        team=team,
        user=UserFactory(username="aisyah", roles=[COLLECTOR]),
    )
    wei = StaffFactory(first_name="Wei", last_name="Tan", team=team)
    course = CourseFactory(
        title="Disclosure and verification", owner=farid, validity_months=12
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    zone = timezone.get_default_timezone()
    session = session_schedule(
        course=course,
        trainer=farid,
        capacity=10,
        room="Training room 1",
        dates=[
            (
                datetime.datetime.combine(yesterday, datetime.time(9), zone),
                datetime.datetime.combine(yesterday, datetime.time(17), zone),
            )
        ],
        confirmed=True,
        by=None,
    )
    # Enrolled before the session started (the service refuses it now).
    Enrolment.objects.bulk_create(
        Enrolment(session=session, staff=person, source="assigned")
        for person in (aisyah, wei)
    )
    return {"session": session, "aisyah": aisyah, "wei": wei}


def test_the_trainer_marks_and_scores_and_the_collector_sees_her_certificate(
    page, live_server, sign_in, sat_yesterday
):
    session = sat_yesterday["session"]
    sign_in(page, "farid")
    page.goto(f"{live_server.url}/admin/training/sessions/{session.pk}/")
    page.get_by_label("Aisyah Rahman, 1. date").select_option("present")
    page.get_by_label("Wei Tan, 1. date").select_option("absent")
    page.get_by_label("Aisyah Rahman, score before").fill("55")
    page.get_by_label("Aisyah Rahman, score after").fill("88")
    page.get_by_role("button", name="Save attendance and scores").click()

    aisyah_row = page.locator(
        f'[data-person="{sat_yesterday["aisyah"].employee_number}"]'
    )
    assert aisyah_row.locator("[data-state]").inner_text() == "Passed"
    wei_row = page.locator(f'[data-person="{sat_yesterday["wei"].employee_number}"]')
    assert wei_row.locator("[data-state]").inner_text() == "Did not attend"
    number = aisyah_row.get_by_role("link").inner_text()

    sign_in(page, "aisyah")
    panel = page.locator('[data-panel="my-training"]')
    assert "Disclosure and verification" in panel.locator("[data-current]").inner_text()
    page.goto(f"{live_server.url}/admin/my-training/")
    row = page.locator(f'[data-certificate="{number}"]')
    assert row.locator("th").inner_text() == "Disclosure and verification"
    row.get_by_role("link", name=number).click()
    assert page.locator("[data-holder]").inner_text() == "Aisyah Rahman"
    expires = timezone.localdate() - datetime.timedelta(days=1)
    assert "Valid until" in page.locator("[data-validity]").inner_text()
    assert str(expires.year + 1) in page.locator("[data-validity]").inner_text()

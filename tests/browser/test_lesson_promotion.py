import pytest
from django.contrib.auth import get_user_model

from deskbook.articles.models import ArticlePage
from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import DEMO_PASSWORD, ensure_demo_users
from lessons.models import LessonPage
from tests.lessons.factories import make_lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLANTED = (
    "Ms Tan Mei Ling called from 9123 4567 after a WhatsApp message asked her to "
    "pay into a personal account."
)


@pytest.fixture
def submitted_lesson(transactional_db):
    bootstrap_site()
    ensure_demo_users()
    lesson = make_lesson(
        "Fake settlement account on WhatsApp",
        parties="Tan Mei Ling",
        driving_event=PLANTED,
        recommendations="- We never ask anyone to pay into a personal account.",
    )
    lesson.unpublish()
    author = get_user_model().objects.get(username="collector")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.save_revision(user=author)
    lesson.get_workflow().start(lesson, author)
    return lesson


def approve_in_editor(page, base, page_id):
    page.goto(f"{base}/admin/pages/{page_id}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_load_state("networkidle")


def test_a_lead_approves_promotes_redacts_and_publishes(
    live_server, page, sign_in, submitted_lesson
):
    base = live_server.url
    sign_in(page, "teamlead", DEMO_PASSWORD)
    approve_in_editor(page, base, submitted_lesson.pk)
    submitted_lesson.refresh_from_db()
    assert submitted_lesson.live

    page.goto(f"{base}{submitted_lesson.url}")
    page.get_by_role("button", name="Promote to public alert").click()
    page.wait_for_url("**/admin/personal-data/*/")
    # The redaction list: the phone number and the party's name, each with the
    # redaction that replaces it.
    rows = page.locator("table.listing tbody tr")
    assert rows.count() >= 2
    listing = page.locator("table.listing").inner_text()
    assert "9123 4567" in listing and "Tan Mei Ling" in listing
    page.get_by_role("button", name="Apply redaction of 9123 4567").click()
    page.wait_for_load_state("networkidle")
    assert "9123 4567" not in page.locator("table.listing").inner_text()
    page.get_by_role("button", name="Apply all").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("No personal data found").is_visible()
    assert page.get_by_role("button", name="Publish", exact=True).count() == 0
    page.screenshot(path="var/screenshots/personal-data-check.png", full_page=True)
    # Public articles are moderated: the lead publishes by submitting, and the
    # Manager's approval publishes (the guard checks it again then).
    page.get_by_role("button", name="Submit for moderation").click()
    page.wait_for_load_state("networkidle")
    article = ArticlePage.objects.get()
    assert not article.live and article.workflow_in_progress

    sign_in(page, "manager", DEMO_PASSWORD)
    approve_in_editor(page, base, article.pk)
    article.refresh_from_db()
    assert article.live
    public = page.context.browser.new_page()
    public.goto(f"{base}{article.url}")
    text = public.locator("main").inner_text()
    assert "personal account" in text
    assert "9123 4567" not in text and "Tan Mei Ling" not in text

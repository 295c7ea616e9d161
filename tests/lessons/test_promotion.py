"""Promote a lesson to a public alert; the personal-data guard stands before it."""

import pytest
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from deskbook.articles.models import ArticlePage
from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD

from .factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")

PLANTED = (
    "Ms Tan Mei Ling called us from 9123 4567 after a WhatsApp message asked her "
    "to pay into a personal account."
)


@pytest.fixture
def lesson():
    return make_lesson(
        "Fake settlement account",
        parties="Tan Mei Ling",
        driving_event=PLANTED,
        could_be_better="Warn customers sooner.",
        recommendations="- We never use personal accounts.",
        case_reference="MRS-2025-04417",
    )


def promote(client, lesson):
    return client.post(f"/admin/lessons/{lesson.pk}/promote/")


def test_promotion_makes_a_draft_alert_without_the_case_reference(client_as, lesson):
    client = client_as(MANAGER)
    response = promote(client, lesson)
    article = ArticlePage.objects.get()
    assert response["Location"] == f"/admin/personal-data/{article.pk}/"
    assert not article.live and article.get_parent().slug == "awareness"
    assert article.summary == lesson.summary
    text = str(article.body)
    assert "We never use personal accounts" in text
    assert "MRS-2025-04417" not in text and "MRS-2025-04417" not in article.title
    assert article.guarded_names() == ["Tan Mei Ling"]


@pytest.mark.parametrize(
    ("role", "allowed"), [(COLLECTOR, False), (TEAM_LEAD, True), (EDITOR, True)]
)
def test_who_may_promote(client_as, lesson, role, allowed):
    response = promote(client_as(role), lesson)
    assert ArticlePage.objects.exists() is allowed
    if not allowed:  # Wagtail answers "permission denied" with a redirect
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_review_lists_findings_and_applies_them(client_as, lesson):
    client = client_as(MANAGER)
    promote(client, lesson)
    article = ArticlePage.objects.get()
    review = f"/admin/personal-data/{article.pk}/"
    findings = client.get(review).context["findings"]
    found = {(item.finding.kind, item.finding.text) for item in findings}
    assert any(text == "9123 4567" for _, text in found)
    assert any("Tan Mei Ling" in text for _, text in found)
    phone = next(
        n for n, item in enumerate(findings) if item.finding.text == "9123 4567"
    )
    client.post(review, {"finding": str(phone)})
    remaining = client.get(review).context["findings"]
    assert all(item.finding.text != "9123 4567" for item in remaining)
    assert remaining  # the name is still there
    client.post(review, {"apply_all": "1"})
    assert client.get(review).context["findings"] == []
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert "9123 4567" not in str(draft.body) and "Tan Mei Ling" not in str(draft.body)
    client.post(review, {"publish": "1"})
    article.refresh_from_db()
    assert article.live


def edit_form(article, **changes):
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "kind": article.kind,
            "date": "2026-11-20",
            "author": article.author,
            "summary": article.summary,
            "hero_alt": "",
            "tags": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Call us on 9123 4567.</p>"))]
            ),
            "comments": inline_formset([]),
            "personal_data_names": "",
            "pii_override_reason": "",
            "action-publish": "Publish",
            **changes,
        }
    )
    return data


def test_publishing_a_public_page_with_personal_data_is_blocked(client_as, lesson):
    client = client_as(MANAGER)
    promote(client, lesson)
    article = ArticlePage.objects.get()
    response = client.post(
        f"/admin/pages/{article.pk}/edit/", edit_form(article), follow=True
    )
    article.refresh_from_db()
    assert not article.live
    assert b"still contains personal data" in response.content
    assert b"9123 4567" in response.content
    # Nothing lost: the edit is kept as the latest draft.
    assert "Call us on" in str(article.get_latest_revision_as_object().body)


def test_a_manager_may_override_with_a_reason_which_is_logged(client_as, lesson):
    client = client_as(MANAGER)
    promote(client, lesson)
    article = ArticlePage.objects.get()
    form = edit_form(article, pii_override_reason="This is our own hotline number.")
    client.post(f"/admin/pages/{article.pk}/edit/", form)
    article.refresh_from_db()
    assert article.live
    entry = PageLogEntry.objects.get(
        page=article, action="deskbook.personal_data_override"
    )
    assert entry.data["reason"] == "This is our own hotline number."
    assert any("9123 4567" in finding for finding in entry.data["findings"])


def test_an_override_reason_from_someone_without_the_right_is_ignored(
    rf, client_as, user_with_role, lesson
):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from deskbook.personal_data.publish_guard import guard_publish

    promote(client_as(MANAGER), lesson)
    article = ArticlePage.objects.get().get_latest_revision_as_object()
    request = rf.post("/", {"pii_override_reason": "Trust me."})
    request.user = user_with_role(EDITOR)
    request.session = {}
    request._messages = FallbackStorage(request)
    response = guard_publish(request, article)
    assert response is not None and response.status_code == 302
    assert not PageLogEntry.objects.filter(
        action="deskbook.personal_data_override"
    ).exists()


def test_a_team_lead_submits_the_checked_alert_but_cannot_publish_it(client_as, lesson):
    client = client_as(TEAM_LEAD)
    promote(client, lesson)
    article = ArticlePage.objects.get()
    review = f"/admin/personal-data/{article.pk}/"

    client.post(review, {"submit": "1"})  # findings left: refused
    assert not ArticlePage.objects.get().workflow_in_progress

    client.post(review, {"apply_all": "1"})
    page = client.get(review).content.decode()
    assert 'name="submit"' in page and 'name="publish"' not in page
    client.post(review, {"publish": "1"})
    assert not ArticlePage.objects.get().live

    client.post(review, {"submit": "1"})
    article = ArticlePage.objects.get()
    assert article.workflow_in_progress and not article.live
    assert "waiting for moderation" in client.get(review).content.decode()

"""Articles are written by Editors, approved by Managers, and can be scheduled."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from deskbook.articles.models import ArticlePage
from deskbook.core.roles import EDITOR, MANAGER

from .factories import awareness, make_article

pytestmark = pytest.mark.usefixtures("site_tree")


def article_form(**changes):
    return nested_form_data(
        {
            "title": "Fake refund calls",
            "slug": "fake-refund-calls",
            "kind": "scam-alert",
            "date": "2026-11-20",
            "author": "Marketing & Communications",
            "summary": "Callers offer a refund of an overpaid debt, for a fee.",
            "hero_alt": "",
            "body": streamfield(
                [
                    (
                        "paragraph",
                        rich_text("<p>Hang up and call the number on your letter.</p>"),
                    )
                ]
            ),
            "tags": "refunds, phone",
            "comments": inline_formset([]),
            "personal_data_names": "",
            "pii_override_reason": "",
            **changes,
        }
    )


def add_article(client, **changes):
    return client.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(**changes),
    )


def test_editor_submits_and_a_manager_approves_with_history(client, user_with_role):
    editor, manager = user_with_role(EDITOR), user_with_role(MANAGER)
    client.force_login(editor)
    response = add_article(client, **{"action-submit": "Submit for moderation"})
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(article.pk)
    )
    assert not article.live
    assert state.current_task_state.task.name == "Manager approval"

    client.force_login(manager)
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": "Clear and accurate."},
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    state.refresh_from_db()
    assert article.live and state.status == WorkflowState.STATUS_APPROVED
    actions = set(
        PageLogEntry.objects.filter(page=article).values_list("action", flat=True)
    )
    assert {"wagtail.create", "wagtail.workflow.start", "wagtail.publish"} <= actions
    assert {"wagtail.workflow.approve"} <= actions
    assert article.revisions.count() >= 1


def test_an_editor_cannot_publish_directly(client, user_with_role):
    client.force_login(user_with_role(EDITOR))
    add_article(client, **{"action-publish": "Publish"})
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live
    assert not article.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_scheduled_article_goes_live_when_its_time_comes(client, user_with_role):
    client.force_login(user_with_role(MANAGER))
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    response = add_article(
        client,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-publish": "Publish"},
    )
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live
    scheduled = article.revisions.get(approved_go_live_at__isnull=False)

    call_command("run_timed_jobs", rounds=1)  # not yet due
    article.refresh_from_db()
    assert not article.live

    # The time comes: move the schedule into the past rather than wait.
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("run_timed_jobs", rounds=1)
    article.refresh_from_db()
    assert article.live
    assert client.logout() is None and client.get(article.url).status_code == 200


def test_an_article_past_its_expiry_is_taken_down(client):
    article = make_article("Old alert")
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("run_timed_jobs", rounds=1)
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url).status_code == 404

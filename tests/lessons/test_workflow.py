"""A lesson is submitted by its author and published by a team lead or manager."""

import pytest
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from deskbook.core.roles import COLLECTOR, TEAM_LEAD
from lessons.models import LessonIndexPage, LessonPage

pytestmark = pytest.mark.usefixtures("site_tree")


def lesson_form(**changes):
    data = nested_form_data(
        {
            "title": "Broken promise after payday",
            "slug": "broken-promise-after-payday",
            "case_reference": "MRS-2026-00042",
            "event_date": "2026-03-02",
            "stage": "early",
            "segment": "lethargic-payer",
            "outcome": "instalment-plan",
            "amount_band": "1k-5k",
            "sensitivity": "internal",
            "summary": "A promise made on payday was broken twice.",
            "driving_event": "The customer promised to pay on the 25th.",
            "went_right": "",
            "went_wrong": "",
            "could_be_better": "",
            "was_unique": "",
            "recommendations": "Confirm the date by SMS.",
            "citations": inline_formset([]),
            "tags": "",
            "parties": "",
            "author": "",
            "comments": inline_formset([]),
            **changes,
        }
    )
    data["departments"] = ["operations"]
    return data


def test_author_submits_and_a_team_lead_approves(client, user_with_role):
    author = user_with_role(COLLECTOR)
    lead = user_with_role(TEAM_LEAD)
    index = LessonIndexPage.objects.get()
    client.force_login(author)
    response = client.post(
        f"/admin/pages/add/lessons/lessonpage/{index.pk}/",
        lesson_form(**{"action-submit": "Submit for review"}),
    )
    assert response.status_code == 302, response.context["form"].errors
    lesson = LessonPage.objects.get(slug="broken-promise-after-payday")
    assert not lesson.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(lesson.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Team lead review"
    assert lesson.department_values == ["operations"]

    client.force_login(lead)
    response = client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": "Good lesson."},
    )
    assert response.status_code in (200, 302), response.content[:500]
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert lesson.live
    assert state.status == WorkflowState.STATUS_APPROVED
    # The moderation history is kept.
    actions = (
        set(
            lesson.get_latest_revision().page_log_entries.values_list(
                "action", flat=True
            )
        )
        if hasattr(lesson.get_latest_revision(), "page_log_entries")
        else set()
    )

    actions |= set(
        PageLogEntry.objects.filter(page=lesson).values_list("action", flat=True)
    )
    assert {
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    } <= actions


def test_a_lead_can_ask_for_changes(client, user_with_role):
    author = user_with_role(COLLECTOR)
    lead = user_with_role(TEAM_LEAD)
    index = LessonIndexPage.objects.get()
    client.force_login(author)
    client.post(
        f"/admin/pages/add/lessons/lessonpage/{index.pk}/",
        lesson_form(**{"action-submit": "Submit for review"}),
    )
    lesson = LessonPage.objects.get(slug="broken-promise-after-payday")
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    client.force_login(lead)
    client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/reject/"
        f"{state.current_task_state.pk}/",
        {"comment": "Say what the SMS said."},
    )
    state.refresh_from_db()
    lesson.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not lesson.live


def test_a_collector_cannot_publish_a_lesson_directly(client, user_with_role):
    client.force_login(user_with_role(COLLECTOR))
    index = LessonIndexPage.objects.get()
    client.post(
        f"/admin/pages/add/lessons/lessonpage/{index.pk}/",
        lesson_form(**{"action-publish": "Publish"}),
    )
    lesson = LessonPage.objects.filter(slug="broken-promise-after-payday").first()
    assert lesson is None or not lesson.live

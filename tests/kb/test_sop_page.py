import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.test.utils import WagtailTestUtils

from deskbook.core.roles import STAFF_ROLES
from kb.admin_forms import SOPPageForm
from kb.models import (
    Acknowledgement,
    KnowledgeBaseIndexPage,
    SOPAttachment,
    SOPCategoryPage,
    SOPPage,
    SOPRelatedLink,
)
from kb.services import sop_acknowledge, sop_review_schedule_set

from .factories import make_sop, revise

pytestmark = pytest.mark.usefixtures("site_tree")


def test_anonymous_visitors_get_nothing_of_an_sop(client):
    page = make_sop(body="## Secret step\n\n1. Use the override code 4471.\n")
    response = client.get(page.url)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"] or "login" in response["Location"]
    assert b"4471" not in response.content
    assert client.get(page.url + "acknowledge/").status_code == 302
    assert client.post(page.url + "review/").status_code in (302, 403)


def test_collector_reads_an_sop_with_contents_owner_and_review_date(
    client_as, user_with_role, frozen_time
):
    frozen_time("2028-02-29 10:00")
    owner = user_with_role("Team lead", first_name="Marcus", last_name="Tan")
    category = SOPCategoryPage(title="Calls and contact", slug="calls")
    KnowledgeBaseIndexPage.objects.get().add_child(instance=category)
    category.save_revision().publish()
    page = make_sop(parent=category, procedure_owner=owner)
    client = client_as("Collector")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-label="Breadcrumb"' in html and ">Calls and contact</a>" in html
    assert 'href="#procedure"' in html  # table of contents
    assert "Marcus Tan" in html
    # Published on 29 February with the default twelve months.
    assert page.status.review_by == datetime.date(2029, 2, 28)
    assert '<time datetime="2029-02-28">28 February 2029</time>' in html
    assert "Please read and acknowledge revision 1" in html


def test_related_sops_and_attachments_are_listed(client_as):
    page = make_sop()
    other = make_sop("Right-party verification")
    document = Document(title="Letter of demand template")
    document.file.save("letter-of-demand.docx", ContentFile(b"demo"), save=False)
    document.save()
    page = SOPPage.objects.get(pk=page.pk)
    page.related_links = [SOPRelatedLink(sop=other)]
    page.attachments = [SOPAttachment(document=document)]
    page.save_revision().publish()
    html = client_as("Collector").get(page.url).content.decode()
    assert ">Right-party verification</a>" in html
    assert "Letter of demand template" in html


def test_collector_acknowledges_on_the_page_and_the_count_drops(client_as):
    page = make_sop()
    client = client_as("Collector")
    assert client.get("/admin/").context["request"]  # dashboard renders
    response = client.get(page.url + "acknowledge/")
    assert response.status_code == 200
    assert b"I have read and understood revision 1" in response.content
    response = client.post(page.url + "acknowledge/", {"version": "1"}, follow=True)
    assert b"you have read and understood revision 1" in response.content
    assert Acknowledgement.objects.filter(version__page=page).count() == 1
    assert b"You acknowledged revision 1" in client.get(page.url).content


def test_confirmation_page_shows_what_changed_since_the_last_acknowledgement(
    client_as, user_with_role
):
    page = make_sop()
    client = client_as("Collector")
    user = client.get("/admin/").wsgi_request.user
    sop_acknowledge(page=page, user=user, version_number=1)
    revise(
        page,
        ack=True,
        body=page.body.replace("Record the outcome", "Write down the outcome"),
    )
    html = client.get(page.url + "acknowledge/").content.decode()
    assert "What changed since revision 1" in html
    assert "Removed: </span>3. Record the outcome" in html
    assert "Added: </span>3. Write down the outcome" in html
    assert "I have read and understood revision 2" in html


def test_bad_or_stale_confirmations_are_refused_with_a_message(client_as):
    page = make_sop()
    client = client_as("Collector")
    response = client.post(page.url + "acknowledge/", {"version": "x"}, follow=True)
    assert b"Say which revision you have read" in response.content
    revise(page, ack=True, body="## New\n")
    response = client.post(page.url + "acknowledge/", {"version": "1"}, follow=True)
    assert b"has been revised since you opened it" in response.content
    assert not Acknowledgement.objects.exists()


def test_overdue_sop_is_flagged_and_its_owner_confirms_the_review(
    client, user_with_role, frozen_time
):
    owner = user_with_role("Team lead")
    frozen_time("2026-08-30 09:00")
    page = make_sop(procedure_owner=owner, review_interval_months=6)
    sop_review_schedule_set(page=page, last_reviewed_on=datetime.date(2025, 7, 1))
    frozen_time("2026-08-31 09:00")
    client.force_login(owner)
    html = client.get(page.url).content.decode()
    assert "Due for review." in html and "Confirm it still holds" in html
    response = client.post(page.url + "review/", follow=True)
    assert b"Review recorded" in response.content
    page.status.refresh_from_db()
    assert page.status.last_reviewed_on == datetime.date(2026, 8, 31)
    assert page.status.review_by == datetime.date(2027, 2, 28)  # six months on
    assert page.reviews.first().outcome == "confirmed"


def test_other_staff_see_the_flag_but_cannot_confirm_a_review(client_as):
    page = make_sop()
    sop_review_schedule_set(
        page=page, last_reviewed_on=timezone.localdate() - datetime.timedelta(800)
    )
    client = client_as("Collector")
    html = client.get(page.url).content.decode()
    assert "Due for review." in html and "Confirm it still holds" not in html
    assert client.post(page.url + "review/").status_code == 403
    assert client.get(page.url + "review/").status_code == 405


@pytest.mark.parametrize(
    ("role", "can_edit"),
    [("Editor", True), ("Manager", True), ("Collector", False), ("Team lead", False)],
)
def test_editors_and_managers_edit_sops_others_do_not(client_as, role, can_edit):
    page = make_sop()
    client = client_as(role)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert (response.status_code == 200) is can_edit
    index = KnowledgeBaseIndexPage.objects.get()
    response = client.get(f"/admin/pages/add/kb/soppage/{index.pk}/")
    assert (response.status_code == 200) is can_edit


def test_an_sops_owner_edits_it_and_submits_the_change_but_cannot_publish(
    client, user_with_role
):
    from wagtail.models import WorkflowState

    owner = user_with_role("Team lead")
    page = make_sop(procedure_owner=owner)
    other_sop = make_sop("Letter of demand")
    client.force_login(owner)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    # Owning one SOP opens no other, and adds nothing to the knowledge base.
    assert client.get(f"/admin/pages/{other_sop.pk}/edit/").status_code == 302
    index = KnowledgeBaseIndexPage.objects.get()
    assert client.get(f"/admin/pages/add/kb/soppage/{index.pk}/").status_code == 302
    assert client.get(f"/admin/pages/{page.pk}/delete/").status_code == 302

    changed = page.body + "\n4. Close the call.\n"
    data = admin_edit_data(page, body=changed, procedure_owner=owner.pk)
    client.post(f"/admin/pages/{page.pk}/edit/", data)  # "Publish" is refused
    page = SOPPage.objects.get(pk=page.pk)
    assert page.status.current_version.number == 1

    data = admin_edit_data(page, body=changed, procedure_owner=owner.pk)
    del data["action-publish"]
    data["action-submit"] = "Submit for moderation"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page = SOPPage.objects.get(pk=page.pk)
    assert page.workflow_in_progress and "Close the call" not in page.body
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.current_task_state.task.name == "Manager approval"


class TestPageTypes(WagtailTestUtils):
    def test_sops_live_under_the_knowledge_base_and_its_categories(self):
        assert SOPPage.parent_page_types == [
            "kb.KnowledgeBaseIndexPage",
            "kb.SOPCategoryPage",
        ]
        assert SOPCategoryPage.subpage_types == ["kb.SOPPage"]
        assert "kb.SOPPage" in KnowledgeBaseIndexPage.subpage_types


def test_acknowledgement_box_starts_ticked_for_new_sops_and_unticked_after_publish():
    form_class = SOPPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, SOPPageForm)
    new = form_class(instance=SOPPage(), for_user=None)
    assert new.initial["ack_requested"] is True
    assert {g.name for g in new.initial["audience"]} == {"Collector", "Team lead"}
    page = make_sop()
    published = form_class(instance=page.get_latest_revision_as_object())
    assert published.initial["ack_requested"] is False
    offered = published.fields["audience"].queryset.values_list("name", flat=True)
    assert set(offered) == set(STAFF_ROLES)


def admin_edit_data(page, **changes):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "department": page.department,
        "stage": page.stage,
        "segment": page.segment,
        "body": page.body,
        "tags": "",
        "related_links": inline_formset([]),
        "attachments": inline_formset([]),
        "procedure_owner": "",
        "review_interval_months": page.review_interval_months,
        "action-publish": "action-publish",
        **changes,
    }
    data = nested_form_data(data)
    # A multiple choice posts one value per choice (nested_form_data would
    # number them as a formset).
    data["audience"] = [group.pk for group in page.audience.all()]
    return data


@pytest.mark.parametrize(("ticked", "outstanding"), [(True, 1), (False, 0)])
def test_publishing_from_the_admin_follows_the_acknowledgement_box(
    client, user_with_role, ticked, outstanding
):
    from kb.selectors import outstanding_acknowledgements_for

    collector = user_with_role("Collector")
    manager = user_with_role("Manager")
    page = make_sop()
    sop_acknowledge(page=page, user=collector, version_number=1)
    client.force_login(manager)
    data = admin_edit_data(page, body=page.body + "\n4. Close the call.\n")
    if ticked:
        data["ack_requested"] = "on"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = SOPPage.objects.get(pk=page.pk)
    assert page.status.current_version.number == 2
    assert "Close the call" in page.status.current_version.body
    assert outstanding_acknowledgements_for(collector).count() == outstanding

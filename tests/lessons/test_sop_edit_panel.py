"""Open proposals show on the SOP's edit page in the admin."""

import datetime

import pytest
from django.utils import timezone

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD
from kb.models import SOPVersion
from lessons.services import proposal_accept, proposal_create, proposal_reject
from tests.kb.factories import make_sop

from .factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")


@pytest.fixture
def owner(user_with_role):
    return user_with_role(TEAM_LEAD)


@pytest.fixture
def sop(owner):
    return make_sop("Field visit safety", procedure_owner=owner)


def propose(sop, lesson, change, *, days_ago=0):
    proposal = proposal_create(
        lesson=lesson, sop=sop, change=change, reason="It happened twice.", user=None
    )
    if days_ago:
        proposal.proposed_at = timezone.now() - datetime.timedelta(days=days_ago)
        proposal.save(update_fields=["proposed_at"])
    return proposal


def edit_page(client, sop) -> str:
    response = client.get(f"/admin/pages/{sop.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def resolve_link(proposal) -> str:
    return f'href="/admin/lessons/proposals/{proposal.pk}/resolve/"'


def test_the_owner_sees_each_open_proposal_with_a_link_to_resolve_it(
    client, owner, sop
):
    lesson = make_lesson("Dog at the gate")
    proposal = propose(sop, lesson, "Ask about dogs first", days_ago=3)
    client.force_login(owner)
    html = edit_page(client, sop)
    assert 'data-sop-open-proposals="1"' in html
    assert "Ask about dogs first" in html and "It happened twice." in html
    assert f'<a href="{lesson.url}">“Dog at the gate”</a>, 3 days ago' in html
    assert resolve_link(proposal) in html
    # The link leads to a page the owner may use.
    resolve = client.get(f"/admin/lessons/proposals/{proposal.pk}/resolve/")
    assert resolve.status_code == 200


def test_a_manager_sees_them_too_and_may_resolve(client_as, sop):
    proposal = propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    html = edit_page(client_as(MANAGER), sop)
    assert 'data-sop-open-proposals="1"' in html
    assert "Ask about dogs first" in html and "today" in html
    assert resolve_link(proposal) in html


def test_an_editor_reads_them_but_is_offered_no_resolve_link(client_as, sop):
    proposal = propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    html = edit_page(client_as(EDITOR), sop)
    assert "Ask about dogs first" in html
    assert "/resolve/" not in html
    assert resolve_link(proposal) not in html


def test_resolved_proposals_are_not_shown(client, owner, sop, user_with_role):
    rejected = propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    proposal_reject(
        proposal=rejected, user=user_with_role(MANAGER), reason="Already covered."
    )
    accepted = propose(sop, make_lesson("Locked gate"), "Phone ahead of a visit")
    proposal_accept(
        proposal=accepted, user=owner, version=SOPVersion.objects.get(page=sop)
    )
    client.force_login(owner)
    html = edit_page(client, sop)
    assert "data-sop-open-proposals" not in html
    assert "Ask about dogs first" not in html and "Phone ahead" not in html


def test_confidential_lessons_proposals_stay_hidden_from_editors(client_as, sop):
    confidential = make_lesson("Threat at a visit", sensitivity="confidential")
    propose(sop, confidential, "Go in pairs")
    propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")

    editor_html = edit_page(client_as(EDITOR), sop)
    assert 'data-sop-open-proposals="1"' in editor_html
    assert "Go in pairs" not in editor_html and "Threat at a visit" not in editor_html
    assert confidential.url not in editor_html

    manager_html = edit_page(client_as(MANAGER), sop)
    assert 'data-sop-open-proposals="2"' in manager_html
    assert "Go in pairs" in manager_html and "Threat at a visit" in manager_html


def test_an_owner_who_may_not_read_a_confidential_lesson_does_not_see_its_proposal(
    client, user_with_role
):
    owner = user_with_role(COLLECTOR)
    sop = make_sop("Desk call opening", procedure_owner=owner)
    propose(sop, make_lesson("Threat on a call", sensitivity="confidential"), "Hang up")
    propose(sop, make_lesson("Wrong number"), "Verify the name first")
    client.force_login(owner)
    html = edit_page(client, sop)
    assert 'data-sop-open-proposals="1"' in html
    assert "Verify the name first" in html
    assert "Hang up" not in html and "Threat on a call" not in html


def test_proposals_for_other_sops_are_not_shown(client_as, sop):
    other = make_sop("Letter of demand")
    propose(other, make_lesson("Dog at the gate"), "Send it by registered post")
    html = edit_page(client_as(MANAGER), sop)
    assert "data-sop-open-proposals" not in html
    assert "registered post" not in html


def test_the_add_form_has_no_proposals_panel(client_as, sop):
    propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    html = (
        client_as(MANAGER)
        .get(f"/admin/pages/add/kb/soppage/{sop.get_parent().pk}/")
        .content.decode()
    )
    assert "data-sop-open-proposals" not in html

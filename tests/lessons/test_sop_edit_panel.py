"""Open proposals show on the SOP's edit page in the admin."""

import pytest

from deskbook.core.roles import EDITOR, MANAGER, TEAM_LEAD
from lessons.services import proposal_create, proposal_reject
from tests.kb.factories import make_sop

from .factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")


@pytest.fixture
def sop(user_with_role):
    return make_sop("Field visit safety", procedure_owner=user_with_role(TEAM_LEAD))


def propose(sop, lesson, change):
    return proposal_create(
        lesson=lesson, sop=sop, change=change, reason="It happened twice.", user=None
    )


def edit_page(client, sop) -> str:
    response = client.get(f"/admin/pages/{sop.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_manager_sees_open_proposals_with_a_link_to_resolve(client_as, sop):
    proposal = propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    html = edit_page(client_as(MANAGER), sop)
    assert 'data-sop-open-proposals="1"' in html
    assert "Ask about dogs first" in html and "It happened twice." in html
    assert f"/admin/lessons/proposals/{proposal.pk}/resolve/" in html
    assert "“Dog at the gate”" in html


def test_resolved_proposals_are_not_shown(client_as, sop, user_with_role):
    proposal = propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")
    proposal_reject(
        proposal=proposal, user=user_with_role(MANAGER), reason="Already covered."
    )
    html = edit_page(client_as(MANAGER), sop)
    assert "data-sop-open-proposals" not in html
    assert "Ask about dogs first" not in html


def test_confidential_lessons_proposals_stay_hidden_from_editors(client_as, sop):
    confidential = make_lesson("Threat at a visit", sensitivity="confidential")
    propose(sop, confidential, "Go in pairs")
    propose(sop, make_lesson("Dog at the gate"), "Ask about dogs first")

    editor_html = edit_page(client_as(EDITOR), sop)
    assert 'data-sop-open-proposals="1"' in editor_html
    assert "Go in pairs" not in editor_html and "Threat at a visit" not in editor_html

    manager_html = edit_page(client_as(MANAGER), sop)
    assert 'data-sop-open-proposals="2"' in manager_html
    assert "Go in pairs" in manager_html


def test_the_add_form_has_no_proposals_panel(client_as, sop):
    html = (
        client_as(MANAGER)
        .get(f"/admin/pages/add/kb/soppage/{sop.get_parent().pk}/")
        .content.decode()
    )
    assert "data-sop-open-proposals" not in html

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from lessons.models import SOPRevisionProposal
from lessons.services import proposal_accept, proposal_create, proposal_reject
from tests.kb.factories import make_sop, revise

from .factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")

INDEX = "/admin/lessons/proposals/"


@pytest.fixture
def owner(user_with_role):
    return user_with_role(TEAM_LEAD, username="owner")


@pytest.fixture
def proposal(owner):
    sop = make_sop("Payment channels", procedure_owner=owner)
    lesson = make_lesson("Fake account", cites=[sop])
    return proposal_create(
        lesson=lesson,
        sop=sop,
        change="List our only bank accounts at the top.",
        reason="The customer paid a scammer.",
        user=None,
    )


def body(response):
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def test_owner_sees_open_proposals_on_the_dashboard(client, owner, proposal):
    client.force_login(owner)
    html = client.get("/admin/").content.decode()
    assert 'data-open-proposals="1"' in html
    assert "List our only bank accounts" in html
    # From there to the SOP's admin page, which lists the proposal too.
    edit_url = f"/admin/pages/{proposal.sop_id}/edit/"
    assert f'href="{edit_url}"' in html
    assert "List our only bank accounts" in client.get(edit_url).content.decode()


def test_owner_accepts_with_the_revision_that_made_the_change(client, owner, proposal):
    sop = revise(proposal.sop, ack=True, body="## Accounts\n\n1. Only DBS 123.\n")
    version = sop.status.current_version
    client.force_login(owner)
    page = client.get(f"{INDEX}{proposal.pk}/resolve/")
    assert page.status_code == 200
    response = client.post(
        f"{INDEX}{proposal.pk}/resolve/", {"accept": "1", "version": version.pk}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.implemented_in == version
    assert proposal.resolved_by == owner
    html = client.get(proposal.lesson.url).content.decode()
    assert "Accepted" in html and f"Made in revision {version.number}" in html


def test_rejecting_needs_a_reason_and_resolving_happens_once(owner, proposal):
    with pytest.raises(ValidationError):
        proposal_reject(proposal=proposal, user=owner, reason="  ")
    proposal_reject(proposal=proposal, user=owner, reason="Covered already.")
    with pytest.raises(ValidationError):
        proposal_accept(
            proposal=proposal, user=owner, version=proposal.sop.versions.first()
        )
    other = make_sop("Other SOP")
    fresh = proposal_create(
        lesson=proposal.lesson, sop=proposal.sop, change="x", reason="y", user=None
    )
    with pytest.raises(ValidationError):
        proposal_accept(proposal=fresh, user=owner, version=other.versions.first())


def test_someone_else_may_not_resolve(client_as, proposal):
    client = client_as(COLLECTOR)
    # Wagtail answers "permission denied" with a redirect to the dashboard.
    assert client.get(f"{INDEX}{proposal.pk}/resolve/").status_code == 302
    client.post(
        f"{INDEX}{proposal.pk}/resolve/", {"reject": "1", "rejection_reason": "no"}
    )
    proposal.refresh_from_db()
    assert proposal.status == "open"


def test_report_by_status_and_age_with_export(client_as, owner, proposal):
    proposal_reject(proposal=proposal, user=owner, reason="Covered already.")
    proposal_create(
        lesson=proposal.lesson,
        sop=proposal.sop,
        change="Add an SMS",
        reason="z",
        user=None,
    )
    client = client_as(MANAGER)
    assert client.get(INDEX).status_code == 200
    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get(INDEX + "?export=csv&status=open")).decode())
        )
    )
    assert [
        r["Change"] if "Change" in r else r["What should change"] for r in rows
    ] == ["Add an SMS"]
    assert rows[0]["Age (days)"] == "0"
    rows = list(
        csv.DictReader(
            io.StringIO(body(client.get(INDEX + "?export=csv&older_than=5")).decode())
        )
    )
    assert rows == []


def test_proposals_from_confidential_lessons_stay_confidential(client_as, owner):
    sop = make_sop("Field visit safety", procedure_owner=owner)
    lesson = make_lesson("Threat at a visit", sensitivity="confidential")
    proposal_create(lesson=lesson, sop=sop, change="Go in pairs", reason="x", user=None)
    collector = client_as(COLLECTOR)
    rows = body(collector.get(INDEX + "?export=csv")).decode()
    assert "Go in pairs" not in rows
    assert SOPRevisionProposal.objects.count() == 1


def test_a_lesson_author_proposes_from_the_admin(client_as, proposal):
    client = client_as(COLLECTOR)
    lesson = proposal.lesson
    form = client.get(f"{INDEX}new/?lesson={lesson.pk}")
    assert form.status_code == 200
    response = client.post(
        f"{INDEX}new/",
        {
            "lesson": lesson.pk,
            "sop": proposal.sop.pk,
            "change": "Add a checklist",
            "reason": "We forgot",
        },
    )
    assert response.status_code == 302
    created = SOPRevisionProposal.objects.get(change="Add a checklist")
    assert created.proposed_by is not None and created.status == "open"

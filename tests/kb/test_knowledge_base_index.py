"""The knowledge base's front page: shelves of the SOPs a reader may open, and
what is waiting for their acknowledgement."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.pagetree import restrict_to_groups
from deskbook.core.roles import COLLECTOR, MANAGER
from kb.services import sop_acknowledge

from .factories import make_category, make_sop

pytestmark = pytest.mark.usefixtures("site_tree")
URL = "/knowledge-base/"


@pytest.fixture
def shelves():
    calls = make_category("Calls and contact", intro="<p>How we phone customers.</p>")
    legal = make_category("Documents and legal")
    make_sop("Third-party calls", parent=calls)
    make_sop("First reminder call", parent=calls)
    secret = make_sop("Litigation budget", parent=legal, audience=(MANAGER,))
    restrict_to_groups(secret, [MANAGER])
    make_sop("Office keys")  # filed under the index itself
    return calls, legal


def shelf_titles(response) -> dict[str, list[str]]:
    return {
        (shelf.category.title if shelf.category else None): [
            s.title for s in shelf.sops
        ]
        for shelf in response.context["shelves"]
    }


def test_each_category_lists_its_sops_by_title(client_as, shelves):
    response = client_as(COLLECTOR).get(URL)
    assert response.status_code == 200
    assert shelf_titles(response) == {
        "Calls and contact": ["First reminder call", "Third-party calls"],
        "Documents and legal": [],
        None: ["Office keys"],
    }
    html = response.content.decode()
    assert "How we phone customers." in html
    assert "2 procedures" in html and "Other procedures" in html
    assert 'href="/knowledge-base/calls-and-contact/first-reminder-call/"' in html


def test_a_restricted_sop_is_shown_only_to_those_it_admits(client_as, shelves):
    collector_view = shelf_titles(client_as(COLLECTOR).get(URL))
    assert collector_view["Documents and legal"] == []
    manager = client_as(MANAGER).get(URL)
    assert shelf_titles(manager)["Documents and legal"] == ["Litigation budget"]
    assert "Litigation budget" in manager.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, shelves):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_sops_waiting_for_the_readers_acknowledgement_are_listed(
    client, user_with_role, shelves
):
    reader = user_with_role(COLLECTOR)
    client.force_login(reader)
    response = client.get(URL)
    html = response.content.decode()
    assert response.context["to_acknowledge_count"] == 3
    assert "Waiting for your acknowledgement (3)" in html
    assert (
        'href="/knowledge-base/calls-and-contact/third-party-calls/acknowledge/"'
        in html
    )

    for shelf in response.context["shelves"]:
        for sop in shelf.sops:
            sop_acknowledge(page=sop, user=reader, version_number=1)
    assert "Waiting for your acknowledgement" not in client.get(URL).content.decode()


def test_queries_stay_flat_as_shelves_fill(client_as, shelves):
    client = client_as(COLLECTOR)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    queries()
    few = queries()
    calls, legal = shelves
    for n in range(6):
        make_sop(f"Extra call rule {n}", parent=calls, ack=False)
        make_sop(f"Extra legal rule {n}", parent=legal, ack=False)
    make_category("Field work")
    assert queries() == few

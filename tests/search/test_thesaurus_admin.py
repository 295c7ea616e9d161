"""Settings → Search thesaurus: who may keep it, and that a change made there
applies to the next search."""

import pytest
from django.contrib.messages import get_messages

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER
from deskbook.search.models import SynonymGroup
from tests.search.pages import add_page, fresh_index

pytestmark = pytest.mark.django_db
ADMIN = "/admin/search-thesaurus/"
REFUSAL = "Sorry, you do not have permission to access this area."


@pytest.fixture
def group(site_tree):
    return SynonymGroup.objects.create(terms="courier, despatch rider")


@pytest.mark.parametrize("role", [EDITOR, MANAGER])
def test_editors_and_managers_list_add_and_edit_groups(client_as, group, role):
    client = client_as(role)
    listing = client.get(ADMIN)
    assert listing.status_code == 200
    assert "courier, despatch rider" in listing.content.decode()

    response = client.post(f"{ADMIN}new/", {"terms": "ptp, promise to pay"})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="ptp, promise to pay").exists()

    response = client.post(
        f"{ADMIN}edit/{group.pk}/", {"terms": "courier, dispatch rider"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.terms == "courier, dispatch rider"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ""),
        ("get", "new/"),
        ("post", "new/"),
        ("get", "edit/{pk}/"),
        ("post", "edit/{pk}/"),
        ("post", "delete/{pk}/"),
    ],
)
def test_a_collector_gets_wagtails_refusal(client_as, group, method, path):
    client = client_as(COLLECTOR)
    url = ADMIN + path.format(pk=group.pk)
    response = getattr(client, method)(url, {"terms": "courier, van"})
    # Wagtail's admin answers "permission denied" with a redirect to its home
    # page and an error message, never a 403 page.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert [str(m.message).strip() for m in get_messages(response.wsgi_request)] == [
        REFUSAL
    ]
    group.refresh_from_db()
    assert group.terms == "courier, despatch rider"
    assert not SynonymGroup.objects.filter(terms="courier, van").exists()


def test_an_edit_in_the_admin_applies_to_the_next_search(client, client_as, group):
    add_page("awareness", "Courier payment scam", "A courier demands a payment.")
    fresh_index()
    assert client.get("/search/", {"q": "motorcycle messenger"}).context["hits"] == []

    editor = client_as(EDITOR)
    editor.post(f"{ADMIN}edit/{group.pk}/", {"terms": "courier, motorcycle messenger"})
    client.logout()

    hits = client.get("/search/", {"q": "motorcycle messenger"}).context["hits"]
    assert [hit["page"].title for hit in hits] == ["Courier payment scam"]

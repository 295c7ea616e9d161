"""SOPs in the site search: boosts, facets, and never a hit for the public."""

import pytest

from deskbook.core.roles import COLLECTOR
from tests.search.pages import fresh_index

from .factories import make_sop

pytestmark = pytest.mark.usefixtures("site_tree")


@pytest.fixture
def sops():
    fresh_index()
    make_sop(
        "Garnishment order handling",
        summary="What to do with a court order.",
        body="## Steps\n\n1. File it.\n",
        department="administrative",
        stage="late",
    )
    make_sop(
        "Court letters",
        summary="Replying to garnishment notices from the court.",
        body="## Steps\n\n1. Reply.\n",
        department="administrative",
        stage="late",
    )
    make_sop(
        "Calling cadence",
        summary="How often we call.",
        body="## Steps\n\n1. A garnishment is never threatened on a call.\n",
        department="operations",
        stage="early",
    )


def titles(response):
    return [hit["page"].title for hit in response.context["hits"]]


def test_title_outranks_summary_which_outranks_body(client_as, sops):
    response = client_as(COLLECTOR).get("/search/", {"q": "garnishment"})
    assert titles(response) == [
        "Garnishment order handling",
        "Court letters",
        "Calling cadence",
    ]


def test_department_and_stage_facets_count_and_narrow(client_as, sops):
    client = client_as(COLLECTOR)
    response = client.get("/search/", {"q": "garnishment"})
    groups = {group.key: group for group in response.context["facets"]}
    department = {o.label: o.count for o in groups["department"].options}
    assert department == {"Administrative": 2, "Operations": 1}
    stage = {o.label: o.count for o in groups["stage"].options}
    assert stage == {"Late collection": 2, "Early collection": 1}
    response = client.get("/search/", {"q": "garnishment", "stage": "early"})
    assert titles(response) == ["Calling cadence"]


def test_the_public_never_sees_an_sop_hit_count_or_facet(client, sops):
    response = client.get("/search/", {"q": "garnishment"})
    assert titles(response) == []
    html = response.content.decode()
    assert "Garnishment order" not in html and "Administrative" not in html
    assert [group.key for group in response.context["facets"]] == []
    suggestions = client.get("/search/autocomplete/", {"q": "Garn"}).json()
    assert suggestions == {"results": []}


def test_tag_facet_counts_tagged_sops_and_narrows(client_as, client, sops):
    from kb.models import SOPPage

    for slug, tags in (
        ("garnishment-order-handling", ["court", "legal"]),
        ("court-letters", ["court"]),
    ):
        page = SOPPage.objects.get(slug=slug)
        page.tags.set(tags)
        page.save_revision().publish()
    staff = client_as(COLLECTOR)
    response = staff.get("/search/", {"q": "garnishment"})
    groups = {group.key: group for group in response.context["facets"]}
    assert {o.label: o.count for o in groups["tag"].options} == {"court": 2, "legal": 1}
    response = staff.get("/search/", {"q": "garnishment", "tag": "legal"})
    assert titles(response) == ["Garnishment order handling"]
    tags = {group.key: group for group in response.context["facets"]}["tag"]
    assert {o.label: o.count for o in tags.options} == {"court": 2, "legal": 1}
    assert (
        staff.get("/search/", {"q": "garnishment", "tag": "x" * 5000}).status_code
        == 200
    )
    client.logout()  # client_as signed the same client in
    anonymous = client.get("/search/", {"q": "garnishment", "tag": "court"})
    assert titles(anonymous) == [] and b"legal" not in anonymous.content

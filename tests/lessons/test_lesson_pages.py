import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deskbook.core.roles import COLLECTOR, MANAGER, TEAM_LEAD
from tests.kb.factories import make_sop
from tests.search.facet_html import facet_links

from .factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")


def test_anonymous_visitors_never_see_a_lesson(client):
    lesson = make_lesson(driving_event="Ms Tan paid into account 0123.")
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert b"Ms Tan" not in response.content
    response = client.get("/lessons/")
    assert response.status_code == 302


def test_staff_read_a_lesson_with_its_sections_and_cited_sops(client_as):
    sop = make_sop("Suspected scam victim")
    lesson = make_lesson(
        cites=[sop], went_wrong="We **waited** a day.", tags=["scam", "whatsapp"]
    )
    html = client_as(COLLECTOR).get(lesson.url).content.decode()
    assert '<h2 id="lesson-went_wrong">What went wrong</h2>' in html
    assert "<strong>waited</strong>" in html
    assert ">Suspected scam victim</a>" in html
    assert lesson.case_reference in html


def test_sop_page_lists_the_lessons_that_cite_it(client_as):
    sop = make_sop("Suspected scam victim")
    make_lesson("Scam one", cites=[sop])
    make_lesson("Secret scam", cites=[sop], sensitivity="confidential")
    collector_html = client_as(COLLECTOR).get(sop.url).content.decode()
    assert "Lessons that cite this SOP" in collector_html
    assert ">Scam one</a>" in collector_html
    assert "Secret scam" not in collector_html


@pytest.mark.parametrize(
    ("role", "sees"), [(COLLECTOR, False), (TEAM_LEAD, True), (MANAGER, True)]
)
def test_confidential_lessons_are_for_team_leads_and_managers(client_as, role, sees):
    lesson = make_lesson("Threat at a field visit", sensitivity="confidential")
    client = client_as(role)
    response = client.get(lesson.url)
    assert (response.status_code == 200) is sees
    listing = client.get("/lessons/").content.decode()
    assert ("Threat at a field visit" in listing) is sees
    search = client.get("/search/", {"q": "threat field visit"}).content.decode()
    assert ("Threat at a field visit" in search) is sees


def test_making_a_lesson_internal_again_lifts_its_restriction(client_as):
    lesson = make_lesson("Threat at a field visit", sensitivity="confidential")
    lesson.sensitivity = "internal"
    lesson.save_revision().publish()
    assert client_as(COLLECTOR).get(lesson.url).status_code == 200


def test_index_filters_by_facets_newest_first(client_as):
    make_lesson("Old scam", event_date=datetime.date(2024, 3, 1), tags=["scam"])
    make_lesson(
        "New default",
        event_date=datetime.date(2026, 2, 1),
        segment="bad-debt",
        outcome="instalment-plan",
        departments=("administrative",),
    )
    make_lesson("Mid scam", event_date=datetime.date(2025, 5, 1), tags=["scam"])
    client = client_as(COLLECTOR)
    response = client.get("/lessons/")
    titles = [lesson.title for lesson in response.context["listing"].lessons]
    assert titles == ["New default", "Mid scam", "Old scam"]
    groups = {g.key: g for g in response.context["listing"].facets}
    assert {o.label: o.count for o in groups["year"].options} == {
        "2026": 1,
        "2025": 1,
        "2024": 1,
    }
    assert {o.label: o.count for o in groups["segment"].options} == {
        "Scam-related": 2,
        "Bad debt": 1,
    }
    response = client.get("/lessons/", {"tag": "scam", "year": "2025"})
    assert [x.title for x in response.context["listing"].lessons] == ["Mid scam"]
    response = client.get("/lessons/", {"department": "administrative"})
    assert [x.title for x in response.context["listing"].lessons] == ["New default"]
    # Values the facet cannot hold are ignored, never a 500.
    response = client.get("/lessons/", {"year": "20x6", "outcome": "<script>"})
    assert response.status_code == 200
    assert len(response.context["listing"].lessons) == 3


def test_index_query_count_does_not_grow_with_lessons(client_as):
    make_lesson("First", tags=["first"])
    client = client_as(COLLECTOR)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/lessons/").status_code == 200
        return len(captured)

    queries()
    few = queries()
    for n in range(8):
        make_lesson(
            f"Lesson {n}", tags=[f"tag{n}"], departments=("sales", "operations")
        )
    assert queries() == few


def test_related_lessons_come_from_the_search_index(client_as):
    from tests.search.pages import fresh_index

    fresh_index()
    lesson = make_lesson("WhatsApp settlement scam", tags=["whatsapp"])
    make_lesson("Another WhatsApp scam", tags=["whatsapp"])
    make_lesson("Field visit dog bite", segment="bad-debt", tags=["field"])
    response = client_as(COLLECTOR).get(lesson.url)
    related = [page.title for page in response.context["related_lessons"]]
    assert related[0] == "Another WhatsApp scam"
    assert lesson.title not in related
    assert "More like this" in response.content.decode()


def test_index_lists_the_few_most_used_tags_and_the_rest_under_more(client_as):
    common = [f"common-{n}" for n in range(1, 9)]
    make_lesson("Fake bank account", tags=[*common, "rare-a", "rare-b"])
    make_lesson("Fake courier fee", tags=common)
    client = client_as(COLLECTOR)

    shown, more = facet_links(client.get("/lessons/").content.decode(), "tag")
    assert shown == common
    assert more == ["rare-a", "rare-b"]

    # A picked tag is listed at once even when it is not among the few.
    html = client.get("/lessons/", {"tag": "rare-b"}).content.decode()
    shown, more = facet_links(html, "tag")
    assert shown == [*common, "rare-b"]
    assert more == ["rare-a"]

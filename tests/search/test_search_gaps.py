"""Searches are counted; those that found nothing feed the "Search gaps" report."""

import pytest
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.backends import get_search_backend

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD
from deskbook.search.models import SearchGap
from deskbook.search.query_text import clean_query
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/search-gaps/"


@pytest.fixture
def pages(site_tree):
    get_search_backend().rebuild()
    add_page(
        "awareness", "Loan shark warning", "Unlicensed moneylenders harass families."
    )


def test_zero_result_searches_are_recorded_and_counted(client, pages):
    for _ in range(3):
        client.get("/search/", {"q": "Garnishee  ORDER"})
    gap = SearchGap.objects.get()
    assert gap.query.query_string == "garnishee order"
    assert gap.zero_result_hits == 3
    assert gap.query.hits == 3


def test_searches_that_found_something_are_counted_but_not_gaps(client, pages):
    client.get("/search/", {"q": "moneylenders"})
    assert Query.objects.get().query_string == "moneylenders"
    assert not SearchGap.objects.exists()


def test_later_pages_and_kind_filters_are_not_counted_again(client, pages):
    client.get("/search/", {"q": "garnishee", "page": "2"})
    client.get("/search/", {"q": "garnishee", "kind": "article"})
    assert not Query.objects.exists()


@pytest.mark.parametrize("role", [MANAGER, EDITOR])
def test_managers_and_editors_read_the_report(client_as, pages, role):
    client = client_as(role)
    client.get("/search/", {"q": "garnishee"})
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "garnishee" in response.content.decode()


@pytest.mark.parametrize("role", [COLLECTOR, TEAM_LEAD])
def test_other_roles_cannot_read_the_report(client_as, pages, role):
    assert client_as(role).get(REPORT).status_code in (302, 403)


def test_report_exports_csv(client_as, pages):
    client = client_as(MANAGER)
    client.get("/search/", {"q": "garnishee"})
    response = client.get(REPORT, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("Search text,Searches")
    assert "garnishee,1" in body


@pytest.mark.parametrize(
    ("raw", "cleaned", "is_phrase"),
    [
        ("  payment   plan ", "payment plan", False),
        ('"payment plan"', "payment plan", True),
        ('"unbalanced', "unbalanced", False),
        ("title:foo body:*", "title foo body", False),
        ("a\x00b\x1fc", "a b c", False),
        ("こんにちは 世界", "こんにちは 世界", False),
        ("x" * 300, "x" * 200, False),
        ("word " * 100, ("word " * 40).strip(), False),
    ],
)
def test_query_cleaning(raw, cleaned, is_phrase):
    result = clean_query(raw)
    assert result.text == cleaned
    assert result.is_phrase is is_phrase

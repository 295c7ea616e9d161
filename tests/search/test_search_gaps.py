"""Searches are counted; those that found nothing feed the "Search gaps" report."""

import html
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.search_promotions.models import Query

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, TEAM_LEAD
from deskbook.search.models import SearchGap, SynonymGroup
from tests.search.pages import add_page, fresh_index

pytestmark = pytest.mark.django_db
REPORT = "/admin/reports/search-gaps/"


@pytest.fixture
def pages(site_tree):
    fresh_index()
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


def test_personal_data_in_a_query_is_kept_only_as_its_kind(client, pages):
    client.get("/search/", {"q": "callback 9123 4567 jane.tan@example.com"})
    client.get("/search/", {"q": "callback 8765 4321 lee@example.org"})
    gap = SearchGap.objects.get()
    assert gap.query.query_string == "callback [phone number] [e-mail]"
    assert gap.zero_result_hits == 2
    stored = " ".join(Query.objects.values_list("query_string", flat=True))
    assert "9123" not in stored and "example" not in stored


def test_the_daily_job_forgets_queries_not_searched_for_the_retention_period(
    client, pages, settings
):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 90
    for q in ("garnishee", "moneylenders", "bailiff"):
        client.get("/search/", {"q": q})
    # Wagtail dates hits and counts their age by the UTC calendar, which is a
    # day behind Singapore's from 16:00 UTC.
    today = timezone.now().date()
    Query.objects.get(query_string="garnishee").daily_hits.update(
        date=today - timedelta(days=91)
    )
    Query.objects.get(query_string="bailiff").daily_hits.update(
        date=today - timedelta(days=89)
    )

    call_command("run_timed_jobs", rounds=1)

    assert sorted(Query.objects.values_list("query_string", flat=True)) == [
        "bailiff",
        "moneylenders",
    ]
    assert list(SearchGap.objects.values_list("query__query_string", flat=True)) == [
        "bailiff"
    ]


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


def test_report_exports_xlsx(client_as, pages):
    client = client_as(MANAGER)
    client.get("/search/", {"q": "garnishee"})
    response = client.get(REPORT, {"export": "xlsx"})
    body = b"".join(response.streaming_content)
    rows = list(load_workbook(BytesIO(body)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Search text", "Searches")
    assert rows[1][:2] == ("garnishee", 1)


def test_report_filters_by_date_last_seen(client_as, pages):
    client = client_as(MANAGER)
    client.get("/search/", {"q": "garnishee"})
    client.get("/search/", {"q": "distress warrant"})
    SearchGap.objects.filter(query__query_string="garnishee").update(
        last_seen=timezone.now() - timedelta(days=40)
    )
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    html = client.get(REPORT, {"last_seen__gte": since}).content.decode()
    assert "distress warrant" in html
    assert "garnishee" not in html
    html = client.get(REPORT, {"last_seen__lte": since}).content.decode()
    assert "garnishee" in html
    assert "distress warrant" not in html


def test_report_lists_most_searched_gaps_first(client_as, pages):
    client = client_as(MANAGER)
    client.get("/search/", {"q": "garnishee"})
    for _ in range(3):
        client.get("/search/", {"q": "distress warrant"})
    html = client.get(REPORT).content.decode()
    assert html.index("distress warrant") < html.index("garnishee")


def test_zero_result_query_is_recorded_even_for_a_query_with_restricted_hits(
    client, client_as, pages
):
    add_page("knowledge-base", "Garnishee orders", "How to serve a garnishee order.")
    client.get("/search/", {"q": "garnishee"})
    assert SearchGap.objects.get().zero_result_hits == 1
    client_as(COLLECTOR).get("/search/", {"q": "garnishee"})
    assert SearchGap.objects.get().zero_result_hits == 1
    assert Query.objects.get().hits == 2


def add_gap(text: str) -> SearchGap:
    return SearchGap.objects.create(
        query=Query.get(text), zero_result_hits=1, last_seen=timezone.now()
    )


def report_rows(client, **params) -> dict[str, str]:
    """Search text → the "Would find now" cell, row by row of the report."""
    response = client.get(REPORT, params)
    assert response.status_code == 200
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S):
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if cells:  # the first cell ends with the row's "Delete" button
            rows[cells[0].removesuffix(" Delete")] = cells[2]
    return rows


def test_report_says_whether_a_gap_would_find_something_now(client_as, pages):
    for text in ("loan sharc", "licensed lender", "garnishee"):
        add_gap(text)
    SynonymGroup.objects.create(terms="moneylender, licensed lender")
    assert report_rows(client_as(MANAGER)) == {
        "loan sharc": "1 page as “loan shark”",
        "licensed lender": "1 page with the thesaurus",
        "garnishee": "Still nothing",
    }


def test_report_outlook_keeps_quoted_phrases_exact(client_as, pages):
    for text in (
        '"moneylenders harass" famlies',
        '"harass moneylenders" families',
        '"loan sharc" warning',
    ):
        add_gap(text)
    assert report_rows(client_as(MANAGER)) == {
        # The words around the phrase are corrected; the phrase keeps its quotes.
        '"moneylenders harass" famlies': '1 page as “"moneylenders harass" families”',
        # The words are on the page, but not in that order.
        '"harass moneylenders" families': "1 page with most of the words",
        # Words inside quotes are never corrected.
        '"loan sharc" warning': "1 page with most of the words",
    }


def test_report_outlook_keeps_the_query_count_flat(client_as, pages):
    # The keys the reader may view and the thesaurus are read once per page;
    # each gap is then matched in the index alone, its matches intersected
    # with those keys, so more rows add no database query.
    client = client_as(MANAGER)
    add_gap("loan sharc")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(report_rows(client)) == SearchGap.objects.count()
        return len(captured)

    queries()
    one = queries()
    for text in ("licensed lender", "garnishee", "harras", "bailiff", "unlicensd"):
        add_gap(text)
    assert queries() == one

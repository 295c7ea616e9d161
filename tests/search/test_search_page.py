"""The /search/ page: what each visitor may find, and how it reads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from deskbook.core.roles import COLLECTOR
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db

SECRET = "zanzibarite"  # a word only a staff-only page contains


@pytest.fixture
def pages(site_tree):
    get_search_backend().rebuild()
    add_page(
        "awareness",
        "Fake settlement accounts",
        "Scammers ask for payment into a personal account.",
    )
    add_page(
        "awareness",
        "Courier payment scam",
        "A courier demands a payment before delivery.",
    )
    add_page(
        "knowledge-base",
        "Right-party verification",
        f"Verify identity before discussing the debt. Code {SECRET}.",
    )
    add_page(
        "lessons",
        "Lesson: payment plan default",
        f"The instalment payment failed; {SECRET} review.",
    )


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def test_anonymous_visitor_finds_public_articles(client, pages):
    html = search(client, q="payment").content.decode()
    assert "Fake settlement accounts" in html
    assert "Courier payment scam" in html
    assert "2 results for “payment”" in html


def test_anonymous_visitor_never_sees_staff_pages_in_hits_counts_or_snippets(
    client, pages
):
    html = search(client, q="payment").content.decode()
    assert "Lesson: payment plan default" not in html
    assert SECRET not in html
    assert "3 results" not in html
    html = search(client, q=SECRET).content.decode()
    assert "Right-party verification" not in html
    assert "0 results" in html


def test_anonymous_visitor_never_sees_staff_kinds_in_the_facets(client, pages):
    response = search(client, q="payment")
    kinds = {kind.key: count for kind, count in response.context["kinds"]}
    assert kinds == {"article": 2}


def test_collector_finds_staff_pages_with_facet_counts(client_as, pages):
    response = search(client_as(COLLECTOR), q="payment")
    html = response.content.decode()
    assert "Lesson: payment plan default" in html
    assert "3 results for “payment”" in html
    kinds = {kind.key: count for kind, count in response.context["kinds"]}
    assert kinds == {"article": 2, "sop": 1}


def test_kind_filter_narrows_the_results(client_as, pages):
    html = search(client_as(COLLECTOR), q="payment", kind="article").content.decode()
    assert "2 results for “payment” in Articles" in html
    assert "Lesson: payment plan default" not in html


def test_snippets_highlight_the_stemmed_query(client, pages):
    html = search(client, q="payments").content.decode()
    assert '<mark class="match hit' in html or "<mark" in html
    assert "payment</mark>" in html


def test_user_without_a_staff_role_sees_only_public_pages(
    client, pages, django_user_model
):
    client.force_login(
        django_user_model.objects.create_user("outsider", password="pw-long-1")
    )
    html = search(client, q=SECRET).content.decode()
    assert "Right-party verification" not in html


def test_suggestion_is_offered_only_from_pages_the_user_may_view(
    client, client_as, pages
):
    misspelt = "zanzibarrite"
    anonymous = search(client, q=misspelt)
    assert anonymous.context["suggestion"] is None
    assert SECRET not in anonymous.content.decode()
    collector = search(client_as(COLLECTOR), q=misspelt)
    assert collector.context["suggestion"] == SECRET


def test_suggestion_for_a_public_typo(client, pages):
    response = search(client, q="couryer")
    assert response.context["suggestion"] == "courier"
    assert "Did you mean" in response.content.decode()


def test_autocomplete_returns_visible_titles_only(client, client_as, pages):
    anonymous = client.get("/search/autocomplete/", {"q": "Righ"}).json()["results"]
    assert anonymous == []
    staff = client_as(COLLECTOR).get("/search/autocomplete/", {"q": "Righ"}).json()
    assert [hit["title"] for hit in staff["results"]] == ["Right-party verification"]
    assert staff["results"][0]["url"].endswith(
        "/knowledge-base/right-party-verification/"
    )
    assert staff["results"][0]["kind"] == "SOPs"


@pytest.mark.parametrize(
    "odd",
    [
        '"unbalanced',
        "title:foo",
        "*",
        "?",
        "((",
        "AND OR NOT",
        "a" * 10_000,
        "こんにちは",
        "قرض",
        "%00",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_answer_normally(client, pages, odd):
    response = search(client, q=odd)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get("/search/autocomplete/", {"q": odd}).status_code == 200


def test_quoted_phrase_matches_words_in_order(client, pages):
    assert (
        "Courier payment scam" in search(client, q='"courier demands"').content.decode()
    )
    assert (
        "Courier payment scam"
        not in search(client, q='"demands courier"').content.decode()
    )


def test_empty_query_shows_the_form_only(client, pages):
    response = search(client, q="   ")
    assert response.context["results"] is None


def test_pagination_splits_results_ten_to_a_page(client, site_tree):
    get_search_backend().rebuild()
    for n in range(13):
        add_page(
            "awareness", f"Phishing alert {n}", "phishing text message", f"phishing-{n}"
        )
    first = search(client, q="phishing")
    assert len(first.context["hits"]) == 10
    assert "Page 1 of 2" in first.content.decode()
    second = search(client, q="phishing", page=2)
    assert len(second.context["hits"]) == 3
    assert search(client, q="phishing", page="nonsense").context["results"].number == 1


def test_broken_backend_says_search_is_unavailable(client, pages, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("index on fire")

    monkeypatch.setattr(type(get_search_backend()), "search", fail)
    html = search(client, q="payment").content.decode()
    assert "Search is unavailable right now" in html


def test_query_count_does_not_grow_with_matches(client, site_tree):
    get_search_backend().rebuild()
    for n in range(3):
        add_page(
            "awareness", f"Vishing alert {n}", "vishing phone call", f"vishing-{n}"
        )
    search(client, q="vishing")
    with CaptureQueriesContext(connection) as few:
        search(client, q="vishing")
    for n in range(3, 15):
        add_page(
            "awareness", f"Vishing alert {n}", "vishing phone call", f"vishing-{n}"
        )
    with CaptureQueriesContext(connection) as many:
        search(client, q="vishing")
    assert len(many) == len(few)

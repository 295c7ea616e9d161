"""The /search/ page: what each visitor may find, and how it reads."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from deskbook.core.roles import COLLECTOR
from deskbook.search.models import SynonymGroup
from tests.search.pages import add_page, fresh_index, search

pytestmark = pytest.mark.django_db

SECRET = "zanzibarite"  # a word only a staff-only page contains


@pytest.fixture
def pages(site_tree):
    fresh_index()
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


def facet_counts(response, key: str) -> dict[str, int]:
    groups = [group for group in response.context["facets"] if group.key == key]
    return {option.value: option.count for group in groups for option in group.options}


def skip_without_spelling():
    if not hasattr(get_search_backend(), "suggest_spelling"):
        pytest.skip("the active search backend offers no spelling suggestions")


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
    assert facet_counts(response, "kind") == {"article": 2}
    html = response.content.decode()
    assert "Lessons" not in html.split('class="facets"')[1].split("</nav>")[0]


def test_collector_finds_staff_pages_with_facet_counts(client_as, pages):
    response = search(client_as(COLLECTOR), q="payment")
    html = response.content.decode()
    assert "Lesson: payment plan default" in html
    assert "3 results for “payment”" in html
    assert facet_counts(response, "kind") == {"article": 2, "lesson": 1}


def test_collector_finds_knowledge_base_pages(client_as, pages):
    html = search(client_as(COLLECTOR), q=SECRET).content.decode()
    assert "Right-party verification" in html
    assert f">{SECRET}</mark>" in html


def test_kind_filter_narrows_the_results_but_keeps_other_kinds_reachable(
    client_as, pages
):
    response = search(client_as(COLLECTOR), q="payment", kind="article")
    html = response.content.decode()
    assert "2 results for “payment” in Articles" in html
    assert "Lesson: payment plan default" not in html
    assert facet_counts(response, "kind") == {"article": 2, "lesson": 1}


def test_unknown_kind_is_ignored(client, pages):
    html = search(client, q="payment", kind="nonsense").content.decode()
    assert "2 results for “payment”" in html


def test_snippets_mark_the_query_words(client, pages):
    html = search(client, q="payment").content.decode()
    snippets = re.findall(r'<p class="hit__snippet">(.*?)</p>', html)
    assert len(snippets) == 2
    assert all(re.search(r'<mark class="hit[^"]*">payment</mark>', s) for s in snippets)


def test_user_without_a_staff_role_sees_only_public_pages(
    client, pages, django_user_model
):
    client.force_login(
        django_user_model.objects.create_user("outsider", password="pw-long-1")
    )
    html = search(client, q=SECRET).content.decode()
    assert "Right-party verification" not in html


def test_correction_is_drawn_only_from_pages_the_user_may_view(
    client, client_as, pages
):
    skip_without_spelling()
    misspelt = "zanzibarrite"
    anonymous = search(client, q=misspelt)
    assert anonymous.context["corrected"] is None
    assert SECRET not in anonymous.content.decode()
    collector = search(client_as(COLLECTOR), q=misspelt)
    assert collector.context["corrected"] == SECRET


def test_a_public_typo_shows_the_corrected_results(client, pages):
    skip_without_spelling()
    response = search(client, q="couryer")
    assert response.context["corrected"] == "courier"
    html = response.content.decode()
    assert "Showing results for <strong>courier</strong>; search instead for " in html
    assert '<a href="?q=couryer&amp;verbatim=1">couryer</a>' in html
    assert "Courier payment scam" in html


def test_search_instead_keeps_the_spelling_as_typed(client, pages):
    skip_without_spelling()
    response = search(client, q="couryer", verbatim="1")
    assert response.context["corrected"] is None
    assert response.context["results"].paginator.count == 0


def test_autocomplete_returns_visible_titles_only(client, client_as, pages):
    anonymous = client.get("/search/autocomplete/", {"q": "Righ"}).json()["results"]
    assert anonymous == []
    staff = client_as(COLLECTOR).get("/search/autocomplete/", {"q": "Righ"}).json()
    assert [hit["title"] for hit in staff["results"]] == ["Right-party verification"]
    assert staff["results"][0]["url"].endswith(
        "/knowledge-base/right-party-verification/"
    )
    assert staff["results"][0]["kind"] == "SOPs"


def test_autocomplete_ignores_one_letter(client, pages):
    assert client.get("/search/autocomplete/", {"q": "R"}).json() == {"results": []}


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
    fresh_index()
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
    assert search(client, q="phishing", page=99).context["results"].number == 2


def test_page_links_keep_the_kind(client, site_tree):
    fresh_index()
    for n in range(11):
        add_page("awareness", f"Smishing alert {n}", "smishing", f"smishing-{n}")
    html = search(client, q="smishing", kind="article").content.decode()
    assert 'href="?q=smishing&amp;kind=article&amp;page=2"' in html


def test_broken_backend_says_search_is_unavailable(client, pages, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("index on fire")

    monkeypatch.setattr(type(get_search_backend()), "search", fail)
    monkeypatch.setattr(type(get_search_backend()), "autocomplete", fail)
    html = search(client, q="payment").content.decode()
    assert "Search is unavailable right now" in html
    response = client.get("/search/autocomplete/", {"q": "payment"})
    assert response.json() == {"results": []}


def test_query_count_does_not_grow_with_matches(client, site_tree):
    fresh_index()
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


def test_failing_suggestion_leaves_the_results(client, pages, monkeypatch):
    skip_without_spelling()

    def fail(*args, **kwargs):
        raise RuntimeError("lexicon unreadable")

    monkeypatch.setattr(type(get_search_backend()), "suggest_spelling", fail)
    response = search(client, q="couryer payment")
    assert response.context["corrected"] is None
    assert "Search is unavailable" not in response.content.decode()


def test_autocomplete_completes_with_a_thesaurus_term_swapped(client, pages):
    assert client.get("/search/autocomplete/", {"q": "hoax sett"}).json() == {
        "results": []
    }
    SynonymGroup.objects.create(terms="hoax, fake")
    results = client.get("/search/autocomplete/", {"q": "hoax sett"}).json()
    assert [hit["title"] for hit in results["results"]] == ["Fake settlement accounts"]

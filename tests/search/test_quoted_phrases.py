"""A quoted phrase inside a longer query is one exact concept: matched by
position, never expanded by the thesaurus, never corrected; the words around
it are searched as before."""

import pytest

from deskbook.core.roles import COLLECTOR
from deskbook.search.models import SynonymGroup
from tests.search.pages import add_page, fresh_index, hit_titles, search

pytestmark = pytest.mark.django_db

PHRASE_PAGES = {"Courier payment scam", "Courier fee warning", "Courier call script"}


@pytest.fixture
def pages(site_tree):
    add_page(
        "awareness",
        "Courier payment scam",
        "A courier demands a payment before handing over the parcel.",
    )
    add_page(
        "awareness", "Courier fee warning", "The courier demands a payment for customs."
    )
    add_page(
        "awareness", "Courier call script", "When a courier demands payment, hang up."
    )
    # Every word of the phrase, but never side by side in that order.
    add_page(
        "awareness",
        "Demands from couriers",
        "Payment demands: a courier may ask twice.",
    )
    add_page(
        "awareness",
        "Bank transfer warning",
        "Never make a payment to an account a caller gives you.",
    )
    add_page(
        "lessons",
        "Lesson: courier at the door",
        "The courier demands a payment at the door.",
    )
    return fresh_index()


def titles(response) -> set[str]:
    return set(hit_titles(response))


def test_a_page_with_the_words_but_not_the_phrase_is_not_found(client, pages):
    response = search(client, q='"courier demands" payment')
    assert titles(response) == PHRASE_PAGES
    assert response.context["partial"] is False
    assert response.context["results"].paginator.count == 3
    # Unquoted, the same words find the fourth page too.
    assert titles(search(client, q="courier demands payment")) == {
        *PHRASE_PAGES,
        "Demands from couriers",
    }


def test_the_phrase_and_a_word_no_page_uses_find_the_pages_with_the_phrase(
    client, pages
):
    response = search(client, q='"courier demands" zebrafish')
    assert response.context["partial"] is True
    assert response.context["corrected"] is None
    assert titles(response) == PHRASE_PAGES
    assert "No page has all of your words" in response.content.decode()


def test_words_inside_quotes_are_never_corrected(client, pages):
    response = search(client, q='"couryer demands" payment')
    assert response.context["corrected"] is None
    # Most of the words: the pages with "payment", since no page has the phrase.
    assert response.context["partial"] is True
    assert titles(response) == {
        *PHRASE_PAGES,
        "Demands from couriers",
        "Bank transfer warning",
    }
    assert 'value="&quot;couryer demands&quot; payment"' in response.content.decode()
    # A lone quoted word is kept as typed too.
    assert titles(search(client, q="couryer")) >= PHRASE_PAGES
    quoted_word = search(client, q='"couryer"')
    assert quoted_word.context["corrected"] is None
    assert titles(quoted_word) == set()


def test_showing_results_for_keeps_the_quotes(client, pages):
    response = search(client, q='"courier demands" paymant')
    assert response.context["corrected"] == '"courier demands" payment'
    assert titles(response) == PHRASE_PAGES
    html = response.content.decode()
    assert (
        "Showing results for <strong>&quot;courier demands&quot; payment</strong>; "
        'search instead for <a href="?q=%22courier+demands%22+paymant&amp;'
        'verbatim=1">&quot;courier demands&quot; paymant</a>.'
    ) in html
    assert "3 results for “&quot;courier demands&quot; payment”" in html


def test_the_thesaurus_never_expands_a_quoted_phrase(client, pages):
    SynonymGroup.objects.create(terms="courier, despatch rider")
    unquoted = search(client, q="despatch rider zebrafish")
    assert titles(unquoted) >= PHRASE_PAGES
    assert titles(search(client, q='"despatch rider" zebrafish')) == set()
    SynonymGroup.objects.create(terms="hoax, scam")
    assert titles(search(client, q="hoax")) >= {"Courier payment scam"}
    assert titles(search(client, q='"hoax"')) == set()


def test_a_lone_quote_counts_as_absent(client, pages):
    assert titles(search(client, q='"courier demands payment')) == titles(
        search(client, q="courier demands payment")
    )
    response = search(client, q='"courier demands" "payment')
    assert titles(response) == PHRASE_PAGES


def test_kind_facets_count_the_phrase_matches(client_as, pages):
    client = client_as(COLLECTOR)
    response = search(client, q='"courier demands" payment')
    counts = {
        option.value: option.count
        for group in response.context["facets"]
        if group.key == "kind"
        for option in group.options
    }
    assert counts == {"article": 3, "lesson": 1}
    lessons = search(client, q='"courier demands" payment', kind="lesson")
    assert titles(lessons) == {"Lesson: courier at the door"}
    assert 'href="?q=%22courier+demands%22+payment&amp;kind=article"' in (
        lessons.content.decode()
    )

"""Finding what people mean: most of the words, corrections applied, the
thesaurus, and queries that are only operators or field prefixes."""

import importlib

import pytest
from django.apps import apps

from deskbook.core.roles import COLLECTOR
from deskbook.search.models import SynonymGroup
from deskbook.search.selectors import searchable_pages
from tests.search.pages import add_page, fresh_index, search
from tests.search.pages import hit_titles as titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    add_page(
        "awareness",
        "Courier payment scam",
        "A courier demands a payment before delivery of a parcel.",
    )
    add_page(
        "awareness",
        "Fake settlement accounts",
        "Scammers ask for payment into a personal account.",
    )
    add_page(
        "knowledge-base",
        "Handling a promise to pay",
        "Record the promise with the amount and the date. Code quixotrel.",
    )
    return fresh_index()


def test_a_word_no_page_uses_still_finds_the_pages_with_the_rest(client, pages):
    response = search(client, q="courier parcel journalists")
    assert titles(response) == ["Courier payment scam"]
    assert response.context["partial"] is True
    assert "No page has all of your words" in response.content.decode()


def test_question_words_never_decide_a_match(client, pages):
    response = search(client, q="what should I do about a courier")
    assert titles(response) == ["Courier payment scam"]
    assert response.context["partial"] is False


def test_pages_with_every_word_come_before_pages_with_some(client, pages):
    response = search(client, q="payment personal")
    assert titles(response)[:2] == ["Fake settlement accounts", "Courier payment scam"]


def test_a_quoted_phrase_stays_exact(client, pages):
    assert titles(search(client, q='"payment before delivery"')) == [
        "Courier payment scam"
    ]
    assert titles(search(client, q='"delivery before payment"')) == []


def test_a_misspelt_query_shows_the_corrected_results(client, pages):
    response = search(client, q="curier delivry")
    assert response.context["corrected"] == "courier delivery"
    assert titles(response) == ["Courier payment scam"]


def test_a_thesaurus_group_links_two_words(client, pages):
    assert titles(search(client, q="despatch rider")) == []
    SynonymGroup.objects.create(terms="courier, despatch rider")
    # Applied as the search runs: no rebuild of the index.
    assert titles(search(client, q="despatch rider")) == ["Courier payment scam"]


def test_a_one_way_group_expands_only_its_first_term(client, pages):
    SynonymGroup.objects.create(terms="cdr, courier", one_way=True)
    assert titles(search(client, q="cdr")) == ["Courier payment scam"]
    response = search(client, q="courier")
    assert titles(response) == ["Courier payment scam"]
    assert "cdr" not in response.content.decode().lower()


def test_the_starter_thesaurus_finds_english_pages_for_malay_words(client_as, pages):
    # "janji bayar" is Malay for "promise to pay". The starter set is written
    # by migration 0004, again here: a test on a live server before this one
    # may have emptied the tables.
    starter = importlib.import_module(
        "deskbook.search.migrations.0004_thesaurus_starter"
    )
    starter.add_starter(apps, None)
    response = search(client_as(COLLECTOR), q="janji bayar")
    assert titles(response)[0] == "Handling a promise to pay"


def test_a_ten_word_question_keeps_all_ten_words_in_its_suggestion(pages):
    typed = (
        "scammers payment personal account courier delivery record amount date curier"
    )
    suggestion = pages.suggest_spelling(typed)[0]
    assert suggestion == (
        "scammers payment personal account courier delivery record amount date courier"
    )


def test_a_correction_never_offers_a_word_only_a_hidden_page_holds(pages):
    from django.contrib.auth.models import AnonymousUser

    public = searchable_pages(AnonymousUser())
    assert pages.suggest_spelling("quixotrell") == ["quixotrel"]
    assert pages.suggest_spelling("quixotrell", within=public) == []


def test_bare_operators_search_nothing(client, pages):
    for typed in ("AND OR", "NOT", "and or not"):
        response = search(client, q=typed)
        assert response.context["results"] is None
        assert "AND, OR and NOT on their own find nothing" in (
            response.content.decode()
        )


def test_a_field_prefix_searches_its_value(client, pages):
    response = search(client, q="title:courier")
    assert response.context["query"] == "courier"
    assert titles(response) == ["Courier payment scam"]
    assert response.context["corrected"] is None

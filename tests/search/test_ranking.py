"""Plain-word searches match on the catch-all field and are ranked term at a
time; the results must be the ones Whoosh's own matchers give."""

import logging

import pytest
from modelsearch.query import Fuzzy, Not, Phrase, PlainText
from wagtail.models import Page

from deskbook.search.whoosh import backend as backend_module
from deskbook.search.whoosh.concepts import MostWords
from deskbook.search.whoosh.ranking import AnyField, plain_words
from deskbook.search.whoosh.storage import SCHEMA_FILE
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db

QUERIES = ["toll payment", "payment", "scam message dispute", "toll", "nothing here"]


@pytest.fixture(autouse=True)
def pages(backend):
    add_page("awareness", "Toll scam alert", "toll payment message")
    add_page("awareness", "Parcel scam alert", "parcel payment message scam")
    add_page("lessons", "Payment dispute lesson", "toll dispute payment payment")
    add_page("lessons", "Message lesson", "scam message toll dispute")


def whoosh_only(monkeypatch):
    """Let Whoosh's collectors do everything (the reference results)."""
    monkeypatch.setattr(backend_module, "plain_words", lambda query: None)


def ranked(backend, text, operator, limit=None):
    results = backend.search(text, Page.objects.live(), operator=operator)
    compiler = results.query_compiler
    return backend.top_scores(compiler.whoosh_query(), Page, limit)


@pytest.mark.parametrize("operator", ["and", "or"])
def test_plain_words_rank_as_whoosh_ranks_them(backend, monkeypatch, operator):
    for limit in (None, 1, 2):
        fast = {q: ranked(backend, q, operator, limit) for q in QUERIES}
        with monkeypatch.context() as patch:
            whoosh_only(patch)
            # Whoosh's unlimited collector scores every match (its top-N one
            # skips blocks by an estimate, and may miss a better document).
            slow = {q: ranked(backend, q, operator)[:limit] for q in QUERIES}
        for query in QUERIES:
            assert [pk for pk, _ in fast[query]] == [pk for pk, _ in slow[query]]
            for (_, a), (_, b) in zip(fast[query], slow[query], strict=True):
                assert a == pytest.approx(b, rel=1e-12)


@pytest.mark.parametrize("operator", ["and", "or"])
def test_counts_match_whoosh_matching(backend, monkeypatch, operator):
    counts = {
        q: backend.search(q, Page.objects.live(), operator=operator).count()
        for q in QUERIES
    }
    whoosh_only(monkeypatch)
    assert counts == {
        q: backend.search(q, Page.objects.live(), operator=operator).count()
        for q in QUERIES
    }
    assert counts["toll payment"] == (2 if operator == "and" else 4)


def test_searches_on_every_field_use_the_catch_all(backend):
    compiled = backend.search("toll payment", Page.objects.live()).query_compiler
    assert plain_words(compiled.whoosh_query()) is not None


def test_a_field_restricted_search_matches_only_those_fields(backend):
    add_page("awareness", "Wombat notice", "quokka sighting", slug="wombat")
    pages = Page.objects.live()
    results = backend.search("quokka", pages, fields=["title"])
    compiled = results.query_compiler.whoosh_query()
    assert not [q for q in _leaves(compiled) if isinstance(q, AnyField)]
    assert list(results) == []
    assert [p.title for p in backend.search("wombat", pages, fields=["title"])] == [
        "Wombat notice"
    ]
    assert [p.title for p in backend.search("quokka", pages)] == ["Wombat notice"]


@pytest.mark.parametrize(
    "query, expected",
    [
        (Phrase("toll payment"), {"Toll scam alert"}),
        (Phrase("payment toll"), set()),
        (Fuzzy("parcal"), {"Parcel scam alert"}),
        (
            PlainText("payment") & Not(PlainText("toll")),
            {"Parcel scam alert"},
        ),
    ],
)
def test_other_queries_keep_their_meaning(backend, query, expected):
    assert {p.title for p in backend.search(query, Page.objects.live())} == expected


@pytest.mark.parametrize(
    "minimum, expected",
    [
        (None, {"Toll scam alert"}),
        # "Payment dispute lesson" has "toll" and "payment", apart.
        (1, {"Toll scam alert", "Parcel scam alert", "Message lesson"}),
    ],
)
def test_a_phrase_concept_is_covered_only_where_its_words_stand_in_order(
    backend, minimum, expected
):
    query = MostWords([[Phrase("toll payment")], ["message"]], minimum=minimum)
    # The pages above (the site's own pages have messages too).
    pages = Page.objects.live().filter(
        title__in=[
            "Toll scam alert",
            "Parcel scam alert",
            "Payment dispute lesson",
            "Message lesson",
        ]
    )
    results = backend.search(query, pages)
    assert {p.title for p in results} == expected
    assert results.count() == len(expected)


def test_a_phrase_concept_on_some_fields_keeps_its_order(backend):
    pages = Page.objects.live()
    in_order = MostWords([[Phrase("toll scam")], ["alert"]])
    reversed_ = MostWords([[Phrase("scam toll")], ["alert"]])
    assert [p.title for p in backend.search(in_order, pages, fields=["title"])] == [
        "Toll scam alert"
    ]
    assert list(backend.search(reversed_, pages, fields=["title"])) == []


def test_boosted_words_rank_higher(backend):
    query = PlainText("parcel") | PlainText("dispute", boost=20)
    titles = [p.title for p in backend.search(query, Page.objects.live())]
    assert titles[-1] == "Parcel scam alert"
    assert set(titles[:2]) == {"Payment dispute lesson", "Message lesson"}


def test_an_index_of_an_older_layout_is_rebuilt(backend, caplog):
    store = backend.store
    generation = store.current_generation()
    (store.root / generation / SCHEMA_FILE).write_text("2")
    store._versions.clear()
    with caplog.at_level(logging.WARNING):
        titles = {p.title for p in backend.search("toll", Page.objects.live())}
    assert titles == {"Toll scam alert", "Payment dispute lesson", "Message lesson"}
    assert "layout 2; this version needs" in caplog.text
    assert "rebuilding the search index from the database" in caplog.text
    assert store.current_generation() != generation
    assert not store.is_outdated(store.current_generation())


def test_updates_wait_for_the_rebuild_of_an_older_index(backend):
    store = backend.store
    generation = store.current_generation()
    (store.root / generation / SCHEMA_FILE).write_text("2")
    store._versions.clear()
    page = add_page("awareness", "Numbat news", "numbat")
    assert f"{page._meta.label}:{page.pk}" in (store.root / "PENDING").read_text()
    assert [p.title for p in backend.search("numbat", Page.objects.live())] == [
        "Numbat news"
    ]


def _leaves(query):
    yield query
    for child in query.children():
        yield from _leaves(child)


def test_phrase_matching_finds_a_repeated_word_and_skips_a_reversed_pair(backend):
    pages = Page.objects.live()
    found = backend.search(MostWords([[Phrase("payment payment")]]), pages)
    assert [p.title for p in found] == ["Payment dispute lesson"]
    assert not backend.search(MostWords([[Phrase("message parcel")]]), pages)

"""The ranking over whole arrays gives exactly what the ranking one document
at a time gave (kept in ``ranking_reference.py``): the same documents, in the
same order, with the same scores to the last bit, for every word, any word
and most of the words (with phrases), at every page size."""

import random

import numpy as np
import pytest
from modelsearch.query import Phrase
from wagtail.models import Page

from deskbook.search.selectors import searchable_text
from deskbook.search.whoosh import postings, ranking
from deskbook.search.whoosh.concepts import MostWords
from deskbook.search.whoosh.ranking import plain_words
from tests.search import ranking_reference
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db

WORDS = [
    "toll",
    "payment",
    "scam",
    "message",
    "dispute",
    "parcel",
    "hardship",
    "letter",
    "visit",
    "call",
]
SECTIONS = ["awareness", "knowledge-base", "lessons"]


@pytest.fixture
def corpus(backend):
    """Pages drawn at random from a small vocabulary, so that words repeat
    across titles, summaries and bodies of three page types and scores tie;
    one page is saved again, so a deleted document stays in a segment."""
    draw = random.Random(15)
    pages = []
    for n in range(36):
        title = " ".join(draw.choices(WORDS, k=draw.randint(1, 3)))
        text = " ".join(draw.choices(WORDS, k=draw.randint(3, 25)))
        pages.append(add_page(SECTIONS[n % 3], title, text, slug=f"page-{n}"))
    pages[0].title = "toll toll payment"
    pages[0].save_revision().publish()
    return backend


def plan_of(backend, query, operator="and"):
    compiled = backend.search(query, Page.objects.live(), operator=operator)
    plan = plain_words(compiled.query_compiler.whoosh_query())
    assert plan is not None
    return plan


QUERIES = [
    ("toll", "and"),
    ("toll payment", "and"),
    ("scam message dispute", "and"),
    ("toll payment", "or"),
    ("parcel hardship letter visit", "or"),
    (MostWords([["toll"], ["payment"], ["scam"], ["zebrafish"]], minimum=2), "and"),
    (MostWords([[Phrase("toll payment")], ["message"]], minimum=1), "and"),
    (MostWords([[Phrase("scam toll payment")], ["letter"]], minimum=1), "and"),
    (MostWords([[Phrase("call toll scam message")], ["visit"]], minimum=1), "and"),
    (MostWords([["call", "visit"], ["letter"], ["dispute"]], minimum=1), "and"),
]


def test_scores_and_order_are_the_reference_ones(corpus):
    searcher = corpus.store.searcher()
    assert len(searcher.leaf_searchers()) > 1  # offsets are exercised
    _, masks = corpus._filter_sets(searcher, Page)
    as_sets = [set(np.flatnonzero(mask).tolist()) for mask in masks]
    for query, operator in QUERIES:
        plan = plan_of(corpus, query, operator)
        assert ranking.matching_docnums(searcher, plan, masks).tolist() == (
            ranking_reference.matching_docnums(searcher, plan, as_sets)
        )
        everything = ranking_reference.top_docnums(searcher, plan, None, as_sets, {})
        assert len(everything) > 3, query
        for limit in (None, 1, 3, 10, len(everything)):
            new = ranking.top_docnums(searcher, plan, limit, masks)
            old = ranking_reference.top_docnums(searcher, plan, limit, as_sets, {})
            # Exact equality: the same floats, not approximately.
            assert new == old, (query, limit)

    # Ties fall back on index order.
    found = ranking.top_docnums(searcher, plan_of(corpus, "toll"), None, masks)
    keys = [(-round(score, ranking.DECIMALS), docnum) for score, docnum in found]
    assert keys == sorted(keys)
    assert len({round(score, 9) for score, _ in found}) < len(found)  # ties exist


def test_phrases_are_the_ones_whoosh_finds_by_position(corpus):
    """Every phrase of two to five words of the pages' own text (and the same
    words in another order) finds, segment by segment, exactly the documents
    Whoosh's phrase query finds by position: none that have the words, or
    every run of three of them, but not the whole phrase in one field."""
    searcher = corpus.store.searcher()
    pages = Page.objects.live().specific()
    texts = [f"{page.title} {searchable_text(page)}" for page in pages]
    draw = random.Random(3)
    phrases = set()
    for text in texts:
        words = [token.text for token in corpus.analyzer(text)]
        for size in range(2, 6):
            if len(words) > size:
                at = draw.randrange(len(words) - size)
                phrases.add(tuple(words[at : at + size]))
                phrases.add(tuple(draw.sample(words[at : at + size], size)))
    found = not_found = 0
    for phrase in sorted(phrases):
        for sub, _ in searcher.leaf_searchers():
            expected = ranking_reference.phrase_docs(sub, phrase)
            # Deleted documents stay in posting lists; the ranking takes them out.
            deleted = sub.reader().deleted_docs_set
            kept = [d for d in postings.phrase_docs(sub, phrase) if d not in deleted]
            assert kept == sorted(expected), phrase
            found += bool(expected)
            not_found += not expected
    assert found > 50 and not_found > 50

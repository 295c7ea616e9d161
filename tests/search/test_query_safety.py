"""Whatever people type, the backend answers quickly and never scans the lexicon."""

import pytest
from wagtail.models import Page
from whoosh import query as wq

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    '"unbalanced',
    "title:foo",
    "body:*",
    "*",
    "?",
    "pay*",
    "w?ld",
    "~fuzzy^3",
    "((",
    "[1 TO 9]",
    "AND OR NOT",
    "a" * 10_000,
    " ".join(["word"] * 500),
    "こんにちは",
    "قرض",
    "%00\x00\x1f",
    "<script>alert(1)</script>",
]
EXPANDING = (wq.Wildcard, wq.Prefix, wq.Regex, wq.FuzzyTerm, wq.TermRange)


def leaves(query):
    yield query
    for child in query.children():
        yield from leaves(child)


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_odd_search_answers_without_expanding_terms(backend, text):
    results = backend.search(text, Page.objects.live())
    assert results.count() >= 0
    assert list(results[:10]) is not None
    compiler = results.query_compiler
    compiled = compiler.whoosh_query()
    assert not [q for q in leaves(compiled) if isinstance(q, EXPANDING)]
    assert len(list(leaves(compiled))) < 2000


@pytest.mark.parametrize("text", ODD_QUERIES)
def test_odd_autocomplete_answers_with_plain_term_lookups(backend, text):
    results = backend.autocomplete(text, Page.objects.live())
    assert results.count() >= 0
    compiled = results.query_compiler.whoosh_query()
    assert not [q for q in leaves(compiled) if isinstance(q, EXPANDING)]


def test_field_prefix_is_just_a_word(backend):
    titles = {p.title for p in backend.search("title:awareness", Page.objects.live())}
    assert "Awareness" in titles

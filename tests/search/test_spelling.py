import pytest

from deskbook.search.whoosh.schema import SPELLING_FIELD
from deskbook.search.whoosh.spelling import LexiconCorrector
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db


def test_misspelt_word_gets_a_real_word_suggestion(backend):
    assert backend.suggest_spelling("awarness")[0] == "awareness"


def test_suggestions_are_unstemmed_words_from_the_index(backend):
    # "lessons" stems to "lesson"; the suggestion keeps the indexed spelling.
    assert "lessons" in backend.suggest_spelling("lesons")


def test_correctly_spelt_query_gets_no_suggestion(backend):
    assert backend.suggest_spelling("awareness") == []


def test_only_the_misspelt_word_changes(backend):
    assert backend.suggest_spelling("knowledge bsae")[0] == "knowledge base"


@pytest.mark.parametrize("odd", ["", "   ", "!!!", "*", "こんにちは", "x" * 5000])
def test_odd_input_gives_a_list(backend, odd):
    assert isinstance(backend.suggest_spelling(odd), list)


MISSPELT = ["awarness", "lesons", "bsae", "teh", "recieve", "scma", "ac1234", "250"]
MISSPELT += ["a", "zz"]


def test_suggestions_are_the_ones_whoosh_s_corrector_gives(backend):
    add_page(
        "awareness",
        "Account notice",
        "Account AC12345 owes 2500 dollars; the scam caller asked for 250 now.",
    )
    searcher = backend.store.searcher()
    whoosh = searcher.corrector(SPELLING_FIELD)
    ours = LexiconCorrector(searcher, SPELLING_FIELD)
    for word in MISSPELT:
        for limit in (1, 3, 12):
            expected = whoosh.suggest(word, limit=limit, maxdist=2)
            assert ours.suggest(word, limit=limit, maxdist=2) == expected, word
    assert ours.suggest("ac1234", limit=3) == ["ac12345"]
    assert ours.suggest("scma", limit=1) == ["scam"]

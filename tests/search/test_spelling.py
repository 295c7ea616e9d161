import pytest

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

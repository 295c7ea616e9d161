"""The whole-text fields are indexed from word counts, and the runs of
adjacent words from the words in order; the terms, frequencies and positions
they stand for must be the ones Whoosh's own TEXT field gives."""

import pytest
from whoosh import fields

from deskbook.search.whoosh.schema import (
    CATCH_ALL_FIELD,
    RUNS_FIELD,
    SPELLING_FIELD,
    TEXT_PREFIX,
    WordCountText,
    WordRuns,
    build_schema,
)

TEXTS = [
    "Payments were made, e.g. via the Café portal.\nPAYMENT payment naïve 3.14",
    "",
    "ÉTÉ été ete — 12,5 % x*y under_score co-operate don't",
    "paiements réglés en espèces",
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", [CATCH_ALL_FIELD, SPELLING_FIELD])
@pytest.mark.parametrize("text", TEXTS)
def test_word_counts_index_like_a_text_field(language, name, text):
    field = build_schema(language)[name]
    assert isinstance(field, WordCountText)
    assert sorted(field.index(text)) == sorted(fields.TEXT.index(field, text))


def runs_by_position(text_field, texts) -> dict[bytes, int]:
    """Runs of two and three words read off the positions Whoosh's own TEXT
    field indexes, field by field."""
    runs: dict[bytes, int] = {}
    for text in texts:
        at = {}
        for term, _, _, value in text_field.index(text):
            for position in text_field.format.decode_positions(value):
                at[position] = term.decode()
        for position in at:
            for size in (2, 3):
                words = [at.get(position + k) for k in range(size)]
                if None not in words:
                    run = " ".join(words).encode()
                    runs[run] = runs.get(run, 0) + 1
    return runs


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("texts", [[text] for text in TEXTS] + [TEXTS])
def test_runs_are_the_words_side_by_side_in_each_text_field(language, texts):
    schema = build_schema(language)
    runs = schema[RUNS_FIELD]
    assert isinstance(runs, WordRuns)
    expected = runs_by_position(schema[TEXT_PREFIX + "body"], texts)
    indexed = {term: frequency for term, frequency, _, _ in runs.index(tuple(texts))}
    assert indexed == expected


def test_runs_of_two_and_three_words_never_cross_from_one_field_to_the_next():
    runs = build_schema("en")[RUNS_FIELD]

    def indexed(texts):
        return {term.decode() for term, _, _, _ in runs.index(texts)}

    assert indexed(("Promise to pay now",)) == {
        "promis to",
        "to pay",
        "pay now",
        "promis to pay",
        "to pay now",
    }
    assert indexed(("Promise to", "pay now")) == {"promis to", "pay now"}

"""The whole-text fields are indexed from word counts; the terms, frequencies
and lengths must be the ones Whoosh's own TEXT field gives."""

import pytest
from whoosh import fields

from deskbook.search.whoosh.schema import (
    CATCH_ALL_FIELD,
    SPELLING_FIELD,
    WordCountText,
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

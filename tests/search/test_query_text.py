"""Whatever people type becomes plain words the search can take as they are."""

import pytest

from deskbook.search.query_text import MAX_QUERY_CHARS, clean_query


@pytest.mark.parametrize(
    ("raw", "cleaned", "is_phrase"),
    [
        ("  payment   plan ", "payment plan", False),
        ('"payment plan"', "payment plan", True),
        ('"payment"', "payment", False),
        ('"payment plan" "late fee"', "payment plan late fee", False),
        ('"unbalanced', "unbalanced", False),
        ('unbalanced"', "unbalanced", False),
        ("title:foo body:*", "foo", False),
        ("*", "", False),
        ("?", "", False),
        ("pay* w?ld ~fuzzy^3", "pay w ld fuzzy 3", False),
        ("((", "", False),
        ("[1 TO 9] {a TO b}", "1 TO 9 a TO b", False),
        ("AND OR NOT", "AND OR NOT", False),
        ("a\x00b\x1fc\u200bd", "a b c d", False),
        ("%00", "00", False),
        ("<script>alert(1)</script>", "script alert 1 script", False),
        ("こんにちは 世界", "こんにちは 世界", False),
        ("قرض شخصي", "قرض شخصي", False),
        ("Überweisung née", "Überweisung née", False),
    ],
)
def test_query_is_cleaned_to_plain_words(raw, cleaned, is_phrase):
    result = clean_query(raw)
    assert result.text == cleaned
    assert result.is_phrase is is_phrase


def test_long_query_is_capped_at_a_word_boundary():
    assert clean_query("x" * 10_000).text == "x" * MAX_QUERY_CHARS
    words = clean_query("word " * 100).text
    assert len(words) <= MAX_QUERY_CHARS
    assert words == ("word " * 40).strip()


def test_empty_and_missing_input_clean_to_nothing():
    assert clean_query("").text == ""
    assert clean_query(None).text == ""
    assert clean_query(" \t\n ").text == ""

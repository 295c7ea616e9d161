"""Whatever people type becomes plain words the search can take as they are."""

import pytest

from deskbook.search.query_text import MAX_QUERY_CHARS, clean_query, content_parts


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


@pytest.mark.parametrize(
    ("raw", "parts", "typed"),
    [
        (
            '"promise to pay" abroad',
            [("promise to pay", True), ("abroad", False)],
            '"promise to pay" abroad',
        ),
        (
            'overseas  "Cease  contact"  request',
            [("overseas", False), ("Cease contact", True), ("request", False)],
            'overseas "Cease contact" request',
        ),
        ('"payment"', [("payment", True)], '"payment"'),
        # A quote without a partner counts as absent.
        ('"promise to pay', [("promise to pay", False)], "promise to pay"),
        (
            '"promise to pay" "abroad now',
            [("promise to pay", True), ("abroad now", False)],
            '"promise to pay" abroad now',
        ),
        (
            'late "fee" "waiver',
            [("late", False), ("fee", True), ("waiver", False)],
            'late "fee" waiver',
        ),
        # Nothing between the quotes, or only syntax: no quoted run.
        ('"" payment "*?"', [("payment", False)], "payment"),
        ('"title:scam (alert)" now', [("scam alert", True), ("now", False)], None),
    ],
)
def test_quoted_runs_are_kept_apart_from_the_words_around_them(raw, parts, typed):
    query = clean_query(raw)
    assert [(part.words, part.quoted) for part in query.parts] == parts
    assert query.text == " ".join(words for words, _ in parts)
    if typed is not None:
        assert query.typed == typed


def test_a_long_query_with_quotes_is_capped_inside_its_runs():
    query = clean_query('"' + "word " * 30 + '" ' + "more " * 30)
    # 30 "word"s take 149 characters; ten " more"s bring it to 199.
    assert len(query.text) <= MAX_QUERY_CHARS
    assert [(len(p.words.split()), p.quoted) for p in query.parts] == [
        (30, True),
        (10, False),
    ]


def test_a_correction_replaces_only_the_unquoted_runs():
    query = clean_query('curier "promise to pay" delivry')
    corrected = query.with_loose(["courier", "delivery"])
    assert corrected.typed == 'courier "promise to pay" delivery'
    assert corrected.text == "courier promise to pay delivery"


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("how do I pay abroad", [("pay abroad", False)]),
        ("how do I", [("how do I", False)]),
        ('how do I "promise to pay"', [("promise to pay", True)]),
        ('"to be" or the', [("to be", True)]),
        ('what is a "letter of demand" for', [("letter of demand", True)]),
    ],
)
def test_stop_words_are_left_out_around_quotes_but_never_inside(raw, kept):
    parts = content_parts(clean_query(raw))
    assert [(part.words, part.quoted) for part in parts] == kept

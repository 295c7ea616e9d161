"""Snippets: the best passage of a page's text, query words marked, HTML escaped."""

import re

from deskbook.search.highlight import highlight

TEXT = (
    "Collectors call debtors between nine and six. "
    "A payment promised on the call is logged as a PTP. "
    "Payments into personal accounts are never requested."
)
MARK = re.compile(r'<mark class="hit[^"]*">(.*?)</mark>')


def marked(snippet: str) -> list[str]:
    return MARK.findall(snippet)


def test_stemmed_words_are_marked():
    assert marked(highlight(TEXT, "payments")) == ["payment", "Payments"]


def test_text_is_escaped_around_the_marks():
    snippet = highlight("Fees <b>&</b> payment <script>x</script>", "payment")
    assert marked(snippet) == ["payment"]
    assert "<b>" not in snippet
    assert "<script" not in snippet
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in snippet


def test_no_match_falls_back_to_the_opening():
    snippet = highlight(TEXT, "garnishee", max_chars=40)
    assert "<mark" not in snippet
    assert snippet.startswith("Collectors call debtors")
    assert len(snippet) <= 42
    assert snippet.endswith(" …")


def test_fallback_is_escaped():
    snippet = highlight("<i>Tom & Jerry</i>", "zzz")
    assert snippet == "&lt;i&gt;Tom &amp; Jerry&lt;/i&gt;"


def test_snippet_is_the_passage_around_the_match():
    long_text = ("filler words here " * 100) + "the payment clause" + (" more" * 100)
    snippet = highlight(long_text, "payment", max_chars=120)
    assert marked(snippet) == ["payment"]
    assert len(MARK.sub(r"\1", snippet)) <= 2 * 120


def test_empty_text_or_query_is_safe():
    assert highlight("", "payment") == ""
    assert highlight(TEXT, "").startswith("Collectors")
    assert highlight(TEXT, "*** ???").startswith("Collectors")


def test_non_latin_text_is_marked():
    assert marked(highlight("سداد القرض قبل الموعد", "القرض")) == ["القرض"]

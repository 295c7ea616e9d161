"""Highlighted snippets: the passage of a text that best matches a query."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.highlight import highlight as whoosh_highlight

from .whoosh.schema import text_analyzer

ANALYZER = text_analyzer()


def highlight(text: str, query: str, max_chars: int = 240) -> SafeString:
    """HTML-escaped passage of ``text`` with the query's words in ``<mark>``
    (stemmed, so "payments" marks "payment"); the opening when nothing matches."""
    text = " ".join((text or "").split())
    terms = {token.text for token in ANALYZER(query or "")}
    if text and terms:
        snippet = whoosh_highlight(
            text,
            terms,
            ANALYZER,
            ContextFragmenter(maxchars=max_chars, surround=max_chars // 3),
            HtmlFormatter(tagname="mark", classname="hit", between=" … "),
            top=2,
        )
        if snippet:
            return mark_safe(snippet)  # noqa: S308 — Whoosh escapes the text
    opening = text[:max_chars]
    if len(text) > max_chars:
        opening = opening.rsplit(" ", 1)[0] + " …"
    return escape(opening)

"""Would a search that found nothing find something now? For the Search gaps
report: each query tried as the search page tries it today (every word, a
correction, most of the words, the thesaurus throughout), against the pages
the report's reader may view.

The report shows fifty gaps a page, so the database is asked once for the
keys the reader may view and once for the thesaurus; each query is then
matched in the index alone and its matches are intersected with those keys.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.template.defaultfilters import pluralize
from wagtail.models import Page
from wagtail.search.query import Phrase, PlainText

from .query_text import clean_query, only_operators
from .selectors import searchable_pages, thesaurus
from .site_search import Searcher, choose_terms, corrected_queries, query_concepts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GapOutlook:
    found: int
    corrected: str | None = None
    thesaurus: bool = False
    partial: bool = False

    def __str__(self) -> str:
        if not self.found:
            return "Still nothing"
        pages = f"{self.found} page{pluralize(self.found)}"
        if self.corrected:
            return f"{pages} as “{self.corrected}”"
        if self.thesaurus:
            return f"{pages} with the thesaurus"
        if self.partial:
            return f"{pages} with most of the words"
        return pages


def gap_outlooks(
    texts: Iterable[str], *, viewer, backend
) -> dict[str, GapOutlook | None]:
    """Per logged query text, what the search page would find now; None where
    the backend cannot say without asking the database per query (only the
    Whoosh backend can) or the query could not be tried."""
    texts = list(dict.fromkeys(texts))
    if not texts:
        return {}
    search = Searcher(backend)
    everything = Page.objects.all()
    probe = search(everything, PlainText(texts[0]))
    if not hasattr(probe, "index_matches"):
        return dict.fromkeys(texts)
    visible = set(searchable_pages(viewer).values_list("pk", flat=True))
    words = thesaurus()

    def count(terms) -> int:
        keys = search(everything, terms).index_matches()
        return len(visible) if keys is None else len(visible.intersection(keys))

    outlooks = {}
    for text in texts:
        try:
            outlooks[text] = _outlook(search, backend, text, words, count)
        except Exception:
            # One query the index cannot take must not take the report down.
            logger.exception("Search gap outlook failed for %r", text)
            outlooks[text] = None
    return outlooks


def _outlook(search, backend, logged: str, words, count) -> GapOutlook:
    query = clean_query(logged)
    if not query.text or only_operators(query.text):
        return GapOutlook(found=0)
    if query.is_phrase:
        return GapOutlook(found=count(Phrase(query.text)))

    def corrections():
        typed = set(query.text.lower().split())

        def suggest(run: str) -> list[str]:
            # A corrected word must find a page the reader may view: the
            # index's spellings come from every page, hidden ones too.
            return [
                candidate
                for candidate in backend.suggest_spelling(run)
                if all(count(PlainText(w)) for w in set(candidate.split()) - typed)
            ]

        return corrected_queries(query, suggest)

    _, corrected, partial, found = choose_terms(
        search, query, words, count=count, corrections=corrections
    )
    concepts = query_concepts(corrected or query, words)
    return GapOutlook(
        found=found,
        corrected=corrected.typed if corrected else None,
        thesaurus=any(len(concept) > 1 for concept in concepts),
        partial=partial,
    )

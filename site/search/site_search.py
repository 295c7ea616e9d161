"""One search as a visitor sees it: a page of results, facet counts and a
spelling suggestion, all drawn from the pages the visitor may view."""

import logging
from dataclasses import dataclass

from django.core.paginator import Page as ResultPage
from django.core.paginator import Paginator
from wagtail.search.query import And, Phrase, PlainText

from .facet_counts import field_groups, kind_group
from .facets import FacetGroup, SearchFacet
from .kinds import SearchKind
from .query_text import SearchText, content_parts
from .selection import Selection
from .selectors import searchable_pages, thesaurus
from .thesaurus import Thesaurus
from .whoosh.concepts import MostWords

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
# Fewer results than this with every word: try a correction, then most words.
ENOUGH = 3


@dataclass(frozen=True)
class SiteSearch:
    results: ResultPage
    facets: list[FacetGroup]
    corrected: str | None = None
    """The spelling searched instead of the query (``Showing results for``),
    its quoted phrases in quotes."""
    partial: bool = False
    """No page had every word: these have most of them."""


def minimum_should_match(concepts: int) -> int:
    """Words a page must have when not every word can be found: one of two,
    else half (rounded up), as Lucene-based engines' "minimum should match"."""
    return 1 if concepts <= 2 else -(-concepts // 2)


class Searcher:
    """The visitor's query against any queryset, always with the same terms."""

    def __init__(self, backend, terms=None):
        self.backend = backend
        self.terms = terms

    def __call__(self, queryset, terms=None):
        return self.backend.search(terms or self.terms, queryset)

    def every_word(self, concepts: list[list]):
        if not getattr(self.backend, "matches_most_words", False) and all(
            len(concept) == 1 for concept in concepts
        ):
            # Other backends read MostWords as OR: ask them for AND as before.
            words = [c[0] for c in concepts if not isinstance(c[0], Phrase)]
            phrases = [c[0] for c in concepts if isinstance(c[0], Phrase)]
            every = PlainText(" ".join(words), operator="and") if words else None
            if not phrases:
                return every
            return And([every, *phrases] if every else phrases)
        return MostWords(concepts)

    def most_words(self, concepts: list[list]):
        return MostWords(concepts, minimum=minimum_should_match(len(concepts)))


def query_concepts(query: SearchText, words: Thesaurus) -> list[list]:
    """Per concept of the query, its terms: a quoted run is one concept, an
    exact ``Phrase`` (a lone quoted word stays that word), never expanded;
    the words around it pass through the thesaurus."""
    concepts = []
    for part in content_parts(query):
        if not part.quoted:
            concepts += words.concepts(part.words.split())
        elif " " in part.words:
            concepts.append([Phrase(part.words)])
        else:
            concepts.append([part.words])
    return concepts


def site_search(
    *,
    backend,
    query: SearchText,
    user,
    selection: Selection,
    kinds: list[SearchKind],
    facets: dict[str, list[SearchFacet]],
    page_number,
    verbatim: bool = False,
) -> SiteSearch:
    """Search the pages ``user`` may view, narrowed to ``selection``.

    Every word first; if that finds too little, the spelling correction that
    finds more (unless ``verbatim``), then pages with most of the words. The
    thesaurus adds each word's equivalents throughout. A quoted phrase is one
    concept, matched exactly: never expanded, never corrected.
    """
    search = Searcher(backend)
    pages = searchable_pages(user)
    narrowed = selection.narrow(pages)
    corrected, partial = None, False
    counted = {}

    def count(terms) -> int:
        # Kept: the chosen terms' results (and their count) are the page's.
        counted[id(terms)] = (terms, search(narrowed, terms))
        return counted[id(terms)][1].count()

    if query.is_phrase:
        search.terms = Phrase(query.text)
    else:
        search.terms, corrected, partial, _ = choose_terms(
            search,
            query,
            thesaurus(),
            count=count,
            corrections=lambda: (
                [] if verbatim else _corrections(backend, query, narrowed)
            ),
        )
    _, results = counted.get(id(search.terms), (None, None))
    if results is None:
        results = search(narrowed)
    groups = [kind_group(search, pages, results, selection, kinds)]
    groups += field_groups(search, pages, results, user, selection, facets)
    result_page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    return SiteSearch(
        results=result_page,
        facets=[group for group in groups if group is not None],
        corrected=corrected.typed if corrected else None,
        partial=partial,
    )


def choose_terms(search, query: SearchText, words: Thesaurus, *, count, corrections):
    """(terms, the corrected query or None, whether only most words match,
    pages found) for ``query``: every word, else the first correction that
    finds more, else most of the words.

    ``count(terms)`` counts the pages the terms find; ``corrections()`` lists
    corrected queries, best first (asked for only when too little is found).
    """
    concepts = query_concepts(query, words)
    terms = search.every_word(concepts)
    found = count(terms)
    corrected = None
    if found < ENOUGH:
        # A word the thesaurus knows is not a typo, even if no page spells it.
        known = {
            w for concept in concepts if len(concept) > 1 for w in concept[0].split()
        }
        for candidate in corrections():
            if not known <= set(candidate.text.split()):
                continue
            candidate_concepts = query_concepts(candidate, words)
            candidate_terms = search.every_word(candidate_concepts)
            candidate_found = count(candidate_terms)
            if candidate_found > found:
                corrected, concepts = candidate, candidate_concepts
                terms, found = candidate_terms, candidate_found
                break
    if found < ENOUGH and len(concepts) > 1:
        most = search.most_words(concepts)
        most_found = count(most)
        if most_found > found:
            return most, corrected, True, most_found
    return terms, corrected, False, found


def corrected_queries(query: SearchText, suggest) -> list[SearchText]:
    """``query`` with its unquoted runs corrected, best first; quoted runs
    stay as typed. ``suggest(run)`` lists a run's corrected spellings, best
    first (none when it looks right)."""
    runs = query.loose
    if not runs:
        return []
    options = [suggest(run) or [run] for run in runs]
    found = []
    for rank in range(max(len(o) for o in options)):
        chosen = [o[min(rank, len(o) - 1)] for o in options]
        if chosen != runs and chosen not in found:
            found.append(chosen)
    return [query.with_loose(chosen) for chosen in found]


def _corrections(backend, query: SearchText, pages) -> list[SearchText]:
    """Corrected queries, each word drawn from the pages the visitor may view."""
    if not hasattr(backend, "suggest_spelling"):
        return []
    try:
        return corrected_queries(
            query, lambda run: backend.suggest_spelling(run, within=pages)
        )
    except Exception:
        # Results without a correction beat no results at all.
        logger.exception("Spelling suggestion failed for %r", query.text)
        return []

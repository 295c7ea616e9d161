"""One search as a visitor sees it: a page of results, facet counts and a
spelling suggestion, all drawn from the pages the visitor may view."""

import logging
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page as ResultPage
from django.core.paginator import Paginator
from django.db.models import Count
from wagtail.search.query import Phrase

from .facets import FacetGroup, SearchFacet, facet_group
from .kinds import SearchKind
from .query_text import SearchText
from .selection import Selection
from .selectors import searchable_pages

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
SUGGEST_BELOW = 3
# Facets of related rows (tags) are counted in the database over at most this
# many best matches: search backends facet plain fields only.
RELATED_FACET_SCAN = 1000


@dataclass(frozen=True)
class SiteSearch:
    results: ResultPage
    facets: list[FacetGroup]
    suggestion: str | None


class _Searcher:
    """The visitor's query against any queryset, always with the same terms."""

    def __init__(self, backend, query: SearchText):
        self.backend = backend
        self.terms = Phrase(query.text) if query.is_phrase else query.text

    def __call__(self, queryset, terms=None):
        return self.backend.search(terms or self.terms, queryset, operator="and")


def site_search(
    *,
    backend,
    query: SearchText,
    user,
    selection: Selection,
    kinds: list[SearchKind],
    facets: dict[str, list[SearchFacet]],
    page_number,
) -> SiteSearch:
    """Search the pages ``user`` may view, narrowed to ``selection``."""
    search = _Searcher(backend, query)
    pages = searchable_pages(user)
    results = search(selection.narrow(pages))
    groups = [_kind_group(search, pages, results, selection, kinds)]
    groups += [
        _field_group(search, user, selection, declared) for declared in facets.values()
    ]
    result_page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    found = result_page.paginator.count
    return SiteSearch(
        results=result_page,
        facets=[group for group in groups if group is not None],
        suggestion=_suggestion(search, query.text, selection.narrow(pages), found),
    )


def _kind_group(search, pages, results, selection, kinds) -> FacetGroup | None:
    # Kind counts leave the chosen kind out, so the other kinds stay reachable.
    if selection.kind is not None:
        results = search(selection.narrow(pages, leave_out="kind"))
    if not getattr(results, "supports_facet", False):
        return None
    per_type = results.facet("content_type_id")
    counts = {
        kind.key: sum(per_type.get(ct, 0) for ct in kind.content_type_ids())
        for kind in kinds
    }
    return facet_group(
        key="kind",
        label="Kind",
        counts=counts,
        labels={kind.key: kind.label for kind in kinds},
        url_for=lambda value: selection.url(kind=value),
        selected={selection.kind.key} if selection.kind is not None else (),
        order=[kind.key for kind in kinds],
        all_count=sum(per_type.values()),
    )


def _field_group(search, user, selection, declared) -> FacetGroup | None:
    key = declared[0].key
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for facet in declared:
        pages = selection.narrow(searchable_pages(user, facet.model), leave_out=key)
        try:
            per_value = _facet_counts(search, pages, facet)
        except Exception:
            # A facet an app declared wrongly must not take the search down.
            logger.exception("Search facet %s on %s failed", key, facet.model_label)
            continue
        for value, count in per_value.items():
            if value is not None and value != "" and count:
                counts[str(value)] += count
                labels.setdefault(str(value), facet.value_label(value))
    picked = {str(value) for _, value in selection.picks.get(key, ("", []))[1]}
    return facet_group(
        key=key,
        label=declared[0].label,
        counts=counts,
        labels=labels,
        url_for=lambda value: selection.url(**{key: value}),
        selected=picked,
    )


def _facet_counts(search, pages, facet: SearchFacet) -> dict:
    if not facet.spans_relation:
        return search(pages).facet(facet.field_name)
    matched = [page.pk for page in search(pages.only("pk"))[:RELATED_FACET_SCAN]]
    rows = (
        facet.model.objects.filter(pk__in=matched)
        .order_by()  # the tree's path ordering would split the groups
        .values(facet.field_name)
        .annotate(count=Count("pk", distinct=True))
    )
    return {row[facet.field_name]: row["count"] for row in rows}


def _suggestion(search, text: str, pages, found: int) -> str | None:
    """A corrected query that finds more among the pages the visitor may view."""
    backend = search.backend
    if found >= SUGGEST_BELOW or not hasattr(backend, "suggest_spelling"):
        return None
    try:
        for candidate in backend.suggest_spelling(text):
            if search(pages, candidate).count() > found:
                return candidate
    except Exception:
        # Results without a suggestion beat no results at all.
        logger.exception("Spelling suggestion failed for %r", text)
    return None

"""The site search: one view for everyone, showing only what the user may view."""

import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase

from .highlight import highlight
from .kinds import search_kinds
from .query_log import search_record
from .query_text import clean_query
from .selectors import searchable_pages, searchable_text

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
AUTOCOMPLETE_LIMIT = 8
SUGGEST_BELOW = 3


def _kind_counts(results, kinds) -> list[tuple]:
    if not getattr(results, "supports_facet", False):
        return []
    per_type = results.facet("content_type_id")
    counts = []
    for kind in kinds:
        count = sum(per_type.get(ct_id, 0) for ct_id in kind.content_type_ids())
        if count:
            counts.append((kind, count))
    return counts


def _suggestion(backend, text: str, pages, found: int) -> str | None:
    """A corrected query that finds more among the pages the user may view."""
    if found >= SUGGEST_BELOW or not hasattr(backend, "suggest_spelling"):
        return None
    for candidate in backend.suggest_spelling(text):
        if backend.search(candidate, pages, operator="and").count() > found:
            return candidate
    return None


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query.text, "kind": None, "results": None}
    if not query.text:
        return render(request, "search/search.html", context)
    backend = get_search_backend()
    pages = searchable_pages(request.user)
    terms = Phrase(query.text) if query.is_phrase else query.text
    kinds = search_kinds()
    try:
        results = backend.search(terms, pages, operator="and")
        context["total"] = results.count()
        context["kinds"] = _kind_counts(results, kinds)
        kind = next((k for k in kinds if k.key == request.GET.get("kind")), None)
        if kind is not None:
            context["kind"] = kind
            in_kind = pages.filter(content_type_id__in=kind.content_type_ids())
            results = backend.search(terms, in_kind, operator="and")
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        labels = {ct: k.label for k in kinds for ct in k.content_type_ids()}
        context["results"] = page
        context["hits"] = [
            {
                "page": hit,
                "kind": labels.get(hit.content_type_id, ""),
                "snippet": highlight(searchable_text(hit), query.text),
                "url": hit.get_url(request),
            }
            for hit in page.object_list
        ]
        context["suggestion"] = _suggestion(
            backend, query.text, pages, context["total"]
        )
        # Count a search once: not again for its later pages or its facets.
        if request.GET.get("page", "1") == "1" and kind is None:
            search_record(query_string=query.text, result_count=context["total"])
    except Exception:
        logger.exception("Search failed for %r", query.text)
        context["unavailable"] = True
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    """Titles for the search box: ``{"results": [{"title", "url", "kind"}]}``."""
    query = clean_query(request.GET.get("q", ""))
    if len(query.text) < 2:
        return JsonResponse({"results": []})
    labels = {ct: k.label for k in search_kinds() for ct in k.content_type_ids()}
    try:
        hits = get_search_backend().autocomplete(
            query.text, searchable_pages(request.user)
        )[:AUTOCOMPLETE_LIMIT]
        results = [
            {
                "title": hit.title,
                "url": hit.get_url(request),
                "kind": labels.get(hit.content_type_id, ""),
            }
            for hit in hits
        ]
    except Exception:
        logger.exception("Autocomplete failed for %r", query.text)
        results = []
    return JsonResponse({"results": results})

"""The site search: one view for everyone, showing only what the user may view."""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.search.backends import get_search_backend

from .facets import search_facets
from .highlight import highlight
from .kinds import kind_labels, search_kinds
from .query_log import search_record
from .query_text import clean_query, only_operators
from .selection import Selection
from .selectors import searchable_pages, searchable_text, thesaurus
from .site_search import site_search

logger = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 8
# Thesaurus rephrasings tried when what was typed completes too few titles.
AUTOCOMPLETE_REPHRASINGS = 3


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    # Shown with its quoted phrases in quotes, so links and the box keep them.
    context = {"query": query.typed, "results": None}
    if not query.text:
        return render(request, "search/search.html", context)
    if only_operators(query.text):
        # "AND OR" or "NOT" alone: nothing to look for, so nothing is searched.
        context["operators_only"] = True
        return render(request, "search/search.html", context)
    kinds, facets = search_kinds(), search_facets()
    selection = Selection(query.typed, request.GET, kinds, facets)
    context["selection"] = selection
    try:
        found = site_search(
            backend=get_search_backend(),
            query=query,
            user=request.user,
            selection=selection,
            kinds=kinds,
            facets=facets,
            page_number=request.GET.get("page"),
            verbatim=selection.verbatim,
        )
        labels = kind_labels(kinds)
        context.update(
            results=found.results,
            facets=found.facets,
            corrected=found.corrected,
            partial=found.partial,
            verbatim_url=selection.url(verbatim="1"),
            hits=[
                {
                    "page": hit,
                    "kind": labels.get(hit.content_type_id, ""),
                    # Built only from hits, which are pages the user may view.
                    "snippet": highlight(
                        searchable_text(hit), found.corrected or query.text
                    ),
                    "url": hit.get_url(request),
                }
                for hit in found.results.object_list
            ],
        )
        # Count a search once: not again for its later pages or narrowings.
        if request.GET.get("page", "1") == "1" and not selection.is_narrowed:
            search_record(
                query_string=request.GET.get("q", ""),
                result_count=found.results.paginator.count,
            )
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
    try:
        labels = kind_labels(search_kinds())
        hits = _completions(query.text, searchable_pages(request.user))
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


def _completions(text: str, pages) -> list:
    """Titles completing what was typed, then (if too few) titles completing
    it with a thesaurus term swapped: "hoax sett" also offers "Fake
    settlement accounts" when hoax and fake are one group."""
    backend = get_search_backend()
    hits = list(backend.autocomplete(text, pages)[:AUTOCOMPLETE_LIMIT])
    if len(hits) < AUTOCOMPLETE_LIMIT:
        seen = {hit.pk for hit in hits}
        for rephrased in thesaurus().rephrasings(
            text.split(), AUTOCOMPLETE_REPHRASINGS
        ):
            for hit in backend.autocomplete(rephrased, pages)[:AUTOCOMPLETE_LIMIT]:
                if hit.pk not in seen and len(hits) < AUTOCOMPLETE_LIMIT:
                    seen.add(hit.pk)
                    hits.append(hit)
    return hits

"""Counting the site search's facets over one search's matches.

With the Whoosh backend and integer keys (``counted_in_memory`` on its
results), the index is asked once for the page search's matches and every
facet is counted in memory: the pages the visitor may view are read once as
keys (the database decides what is visible), each page's facet values (its
related rows' too: tags, a lesson's departments) come from the index's
columns, and a facet counts the matches among its page type's visible pages
narrowed by the other facets' picks. Where keys are not integers, the same
matches are counted in the database (``matching_within``), a page type's
plain facets in one grouped query. Other backends search once per facet, as
modelsearch offers.
"""

import logging
from collections import Counter, defaultdict

import numpy as np
from django.db.models import Count

from .facets import FacetGroup, SearchFacet, facet_group
from .selectors import searchable_pages

logger = logging.getLogger(__name__)

# A backend that cannot share its matches counts facets of related rows (tags)
# over at most this many best matches, searching once per facet.
RELATED_FACET_SCAN = 1000


def kind_group(search, pages, results, selection, kinds) -> FacetGroup | None:
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


def field_groups(search, pages, results, user, selection, facets) -> list:
    """The declared facets as the page shows them (None where nothing is hit).
    ``pages`` are the pages ``user`` may find (every page type)."""
    counter = FacetCounter(search, pages, results, user, selection, facets)
    return [counter.group(declared) for declared in facets.values()]


class NotInIndex(Exception):
    """A pick the index cannot apply (a value it does not keep exactly)."""


class FacetCounter:
    """The field facets of one search: what they share is worked out once."""

    def __init__(self, search, pages, results, user, selection, facets):
        self.search = search
        self.results = results
        self.user = user
        self.selection = selection
        self.shared = hasattr(results, "matching_within")
        self.in_memory = getattr(results, "counted_in_memory", None) is not None and (
            results.counted_in_memory(pages)
        )
        self.all_pages = pages
        self.by_model: dict = defaultdict(list)
        for declared in facets.values():
            for facet in declared:
                self.by_model[facet.model].append(facet)
        # (page model, field) -> counts, and (page model, None) -> matches, of
        # the grouped queries.
        self._grouped: dict[tuple, Counter] = {}
        self._grouped_models: set = set()

    def group(self, declared: list[SearchFacet]) -> FacetGroup | None:
        key = declared[0].key
        selection = self.selection
        counts: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for facet in declared:
            try:
                per_value = self.counts(facet)
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

    def pages(self, facet: SearchFacet):
        """The pages a facet counts: its page type's, narrowed by the other picks."""
        every = searchable_pages(self.user, facet.model)
        return self.selection.narrow(every, leave_out=facet.key)

    def counts(self, facet: SearchFacet) -> dict:
        """Per value of ``facet``, the matches among its pages."""
        if not self.shared:
            return self._searched_counts(facet)
        if self.in_memory and self.results.matches().keeps(
            facet.model, facet.field_name, facet.model_field()
        ):
            try:
                return self._counted_in_memory(facet)
            except NotInIndex:
                self.in_memory = False
        model = facet.model
        if not facet.spans_relation:
            self._group_plain(model)
            if (model, facet.field_name) in self._grouped:
                return self._grouped[(model, facet.field_name)]
            return self.results.facet_within(self.pages(facet), facet.field_name)
        # Every match, as the plain facets: the count beside a tag is the
        # number of results picking it gives.
        return _related_counts(facet, self.results.matching_within(self.pages(facet)))

    def _counted_in_memory(self, facet: SearchFacet) -> dict:
        """The matches among the visible pages of the facet's page type,
        narrowed by the other picks, counted per value of the index's column."""
        matches = self.results.matches()
        documents = (
            matches.rows(self.all_pages)
            & matches.of_model(facet.model)
            & self._picked(matches, leave_out=facet.key)
        )
        return matches.typed_counts(facet.field_name, facet.model_field(), documents)

    def _picked(self, matches, leave_out: str):
        """The documents the selection allows, except the ``leave_out`` facet
        (as ``Selection.narrow`` narrows a queryset)."""
        allowed = np.ones(matches.size, dtype=bool)
        kind = self.selection.kind
        if kind is not None:
            allowed &= matches.having(
                "content_type_id", [str(ct) for ct in kind.content_type_ids()]
            )
        for key, (_, parsed) in self.selection.picks.items():
            if key == leave_out:
                continue
            having = np.zeros(matches.size, dtype=bool)
            for facet, value in parsed:
                holding = None
                if matches.keeps(facet.model, facet.field_name, facet.model_field()):
                    holding = matches.having_value(facet.field_name, value)
                if holding is None:
                    raise NotInIndex(key)
                having |= matches.of_model(facet.model) & holding
            allowed &= having
        return allowed

    def _searched_counts(self, facet: SearchFacet) -> dict:
        """A backend without shared matches: one search per facet."""
        pages = self.pages(facet)
        if not facet.spans_relation:
            return self.search(pages).facet(facet.field_name)
        found = self.search(pages.only("pk"))[:RELATED_FACET_SCAN]
        return _related_counts(facet, [page.pk for page in found])

    def _group_plain(self, model) -> None:
        """With no pick, every facet of ``model`` counts the same pages: its
        plain facets in one grouped query (the sum of its rows is the number
        of matches). A field the model cannot facet on is left to its own
        query, which reports it."""
        if self.selection.picks or model in self._grouped_models:
            return
        self._grouped_models.add(model)
        filterable = {
            field.get_attname(model) for field in model.get_filterable_search_fields()
        }
        fields = sorted(
            {
                facet.field_name
                for facet in self.by_model[model]
                if not facet.spans_relation and facet.field_name in filterable
            }
        )
        pages = self.selection.narrow(searchable_pages(self.user, model))
        matching = self.results.matching_within(pages)
        if not fields:
            self._grouped[(model, None)] = matching.count()
            return
        per_field: dict[str, Counter] = defaultdict(Counter)
        total = 0
        for row in matching.values(*fields).annotate(count=Count("pk")).order_by():
            total += row["count"]
            for field in fields:
                per_field[field][row[field]] += row["count"]
        for field in fields:
            self._grouped[(model, field)] = per_field[field]
        self._grouped[(model, None)] = total


def _related_counts(facet: SearchFacet, matched) -> dict:
    if not isinstance(matched, list):  # a queryset of the matching pages
        matched = matched.values("pk")
    rows = (
        facet.model.objects.filter(pk__in=matched)
        .order_by()  # the tree's path ordering would split the groups
        .values(facet.field_name)
        .annotate(count=Count("pk", distinct=True))
    )
    return {row[facet.field_name]: row["count"] for row in rows}

"""Search results: Whoosh finds and ranks, the database filters and orders.

A page of results by relevance asks Whoosh for the best few documents only and
widens the window until enough of them pass the queryset's filters. Counts and
facets use every match, unscored: with integer keys they are counted in
memory (the queryset's rows read once as keys, the facet values from the
index's columns, see ``matches``), else in the database.
"""

from collections import OrderedDict

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError

from .documents import keeps_exactly
from .pk_filter import filter_by_pks

FIRST_WINDOW = 50
WIDENING = 4


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _clone(self):
        clone = super()._clone()
        clone._matches_cache = getattr(self, "_matches_cache", None)
        clone._index_matches = getattr(self, "_index_matches", None)
        return clone

    def _query(self):
        return self.query_compiler.whoosh_query()

    def matches(self):
        """Every matching document as an ``IndexMatches`` (a mask over the
        index), before the queryset's filters; None for "match all"."""
        if self.query_compiler.is_match_all:
            return None
        if getattr(self, "_index_matches", None) is None:
            self._index_matches = self.backend.matches(
                self._query(),
                self.query_compiler.queryset.model,
                self.query_compiler.prefilter(),
            )
        return self._index_matches

    def _matches(self) -> list | None:
        """Keys of every matching document (unscored); None for "match all"."""
        matches = self.matches()
        if matches is None:
            return None
        if getattr(self, "_matches_cache", None) is None:
            self._matches_cache = self.backend.keys_of(
                matches, self.query_compiler.queryset.model
            )
        return self._matches_cache

    def counted_in_memory(self, queryset) -> bool:
        """Are counts over ``queryset`` taken in memory (see ``matches``)?"""
        matches = self.matches()
        return matches is not None and matches.counts_rows(queryset)

    def index_matches(self) -> list | None:
        """Keys of every document the index matches, before the queryset's
        filters (no database query); None for "match all". For callers that
        hold the keys they may show and test many queries against them."""
        return self._matches()

    def _matching_queryset(self):
        return self.matching_within(self.query_compiler.queryset)

    def _ranked(self, queryset, stop: int | None, window=None) -> list[tuple]:
        """(key, score) by relevance for the first ``stop`` results that pass
        the queryset's filters (all of them when ``stop`` is None). The index
        is asked for the best ``window`` first (twice ``stop`` unless given),
        then for more until enough pass: the answer does not depend on it."""
        model = queryset.model
        if window is None:
            window = FIRST_WINDOW if stop is None else max(FIRST_WINDOW, stop * 2)
        while True:
            top = self.backend.top_scores(
                self._query(),
                model,
                None if stop is None else window,
                self.query_compiler.prefilter(),
            )
            allowed = set(
                filter_by_pks(queryset, [pk for pk, _ in top]).values_list(
                    "pk", flat=True
                )
            )
            ranked = [(pk, score) for pk, score in top if pk in allowed]
            exhausted = stop is None or len(top) < window
            if exhausted or len(ranked) >= stop:
                return ranked
            window *= WIDENING

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        scores = {}
        if compiler.order_by_relevance and not compiler.is_match_all:
            ranked = self._ranked(queryset, self.stop)[self.start : self.stop]
            scores = dict(ranked)
            by_pk = {obj.pk: obj for obj in queryset.filter(pk__in=list(scores))}
            objects = [by_pk[pk] for pk, _ in ranked if pk in by_pk]
        else:
            queryset = self._matching_queryset()
            if self.prefetch_related:
                queryset = queryset.prefetch_related(*self.prefetch_related)
            if not compiler.order_by_relevance and not queryset.query.order_by:
                # Stable pages (see wagtail/wagtail#3729).
                queryset = queryset.order_by("-pk")
            objects = list(queryset[self.start : self.stop])
            if self._score_field and not compiler.is_match_all:
                keys = {obj.pk for obj in objects}
                everything = self.backend.top_scores(
                    self._query(), compiler.queryset.model, None
                )
                scores = {pk: score for pk, score in everything if pk in keys}
        if self._score_field:
            for obj in objects:
                setattr(obj, self._score_field, float(scores.get(obj.pk, 0.0)))
        return objects

    def _do_count(self):
        queryset = self.query_compiler.queryset
        if self.counted_in_memory(queryset):
            total = self.matches().count(self.matches().rows(queryset))
        else:
            total = self._matching_queryset().count()
        stop = total if self.stop is None else min(total, self.stop)
        return max(0, stop - self.start)

    def facet(self, field_name):
        return self.facet_within(self.query_compiler.queryset, field_name)

    def matching_within(self, queryset):
        """The rows of ``queryset`` this search matches, without asking the
        index again. ``queryset`` must be narrower than this search's
        queryset: the same or more filters, on its model or on a subclass
        sharing its keys (a page type's pages, for a search of pages)."""
        searched = self.query_compiler.queryset.model
        if not issubclass(queryset.model, searched):
            raise ValueError(f"{queryset.model.__name__} is not a {searched.__name__}")
        matches = self._matches()
        return queryset if matches is None else filter_by_pks(queryset, matches)

    def facet_within(self, queryset, field_name):
        """``facet(field_name)`` over ``queryset`` (see ``matching_within``):
        one search serves the facets of every page type."""
        model = queryset.model
        filterable = {
            field.get_attname(model) for field in model.get_filterable_search_fields()
        }
        if field_name not in filterable:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {model.__name__}.search_fields.',
                field_name=field_name,
            )
        field = next(
            (f for f in model._meta.concrete_fields if f.attname == field_name), None
        )
        if (
            field is not None
            and keeps_exactly(field)
            and self.counted_in_memory(queryset)
        ):
            if field.is_relation:
                field = field.target_field
            matches = self.matches()
            counts = matches.typed_counts(field_name, field, matches.rows(queryset))
            return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))
        rows = (
            self.matching_within(queryset)
            .values(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[field_name], row["count"]) for row in rows)

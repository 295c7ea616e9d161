"""Search results: Whoosh finds and scores, the database filters, orders and counts."""

from collections import OrderedDict

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError

from .pk_filter import filter_by_pks


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _scores(self) -> dict | None:
        """Primary key → score of every matching document; None for "match all"."""
        compiler = self.query_compiler
        if compiler.is_match_all:
            return None
        if not hasattr(self, "_scores_cache"):
            self._scores_cache = self.backend.score(
                compiler.whoosh_query(), compiler.queryset.model
            )
        return self._scores_cache

    def _clone(self):
        clone = super()._clone()
        if hasattr(self, "_scores_cache"):
            clone._scores_cache = self._scores_cache
        return clone

    def _matching_queryset(self):
        queryset = self.query_compiler.queryset
        scores = self._scores()
        if scores is None:
            return queryset
        return filter_by_pks(queryset, scores)

    def _ordered_pks(self) -> list:
        scores = self._scores()
        visible = self._matching_queryset().values_list("pk", flat=True)
        # Ties break on the key so pages of equal-scored results never overlap.
        return sorted(visible, key=lambda pk: (-scores[pk], str(pk)))

    def _do_search(self):
        compiler = self.query_compiler
        queryset = self._matching_queryset()
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        if compiler.order_by_relevance and not compiler.is_match_all:
            page = self._ordered_pks()[self.start : self.stop]
            by_pk = {obj.pk: obj for obj in queryset.filter(pk__in=page)}
            objects = [by_pk[pk] for pk in page if pk in by_pk]
        else:
            if not compiler.order_by_relevance and not queryset.query.order_by:
                # Stable pages (see wagtail/wagtail#3729).
                queryset = queryset.order_by("-pk")
            objects = list(queryset[self.start : self.stop])
        if self._score_field:
            scores = self._scores() or {}
            for obj in objects:
                setattr(obj, self._score_field, float(scores.get(obj.pk, 0.0)))
        return objects

    def _do_count(self):
        total = self._matching_queryset().count()
        stop = total if self.stop is None else min(total, self.stop)
        return max(0, stop - self.start)

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            model_name = self.query_compiler.queryset.model.__name__
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {model_name}.search_fields.',
                field_name=field_name,
            )
        rows = (
            self._matching_queryset()
            .values(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[field_name], row["count"]) for row in rows)

"""One search's matches as a mask over the index's documents, counted in memory.

Counting a search's matches, or their facet values, in the database means
sending it thousands of keys (75 to 105 ms at 14,000 matches in SQLite).
Here the matches stay a numpy mask over the searcher's document numbers; the
rows a queryset allows (the pages a visitor may view) become a mask with one
query that reads their keys (joined into one string where the database can),
kept on the queryset object, which lives for one request; facet values come
from the index's columns (``columns``). Counts are then ``bincount`` over
those arrays.

The database stays the judge of which pages a visitor may see: what the index
gives is only matching and the values of the pages.
"""

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Aggregate, TextField

from .columns import searcher_key_array, searcher_values
from .documents import filter_paths, filter_term, from_filter_term, keeps_exactly

# Attribute of a queryset under which (searcher, mask of its rows' documents)
# is kept.
KEPT_ON_QUERYSET = "_deskbook_index_docs"


class IndexView:
    """Masks over the documents of one searcher: a model's, a queryset's rows',
    those holding a filter value."""

    def __init__(self, backend, searcher):
        self.backend = backend
        self.searcher = searcher
        self.size = searcher.doc_count_all()
        self._memo = backend.store.searcher_memo(searcher)

    def of_model(self, model) -> np.ndarray:
        """A mask of the documents of ``model`` (and its indexed subclasses)."""
        kept = self._memo.setdefault("model masks", {})
        label = model._meta.label
        if label not in kept:
            _, by_segment = self.backend._filter_sets(self.searcher, model)
            kept[label] = (
                np.concatenate(by_segment) if by_segment else np.zeros(0, dtype=bool)
            )
        return kept[label]

    def counts_rows(self, queryset) -> bool:
        """Can the rows of ``queryset`` be told by their keys (integers)?"""
        return searcher_key_array(self.searcher) is not None and _integer_keys(
            queryset.model
        )

    def rows(self, queryset) -> np.ndarray:
        """A mask of the documents of ``queryset``'s rows: one query reading
        their keys, kept on the queryset (see ``counts_rows``)."""
        kept = queryset.__dict__.get(KEPT_ON_QUERYSET)
        if kept is None or kept[0] is not self.searcher:
            keys = searcher_key_array(self.searcher)
            rows = self.of_model(queryset.model) & np.isin(keys, _keys_of(queryset))
            kept = queryset.__dict__[KEPT_ON_QUERYSET] = (self.searcher, rows)
        return kept[1]

    def keeps(self, model, field: str, model_field) -> bool:
        """Do documents of ``model`` keep the values of ``field`` (a filter
        field path, ``model_field`` at its end) exactly in the index?"""
        return field in filter_paths(model) and keeps_exactly(model_field)

    def having(self, field: str, values) -> np.ndarray:
        """A mask of the documents whose filter field ``field`` holds one of
        ``values`` (indexed forms, see ``documents.filter_term``)."""
        return self.column(field).having(set(values), self.size)

    def having_value(self, field: str, value) -> np.ndarray | None:
        """``having(field, [value])`` for a field value as Django gives it;
        None for a type the index does not keep exactly (dates …)."""
        term = filter_term(value)
        return None if term is None else self.having(field, [term])

    def column(self, field: str):
        kept = self._memo.setdefault("value columns", {})
        if field not in kept:
            kept[field] = searcher_values(self.searcher, field)
        return kept[field]


class IndexMatches(IndexView):
    """The documents of one searcher a search matched (``mask``)."""

    def __init__(self, backend, searcher, mask: np.ndarray):
        super().__init__(backend, searcher)
        self.mask = mask

    def docnums(self) -> np.ndarray:
        return np.flatnonzero(self.mask)

    def value_counts(self, field: str, documents: np.ndarray) -> dict[str, int]:
        """Value of ``field`` → how many of the matches in ``documents`` (a
        mask) hold it."""
        return self.column(field).counts(self.mask & documents)

    def typed_counts(self, field: str, model_field, documents) -> dict:
        """``value_counts`` keyed by the values as ``model_field`` types them."""
        counts = self.value_counts(field, documents)
        return {from_filter_term(model_field, v): n for v, n in counts.items()}

    def count(self, documents: np.ndarray) -> int:
        return int(np.count_nonzero(self.mask & documents))


def _integer_keys(model) -> bool:
    field = model._meta.pk
    while field.is_relation:  # a child page's key is its parent link
        field = field.target_field
    return field.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallAutoField",
        "SmallIntegerField",
        "PositiveIntegerField",
    }


class JoinedKeys(Aggregate):
    """The keys of a queryset's rows as one comma-separated string."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra,
        )


# Databases whose JoinedKeys has no length limit: one string is read instead
# of a row per key (at 20,000 keys, half the time in SQLite).
JOINS_KEYS = {"sqlite", "postgresql"}


def _keys_of(queryset) -> np.ndarray:
    """The (integer) keys of the queryset's rows."""
    queryset = queryset.order_by()
    if connections[queryset.db].vendor in JOINS_KEYS:
        joined = queryset.aggregate(keys=JoinedKeys("pk"))["keys"]
        return np.fromstring(joined or "", dtype=np.int64, sep=",")
    rows = queryset.values_list("pk", flat=True)
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # ``queryset.none()`` and the like
        return np.zeros(0, dtype=np.int64)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)

"""Translating modelsearch query objects into Whoosh queries.

Whoosh does the matching and scoring only; the queryset's filters, ordering
and facets are applied by the database (see ``results``), which keeps every
Django lookup exact, related-field semantics included.
"""

from django.db.models.sql.where import WhereNode
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
)
from whoosh import query as wq

from .concepts import Alternative, Coverage, MostWords
from .documents import autocomplete_fields, filter_term, text_fields
from .ranking import AnyField
from .schema import AUTOCOMPLETE_MAX_CHARS, FILTER_PREFIX, word_analyzer

# Longest query we analyse; anything beyond is noise and only costs time.
MAX_QUERY_CHARS = 1000
# Terms per query; each one is a lookup in every field.
MAX_TERMS = 32


def _tokens(analyzer, text: str) -> list[str]:
    words = [token.text for token in analyzer(text[:MAX_QUERY_CHARS])]
    return words[:MAX_TERMS]


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"
    # Ordering is done by the database, which understands any expression.
    HANDLES_ORDER_BY_EXPRESSIONS = True
    # Words searched in every text field match on the catch-all field (see
    # ``ranking``); a search restricted to some fields matches on those.
    USES_CATCH_ALL = True

    def __init__(self, *args, analyzer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.analyzer = analyzer
        self.fields_with_boosts = self.get_fields_with_boosts()

    def get_fields_with_boosts(self) -> dict[str, float]:
        return text_fields(self.queryset.model, self.fields)

    @property
    def is_match_all(self) -> bool:
        return isinstance(self.query, MatchAll)

    def whoosh_query(self) -> wq.Query:
        if not hasattr(self, "_whoosh_query"):
            self._whoosh_query = self._compile(self.query, 1.0).normalize()
        return self._whoosh_query

    def prefilter(self) -> wq.Query | None:
        """The queryset's plain equality filters as a Whoosh filter, or None.

        An optimisation only: the database still applies every filter, so this
        may leave documents in but must never leave one out. It uses ``exact``
        and ``in`` lookups on the model's own filter fields, joined by AND.
        """
        queryset = self.queryset
        local = {
            field.get_attname(queryset.model)
            for field in queryset.model.get_filterable_search_fields()
        }
        base_alias = queryset.query.get_initial_alias()
        terms = list(self._equalities(queryset.query.where, local, base_alias))
        return wq.And(terms) if terms else None

    def _equalities(self, node, local, base_alias):
        if isinstance(node, WhereNode):
            if node.connector == "AND" and not node.negated:
                for child in node.children:
                    yield from self._equalities(child, local, base_alias)
            return
        column = getattr(node, "lhs", None)
        target = getattr(column, "target", None)
        if (
            getattr(node, "lookup_name", None) not in ("exact", "in")
            or getattr(column, "alias", None) != base_alias
            or target is None
            or target.attname not in local
        ):
            return
        values = node.rhs if node.lookup_name == "in" else [node.rhs]
        if not isinstance(values, (list, tuple, set, frozenset)):
            return
        words = [filter_term(value) for value in values]
        if not words or None in words:
            return
        name = FILTER_PREFIX + target.attname
        yield wq.Or([wq.Term(name, word) for word in words])

    def _terms(self, words, boost: float) -> list[wq.Query]:
        """Per word, the OR of its per-field terms (with the field boosts)."""
        per_word = [
            wq.Or(
                [
                    wq.Term(field, word, boost=boost * field_boost)
                    for field, field_boost in self.fields_with_boosts.items()
                ]
            )
            for word in words
        ]
        if self.USES_CATCH_ALL and self.fields is None and self.fields_with_boosts:
            return [AnyField(q, word) for q, word in zip(per_word, words, strict=True)]
        return per_word

    def _compile(self, query, boost: float) -> wq.Query:
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, MostWords):
            return self._most_words(query, boost)
        if isinstance(query, PlainText):
            words = _tokens(self.analyzer, query.query_string)
            if not words:
                return wq.NullQuery
            terms = self._terms(words, boost * query.boost)
            return wq.And(terms) if query.operator == "and" else wq.Or(terms)
        if isinstance(query, Phrase):
            words = _tokens(self.analyzer, query.query_string)
            if len(words) < 2:
                return wq.And(self._terms(words, boost)) if words else wq.NullQuery
            return self._phrase(words, boost)
        if isinstance(query, Fuzzy):
            words = _tokens(word_analyzer(), query.query_string)
            if not words:
                return wq.NullQuery
            terms = [
                wq.Or(
                    [
                        wq.FuzzyTerm(
                            field, word, boost=boost * b, maxdist=1, prefixlength=1
                        )
                        for field, b in self.fields_with_boosts.items()
                    ]
                )
                for word in words
            ]
            return wq.And(terms) if query.operator == "and" else wq.Or(terms)
        if isinstance(query, Boost):
            return self._compile(query.subquery, boost * query.boost)
        if isinstance(query, Not):
            return wq.Not(self._compile(query.subquery, boost))
        if isinstance(query, And):
            parts = [self._compile(sub, boost) for sub in query.subqueries]
            # Whoosh folds And(x, Every) into Every; "all and x" is just x.
            narrowing = [part for part in parts if not isinstance(part, wq.Every)]
            return wq.And(narrowing) if narrowing else wq.Every()
        if isinstance(query, Or):
            return wq.Or([self._compile(sub, boost) for sub in query.subqueries])
        raise NotImplementedError(
            f"`{type(query).__name__}` is not supported by the Whoosh search backend."
        )

    def _phrase(self, words: list[str], boost: float) -> wq.Query:
        """The words in this order in any one text field."""
        return wq.Or(
            [
                wq.Phrase(field, words, boost=boost * field_boost)
                for field, field_boost in self.fields_with_boosts.items()
            ]
        )

    def _most_words(self, query: MostWords, boost: float) -> wq.Query:
        """Each distinct analysed word once; the concepts as groups of their
        positions, an exact phrase with its words (a concept left with only
        stop words is dropped)."""
        positions: dict[str, int] = {}
        groups = []
        for concept in query.concepts:
            alternatives = []
            for alternative in concept:
                exact = isinstance(alternative, Phrase)
                text = alternative.query_string if exact else alternative
                words = _tokens(self.analyzer, text)
                if not words or len(positions) + len(words) > MAX_TERMS:
                    continue
                phrase = tuple(words) if exact and len(words) > 1 else None
                alternatives.append(
                    Alternative(
                        tuple(positions.setdefault(w, len(positions)) for w in words),
                        phrase,
                    )
                )
            if alternatives:
                groups.append(tuple(dict.fromkeys(alternatives)))
        if not groups:
            return wq.NullQuery
        minimum = max(1, min(query.minimum, len(groups)))
        terms = self._terms(list(positions), boost * query.boost)
        if not all(isinstance(term, AnyField) for term in terms):
            return self._concepts_as_whoosh(groups, terms, minimum, boost * query.boost)
        single = all(
            len(g) == 1 and len(g[0].words) == 1 and g[0].phrase is None for g in groups
        )
        if single and len(groups) == len(terms):
            if minimum == len(groups):
                return wq.And(terms)
            if minimum == 1 and not query.coverage:
                return wq.Or(terms)
        return Coverage(terms, groups, minimum, query.coverage)

    def _concepts_as_whoosh(self, groups, terms, minimum: int, boost: float):
        """A search restricted to some fields, matched by Whoosh's own
        matchers: every concept when all are needed, else any of them (with
        no coverage credit), each concept any of its alternatives."""
        concepts = [
            wq.Or(
                [
                    self._phrase(list(alternative.phrase), boost)
                    if alternative.phrase is not None
                    else wq.And([terms[i] for i in alternative.words])
                    for alternative in concept
                ]
            )
            for concept in groups
        ]
        return wq.And(concepts) if minimum == len(groups) else wq.Or(concepts)


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    USES_CATCH_ALL = False

    def get_fields_with_boosts(self) -> dict[str, float]:
        return autocomplete_fields(self.queryset.model, self.fields)

    def _compile(self, query, boost: float) -> wq.Query:
        if not isinstance(query, PlainText):
            raise NotImplementedError(
                "Autocomplete takes a plain string, not a query object."
            )
        # Edge n-grams are indexed, so each typed prefix is a single term.
        words = [
            word[:AUTOCOMPLETE_MAX_CHARS]
            for word in _tokens(word_analyzer(), query.query_string)
        ]
        if not words:
            return wq.NullQuery
        terms = self._terms(words, boost * query.boost)
        return wq.And(terms) if query.operator == "and" else wq.Or(terms)

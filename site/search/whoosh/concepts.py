"""Searching for most of a query's words: each word (a concept) may have
alternatives, and a document matches when it covers at least ``minimum`` of
the concepts. An alternative may be an exact phrase (a modelsearch
``Phrase``): it is covered only where its words stand in that order.

``MostWords`` is a modelsearch ``PlainText``: backends that do not know it
read it as an OR of every word and alternative. The Whoosh backend matches it
concept by concept and ranks by BM25F times the share of concepts a document
covers (the coordination factor of Lucene's classic similarity), so a document
with all the words stays ahead of one with the rarest few.
"""

from typing import NamedTuple

from modelsearch.query import Phrase, PlainText
from whoosh import query as wq


class MostWords(PlainText):
    """``concepts``: per word of the query, its alternatives (each a word, a
    few words that must all appear, or a ``Phrase`` whose words must appear in
    order). ``minimum``: concepts a document must cover (all of them when
    None). ``coverage``: scale scores by the share of concepts covered."""

    def __init__(
        self,
        concepts: list[list[str | Phrase]],
        *,
        minimum: int | None = None,
        coverage: bool = True,
    ):
        words = [
            getattr(alternative, "query_string", alternative)
            for concept in concepts
            for alternative in concept
        ]
        super().__init__(" ".join(words), operator="or")
        self.concepts = [list(concept) for concept in concepts]
        self.minimum = len(self.concepts) if minimum is None else minimum
        self.coverage = coverage

    def __repr__(self):
        return (
            f"<MostWords {self.concepts!r} minimum={self.minimum} "
            f"coverage={self.coverage}>"
        )


class Alternative(NamedTuple):
    """One way of covering a concept, in a ``Coverage``."""

    words: tuple[int, ...]
    """The positions in the ``Coverage``'s subqueries of the words it needs."""
    phrase: tuple[str, ...] | None = None
    """For an exact phrase, its analysed words: a document covers it where
    they stand in this order in one of its text fields."""


class Coverage(wq.Or):
    """Whoosh's form of ``MostWords``: the OR of every distinct word (scored
    as usual), with the concepts as groups of alternatives.

    ``groups``: per concept, its ``Alternative``s. Only the term-at-a-time
    ranking knows the groups; anything else would read it as a plain OR.
    """

    def __init__(self, subqueries, groups, minimum: int, coverage: bool, boost=1.0):
        super().__init__(subqueries, boost=boost)
        self.groups = tuple(
            tuple(Alternative(tuple(a.words), a.phrase) for a in concept)
            for concept in groups
        )
        self.minimum = minimum
        self.coverage = coverage

    def __eq__(self, other) -> bool:
        return (
            type(other) is type(self)
            and self.subqueries == other.subqueries
            and self.groups == other.groups
            and self.minimum == other.minimum
            and self.coverage == other.coverage
            and self.boost == other.boost
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self.subqueries), self.groups))

    def normalize(self) -> wq.Query:
        # Or's normalisation merges and drops subqueries, which would move the
        # positions the groups refer to.
        return self

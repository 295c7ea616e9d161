"""Matching and ranking plain-word searches term at a time, over whole arrays.

A search for plain words on every text field compiles to one ``AnyField`` per
word: the word's per-field terms, scored with the field boosts (BM25F), and its
term in the catch-all field ``all``, which holds every searchable text of the
document once and no positions. Whoosh would step through such a query one
posting at a time in Python, across a positional posting list per field and
word. Here instead, with numpy over each segment's documents:

* matching is arithmetic on masks of the catch-all posting lists, one per word;
* a word's frequency in its most common field is its catch-all frequency less
  its frequency in the other fields, so that long posting list (and its
  positions) is never read;
* every match is scored at once (BM25F term by term, in the order the terms
  come, so each score is the same sum of the same parts as one document at a
  time gives), and only the few near the ``limit``-th best are ordered in
  Python.

Each term's part of the score is Whoosh's BM25F formula with the scorer's own
statistics (any other scorer is asked document by document), and the
documents are ordered as Whoosh's collector orders them (score, then document
number), so the results are the ones Whoosh would return.
"""

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25FScorer

from .concepts import Coverage
from .postings import phrase_docs, postings_cache
from .schema import CATCH_ALL_FIELD
from .segments import KeptPerSegment

# Scores within this (relative) of the ``limit``-th best are ordered in
# Python: rounding to ``DECIMALS`` can reorder them.
SAFETY = 1e-9
# Scores are compared at this many decimals: sums of the same parts in another
# order differ in the last bits, and equal scores must fall back on index order.
DECIMALS = 9


def _order(item: tuple[float, int]) -> tuple[float, int]:
    return -round(item[0], DECIMALS), item[1]


class AnyField(wq.WrappingQuery):
    """A word in any of the searched text fields.

    Scored on its per-field terms (``child``, with the field boosts); matched
    without scores on the catch-all term, which finds the same documents with
    one posting list. Only for searches over every text field of the model:
    the catch-all holds them all.
    """

    def __init__(self, child: wq.Query, word: str):
        super().__init__(child)
        self.word = word

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.child!r}, {self.word!r})"

    def __str__(self) -> str:
        return str(self.child)

    def __eq__(self, other) -> bool:
        return (
            type(other) is type(self)
            and self.word == other.word
            and self.child == other.child
        )

    def __hash__(self) -> int:
        return hash(self.__class__.__name__) ^ hash(self.child) ^ hash(self.word)

    @property
    def boost(self) -> float:
        return getattr(self.child, "boost", 1.0)

    def _rewrap(self, child: wq.Query) -> "AnyField":
        return self.__class__(child, self.word)

    def normalize(self) -> wq.Query:
        child = self.child.normalize()
        if child is wq.NullQuery:
            return wq.NullQuery
        return self._rewrap(child)

    def catch_all(self) -> wq.Term:
        return wq.Term(CATCH_ALL_FIELD, self.word)

    def matcher(self, searcher, context=None):
        if context is not None and context.weighting is None:
            return self.catch_all().matcher(searcher, context)
        return self.child.matcher(searcher, context)

    def docs(self, searcher):
        return self.catch_all().docs(searcher)

    def field_terms(self) -> list[tuple[str, str, float]]:
        """(field, text, boost) of each per-field term, boosts multiplied out."""
        child = self.child
        if isinstance(child, wq.Term):
            return [(child.fieldname, child.text, child.boost)]
        outer = child.boost
        return [(t.fieldname, t.text, t.boost * outer) for t in child.subqueries]


def plain_words(query: wq.Query):
    """A plan ``(operator, words, boost, coverage)`` if the query is words in
    any field joined by AND or OR (or a ``Coverage`` of them: then
    ``coverage`` is ``(groups, minimum, scaled)``), else None (Whoosh's own
    matchers handle everything else)."""
    if isinstance(query, AnyField):
        return "and", [query], 1.0, None
    if type(query) not in (wq.And, wq.Or, Coverage):
        return None
    if not all(isinstance(sub, AnyField) for sub in query.subqueries):
        return None
    if type(query) is wq.Or and (query.minmatch or query.scale):
        return None
    for word in query.subqueries:
        child = word.child
        if not isinstance(child, wq.Term) and not (
            type(child) is wq.Or
            and not child.minmatch
            and not child.scale
            and all(type(t) is wq.Term for t in child.subqueries)
        ):
            return None
    if type(query) is Coverage:
        coverage = (query.groups, query.minimum, query.coverage)
        return "most", list(query.subqueries), query.boost, coverage
    operator = "and" if type(query) is wq.And else "or"
    return operator, list(query.subqueries), query.boost, None


def _postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a term in the segment, as arrays
    (views of the decoded postings kept between searches)."""
    ids, weights = postings_cache.postings(reader, fieldname, text)
    return (
        np.frombuffer(ids, dtype=np.int64) if len(ids) else np.zeros(0, np.int64),
        np.frombuffer(weights, dtype=np.float64) if len(weights) else np.zeros(0),
    )


def _weights_of(docs: np.ndarray, ids: np.ndarray, weights: np.ndarray):
    """Each of ``docs``' weight in the posting list (0.0 where absent), and
    where it is present."""
    if not len(ids):
        return np.zeros(len(docs)), np.zeros(len(docs), dtype=bool)
    at = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
    present = ids[at] == docs
    return np.where(present, weights[at], 0.0), present


# Field lengths by document, per segment and field (-1: not read yet).
field_lengths = KeptPerSegment(256)


def _lengths(reader, fieldname: str, docs: np.ndarray, dfl) -> np.ndarray:
    """The field's length in each of ``docs``, read once per document."""
    known = field_lengths.get(
        reader,
        ("lengths", fieldname),
        lambda: np.full(reader.doc_count_all(), -1, dtype=np.int64),
    )
    missing = docs[known[docs] < 0]
    for docnum in missing.tolist():
        length = dfl(docnum)
        known[docnum] = 0 if length is None else length
    return known[docs]


class _Term:
    """One per-field term of one word in one segment: its scorer and boost."""

    def __init__(self, searcher, reader, fieldname, text, boost, weighting):
        self.reader = reader
        self.fieldname = fieldname
        self.text = text
        self.boost = boost
        btext = reader.schema[fieldname].to_bytes(text)
        self.present = (fieldname, btext) in reader
        info = reader.term_info(fieldname, btext) if self.present else None
        self.frequency = info.doc_frequency() if info else 0
        self.scorer = (
            weighting.scorer(searcher, fieldname, btext) if self.present else None
        )

    def usable(self) -> bool:
        return self.scorer is None or isinstance(self.scorer, BM25FScorer)

    def scores(self, docs: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Whoosh's term score (scorer × boost) of each document (weight > 0)."""
        scorer = self.scorer
        lengths = _lengths(self.reader, self.fieldname, docs, scorer.dfl)
        if type(scorer)._score is not BM25FScorer._score:
            return np.array(
                [
                    scorer._score(w, n) * self.boost
                    for w, n in zip(weights.tolist(), lengths.tolist(), strict=True)
                ]
            )
        # whoosh.scoring.bm25, operation for operation: the same IEEE sums and
        # products give the same scores as one document at a time.
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        bm25 = idf * (
            (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl))
        )
        return bm25 * self.boost


def _term(searcher, reader, fieldname, text, boost, weighting, kept) -> _Term:
    """The term's scorer set up once per searcher (its statistics are the
    whole index's, so they hold as long as the searcher)."""
    key = (id(reader), fieldname, text, boost)
    found = kept.get(key)
    if found is None:
        found = kept[key] = _Term(searcher, reader, fieldname, text, boost, weighting)
    return found


class _Word:
    """One word in one segment: catch-all frequencies and per-field terms."""

    def __init__(self, searcher, reader, word: AnyField, weighting, kept: dict):
        self.reader = reader
        self.ids, self.weights = _postings(reader, CATCH_ALL_FIELD, word.word)
        terms = [
            _term(searcher, reader, fieldname, text, boost, weighting, kept)
            for fieldname, text, boost in word.field_terms()
        ]
        present = sorted(
            (t for t in terms if t.present), key=lambda t: t.frequency, reverse=True
        )
        self.usable = all(t.usable() for t in terms)
        # The most common field is derived from the catch-all; the others are read.
        self.major = present[0] if present else None
        self.minors = present[1:]

    def add_scores(self, docs: np.ndarray, partial: np.ndarray, majors: np.ndarray):
        """Add this word's rarer fields' parts to ``partial`` (term by term)
        and its most common field's part to ``majors``."""
        rest, _ = _weights_of(docs, self.ids, self.weights)
        for term in self.minors:
            ids, weights = _postings(self.reader, term.fieldname, term.text)
            found, present = _weights_of(docs, ids, weights)
            partial[present] += term.scores(docs[present], found[present])
            rest -= found
        if self.major is not None:
            scored = rest > 0
            majors[scored] += self.major.scores(docs[scored], rest[scored])
        # else nothing: 0.0 added, as a document without the word gets


def _segment_matches(segment, postings: list, plan, allowed) -> tuple:
    """A mask of the segment's documents in all (AND), any (OR) of the posting
    lists, or covering enough concepts; and, for a scaled coverage, each
    document's share of the concepts covered (else None). ``segment`` is the
    segment's searcher (an exact phrase is matched there, by position);
    ``allowed`` is a mask of the documents allowed, or None."""
    operator, _, _, coverage = plan
    reader = segment.reader()
    size = reader.doc_count_all()

    def having(ids) -> np.ndarray:
        mask = np.zeros(size, dtype=bool)
        mask[ids] = True
        return mask

    shares = None
    if operator == "and":
        ordered = sorted(postings, key=len)
        matches = having(ordered[0])
        for ids in ordered[1:]:
            matches &= having(ids)
    elif operator == "or":
        matches = np.zeros(size, dtype=bool)
        for ids in postings:
            matches[ids] = True
    else:
        groups, minimum, scaled = coverage
        covered = np.zeros(size, dtype=np.int64)
        for concept in groups:
            docs = np.zeros(size, dtype=bool)
            for alternative in concept:
                found = having(postings[alternative.words[0]])
                for i in alternative.words[1:]:
                    found &= having(postings[i])
                if alternative.phrase is not None and found.any():
                    found &= having(phrase_docs(segment, alternative.phrase))
                docs |= found
            covered += docs
        matches = covered >= minimum
        if scaled:
            shares = covered / len(groups)
    deleted = reader.deleted_docs_set
    if deleted:
        matches[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
    if allowed is not None:
        matches &= allowed
    return matches, shares


def matching_docnums(searcher, plan, allowed_by_segment) -> np.ndarray:
    """Global document numbers matching a plain-word plan, in index order."""
    words = plan[1]
    found = [np.zeros(0, dtype=np.int64)]
    for (sub, offset), allowed in zip(
        searcher.leaf_searchers(), allowed_by_segment, strict=True
    ):
        reader = sub.reader()
        postings = [_postings(reader, CATCH_ALL_FIELD, w.word)[0] for w in words]
        matches, _ = _segment_matches(sub, postings, plan, allowed)
        found.append(np.flatnonzero(matches) + offset)
    return np.concatenate(found)


def top_docnums(searcher, plan, limit: int | None, allowed_by_segment, kept=None):
    """``[(score, global docnum)]`` best first, as Whoosh's collector would give
    them; None if a scorer is not a weight-and-length one (the caller then
    lets Whoosh search). ``kept`` is a dict kept with the searcher (its
    terms' scorers are set up once)."""
    _, words, boost, _ = plan
    weighting = searcher.weighting
    kept = {} if kept is None else kept
    scores, docnums = [], []
    for (sub, offset), allowed in zip(
        searcher.leaf_searchers(), allowed_by_segment, strict=True
    ):
        reader = sub.reader()
        segment_words = [_Word(sub, reader, w, weighting, kept) for w in words]
        if not all(w.usable for w in segment_words):
            return None
        postings = [w.ids for w in segment_words]
        matches, shares = _segment_matches(sub, postings, plan, allowed)
        docs = np.flatnonzero(matches)
        if len(docs):
            scores.append(_scores(segment_words, docs, shares) * boost)
            docnums.append(docs + offset)
    if not scores:
        return []
    return _best(np.concatenate(scores), np.concatenate(docnums), limit)


def _scores(words: list[_Word], docs: np.ndarray, shares) -> np.ndarray:
    """Each document's score: the rarer fields' parts, word by word, plus the
    most common fields' (word by word), times its share of the concepts."""
    partial = np.zeros(len(docs))
    majors = np.zeros(len(docs))
    for word in words:
        word.add_scores(docs, partial, majors)
    score = partial + majors
    return score if shares is None else score * shares[docs]


def _best(scores: np.ndarray, docnums: np.ndarray, limit: int | None) -> list:
    """The best ``limit`` (all if None) as ``[(score, docnum)]``, in Whoosh's
    order: score rounded to ``DECIMALS`` (highest first), then docnum."""
    if limit is not None and len(scores) > limit:
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        near = scores >= _below(kth) - 10.0**-DECIMALS
        scores, docnums = scores[near], docnums[near]
    found = sorted(zip(scores.tolist(), docnums.tolist(), strict=True), key=_order)
    return found if limit is None else found[:limit]


def _below(kth: float) -> float:
    """A score less a safety margin for rounding."""
    return kth - SAFETY * max(1.0, abs(kth))

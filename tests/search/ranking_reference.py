"""The term-at-a-time ranking as it was before it worked on whole arrays:
one document at a time, in pure Python, pruning by upper bounds, with exact
phrases matched by Whoosh's phrase query (by position). Kept only here, as
the reference ``test_vectorised_ranking.py`` compares the ranking with, score
for score."""

import heapq
from collections import Counter

from whoosh import query as wq
from whoosh.scoring import BM25FScorer

from deskbook.search.whoosh.postings import postings_cache
from deskbook.search.whoosh.ranking import AnyField
from deskbook.search.whoosh.schema import CATCH_ALL_FIELD, TEXT_PREFIX

SAFETY = 1e-9
DECIMALS = 9


def _order(item: tuple[float, int]) -> tuple[float, int]:
    return -round(item[0], DECIMALS), item[1]


def phrase_docs(segment, words: tuple[str, ...]) -> set[int]:
    """Documents with ``words`` side by side, in order, in one text field,
    as Whoosh's own phrase query finds them (by position)."""
    fields = [
        name
        for name in segment.reader().indexed_field_names()
        if name.startswith(TEXT_PREFIX)
    ]
    return set(wq.Or([wq.Phrase(field, list(words)) for field in fields]).docs(segment))


def _postings(reader, fieldname: str, text: str):
    return postings_cache.postings(reader, fieldname, text)


class _Term:
    """One per-field term of one word in one segment: its scorer and boost."""

    def __init__(self, searcher, reader, fieldname, text, boost, weighting, lengths):
        self.fieldname = fieldname
        self.text = text
        self.boost = boost
        btext = reader.schema[fieldname].to_bytes(text)
        self.present = (fieldname, btext) in reader
        info = reader.term_info(fieldname, btext) if self.present else None
        self.frequency = info.doc_frequency() if info else 0
        self.min_length = info.min_length() if info else 0
        self.scorer = (
            weighting.scorer(searcher, fieldname, btext) if self.present else None
        )
        self._memo = {}
        # Field lengths by document, shared by the queries on this searcher.
        self._lengths = lengths.setdefault((id(reader), fieldname), {})

    def usable(self) -> bool:
        return self.scorer is None or isinstance(self.scorer, BM25FScorer)

    def bound(self) -> float:
        return self.scorer.max_quality() * self.boost if self.present else 0.0

    def bound_at(self, weight: float) -> float:
        """The most a document with this weight can score (BM25 falls with the
        field's length, so at the shortest length in this segment)."""
        if weight <= 0 or not self.present:
            return 0.0
        return self.scorer._score(weight, self.min_length) * self.boost

    def score(self, docnum: int, weight: float) -> float:
        # Whoosh's term score (scorer × boost); lengths are stored as one byte,
        # so (weight, length) pairs repeat a lot.
        lengths = self._lengths
        length = lengths.get(docnum)
        if length is None:
            length = lengths[docnum] = self.scorer.dfl(docnum)
        key = (weight, length)
        memo = self._memo
        if key not in memo:
            memo[key] = self.scorer._score(weight, length) * self.boost
        return memo[key]


class _Word:
    """One word in one segment: catch-all frequencies and per-field terms."""

    def __init__(self, searcher, reader, word: AnyField, weighting, lengths):
        ids, weights = _postings(reader, CATCH_ALL_FIELD, word.word)
        self.total = dict(zip(ids, weights, strict=True))
        terms = [
            _Term(searcher, reader, fieldname, text, boost, weighting, lengths)
            for fieldname, text, boost in word.field_terms()
        ]
        present = sorted(
            (t for t in terms if t.present), key=lambda t: t.frequency, reverse=True
        )
        self.usable = all(t.usable() for t in terms)
        # The most common field is derived from the catch-all; the others are read.
        self.major = present[0] if present else None
        self.minors = present[1:]
        self.minor_weights: list[dict] = []

    def read_minors(self, reader, candidates) -> list[dict]:
        """docnum → score part, per rarer field, for the candidates."""
        parts = []
        self.minor_weights = []
        for term in self.minors:
            ids, weights = _postings(reader, term.fieldname, term.text)
            found = {d: w for d, w in zip(ids, weights, strict=True) if d in candidates}
            self.minor_weights.append(found)
            parts.append({d: term.score(d, w) for d, w in found.items()})
        return parts

    def add_bounds(self, bounds: dict) -> None:
        """Add to each document's bound the most this word's most common field
        can give it: its frequency there, at the field's shortest length."""
        major = self.major
        if major is None:
            return
        total = self.total
        rest = {d: total.get(d, 0.0) for d in bounds}
        for found in self.minor_weights:
            for docnum, weight in found.items():
                if docnum in rest:
                    rest[docnum] -= weight
        table = {tf: major.bound_at(tf) for tf in set(rest.values())}
        for docnum, tf in rest.items():
            bounds[docnum] += table[tf]

    def major_score(self, docnum: int) -> float:
        rest = self.total.get(docnum, 0.0)
        if not rest or self.major is None:
            return 0.0
        for found in self.minor_weights:
            rest -= found.get(docnum, 0.0)
        return self.major.score(docnum, rest) if rest > 0 else 0.0


def _segment_matches(segment, postings: list, plan, allowed) -> tuple[set, dict]:
    """Segment document numbers in all (AND), any (OR) of the posting sets, or
    covering enough concepts; and, for a scaled coverage, each one's share of
    the concepts covered (else an empty dict). ``segment`` is the segment's
    searcher (an exact phrase is matched there, by position)."""
    operator, _, _, coverage = plan
    shares = {}
    if operator == "and":
        ordered = sorted(postings, key=len)
        matches = set(ordered[0])
        for docnums in ordered[1:]:
            matches.intersection_update(docnums)
    elif operator == "or":
        matches = set().union(*postings)
    else:
        groups, minimum, scaled = coverage
        covered = Counter()
        for concept in groups:
            docs = set()
            for alternative in concept:
                having = set(postings[alternative.words[0]])
                for i in alternative.words[1:]:
                    having.intersection_update(postings[i])
                if alternative.phrase is not None and having:
                    having &= phrase_docs(segment, alternative.phrase)
                docs |= having
            covered.update(docs)
        matches = {d for d, n in covered.items() if n >= minimum}
        if scaled:
            shares = {d: covered[d] / len(groups) for d in matches}
    deleted = segment.reader().deleted_docs_set
    if deleted:
        matches -= deleted
    if allowed is not None:
        matches &= allowed
    return matches, shares


def matching_docnums(searcher, plan, allowed_by_segment) -> list[int]:
    """Global document numbers matching a plain-word plan, in index order."""
    words = plan[1]
    found = []
    for (sub, offset), allowed in zip(
        searcher.leaf_searchers(), allowed_by_segment, strict=True
    ):
        reader = sub.reader()
        postings = [_postings(reader, CATCH_ALL_FIELD, w.word)[0] for w in words]
        matches, _ = _segment_matches(sub, postings, plan, allowed)
        found.extend(offset + d for d in sorted(matches))
    return found


def top_docnums(searcher, plan, limit: int | None, allowed_by_segment, lengths):
    """``[(score, global docnum)]`` best first, as Whoosh's collector would give
    them; None if a scorer is not a weight-and-length one (the caller then
    lets Whoosh search). ``lengths`` is a dict kept with the searcher."""
    _, words, boost, _ = plan
    weighting = searcher.weighting
    found = []
    for (sub, offset), allowed in zip(
        searcher.leaf_searchers(), allowed_by_segment, strict=True
    ):
        reader = sub.reader()
        segment_words = [_Word(sub, reader, w, weighting, lengths) for w in words]
        if not all(w.usable for w in segment_words):
            return None
        totals = [w.total.keys() for w in segment_words]
        matches, shares = _segment_matches(sub, totals, plan, allowed)
        if matches:
            scored = _rank_segment(reader, segment_words, matches, limit, shares)
            found.extend((score * boost, offset + d) for score, d in scored)
    found.sort(key=_order)
    return found if limit is None else found[:limit]


def _rank_segment(reader, words: list[_Word], matches: set, limit, shares: dict):
    """Best ``limit`` of ``matches``; a document's score is multiplied by its
    share in ``shares`` if it has one (at most 1, so upper bounds hold)."""
    # The rarer fields' part of each score: a lower bound of the score.
    partial: dict[int, float] = {}
    for word in words:
        for part in word.read_minors(reader, matches):
            for docnum, score in part.items():
                partial[docnum] = partial.get(docnum, 0.0) + score

    def exact(docnum: int) -> float:
        score = partial.get(docnum, 0.0) + sum(w.major_score(docnum) for w in words)
        return score * shares.get(docnum, 1.0)

    if limit is None or len(matches) <= limit:
        return [(exact(d), d) for d in matches]

    candidates = matches
    # What the most common fields can add at most: if the best by the rarer
    # fields already beat it, documents without a rarer-field part are out.
    headroom = sum(w.major.bound() for w in words if w.major is not None)
    leaders = heapq.nlargest(limit, partial, key=partial.__getitem__)
    scores = {d: exact(d) for d in leaders}
    if len(scores) >= limit and _cutoff(scores.values(), limit) > headroom:
        candidates = partial.keys()
    # A tighter bound per document, from its frequencies and the shortest
    # field length: score in decreasing bound order until no bound can win.
    bounds = dict.fromkeys(candidates, 0.0)
    for word in words:
        word.add_bounds(bounds)
    for docnum, score in partial.items():
        if docnum in bounds:
            bounds[docnum] += score
    for docnum, share in shares.items():
        if docnum in bounds:
            bounds[docnum] *= share
    best = sorted(scores.values(), reverse=True)[:limit]
    heapq.heapify(best)
    for docnum in sorted(bounds, key=bounds.__getitem__, reverse=True):
        # ``best`` holds at most ``limit`` scores: when full, its smallest
        # (the heap's first) is the ``limit``-th best.
        if len(best) >= limit and bounds[docnum] < _below(best[0]):
            break
        if docnum not in scores:
            scores[docnum] = score = exact(docnum)
            if len(best) < limit:
                heapq.heappush(best, score)
            elif score > best[0]:
                heapq.heapreplace(best, score)
    ranked = [(score, docnum) for docnum, score in scores.items()]
    return heapq.nsmallest(limit, ranked, key=_order)


def _cutoff(scores, limit: int) -> float:
    """The ``limit``-th best score, less a safety margin for rounding."""
    kth = min(scores) if len(scores) == limit else heapq.nlargest(limit, scores)[-1]
    return _below(kth)


def _below(kth: float) -> float:
    """A score less a safety margin for rounding."""
    return kth - SAFETY * max(1.0, abs(kth))

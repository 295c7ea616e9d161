"""Decoded posting lists, kept between searches.

Reading a term's postings (unpickling and decompressing blocks, decoding
deltas) is most of what a plain-word search costs, and the same common words
come back search after search. A segment never changes once written
(deletions are kept apart and taken out by the caller), so a term's decoded
postings stay right for as long as its segment exists: they are kept per
segment, least recently used first, up to a total number of postings
(8 bytes of id and 8 of weight each).
"""

import threading
from array import array
from collections import OrderedDict

import numpy as np
from whoosh.matching.wrappers import FilterMatcher

from .schema import LONGEST_RUN, RUN_SEPARATOR, RUNS_FIELD, TEXT_PREFIX
from .segments import KeptPerSegment

DEFAULT_MAX_POSTINGS = 4_000_000

Postings = tuple[array, array]
EMPTY: Postings = (array("q"), array("d"))


class PostingsCache:
    def __init__(self, max_postings: int = DEFAULT_MAX_POSTINGS):
        self.max_postings = max_postings
        self._entries: OrderedDict[tuple, Postings] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def postings(self, reader, fieldname: str, text: str) -> Postings:
        """(document numbers, weights) of a term in one segment, deletions included."""
        segment = reader.segment()
        if segment is None or self.max_postings <= 0:
            return read_postings(reader, fieldname, text)
        key = (segment.segment_id(), fieldname, text)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        found = read_postings(reader, fieldname, text)
        with self._lock:
            if key not in self._entries:
                self._entries[key] = found
                self._size += len(found[0])
                while self._size > self.max_postings and self._entries:
                    _, dropped = self._entries.popitem(last=False)
                    self._size -= len(dropped[0])
        return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


def read_postings(reader, fieldname: str, text: str) -> Postings:
    """A term's postings read from the segment, block by block."""
    field = reader.schema[fieldname]
    btext = field.to_bytes(text)
    if (fieldname, btext) not in reader:
        return EMPTY
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions are taken out by the caller
    ids, weights = array("q"), array("d")
    if all(
        hasattr(matcher, name)
        for name in ("_read_ids", "_read_weights", "_next_block", "_lastblock")
    ):
        # Whoosh 3 block postings: whole blocks at a time, not posting by posting.
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            _extend(ids, matcher._ids)
            _extend(weights, matcher._weights)
            if matcher._lastblock:
                break
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return ids, weights


def _extend(target: array, values) -> None:
    # Blocks hold lists or arrays of narrower types, depending on their size.
    if isinstance(values, array) and values.typecode != target.typecode:
        values = array(target.typecode, values)
    target.extend(values)


postings_cache = PostingsCache()


# The documents of one segment holding a phrase longer than ``LONGEST_RUN``
# words: checking them by position reads each candidate's positions.
phrase_cache = KeptPerSegment(256)


def phrase_docs(segment_searcher, words: tuple[str, ...]) -> np.ndarray:
    """Segment document numbers (ascending, deletions included) with
    ``words`` (analysed) side by side, in this order, in one of their text
    fields, as Whoosh's phrase query finds them by position.

    Up to ``LONGEST_RUN`` words, the phrase is one run of the ``runs`` field:
    its posting list is the answer. A longer phrase is looked for among the
    documents holding each of its runs of that length, by position.
    """
    reader = segment_searcher.reader()
    if len(words) <= LONGEST_RUN:
        return _ids(postings_cache.postings(reader, RUNS_FIELD, _run(words)))
    return phrase_cache.get(
        reader, ("phrase", words), lambda: _long_phrase_docs(reader, words)
    )


def _run(words) -> str:
    return RUN_SEPARATOR.join(words)


def _ids(postings: Postings) -> np.ndarray:
    ids, _ = postings
    return np.frombuffer(ids, dtype=np.int64) if len(ids) else np.zeros(0, np.int64)


def _long_phrase_docs(reader, words: tuple[str, ...]) -> np.ndarray:
    candidates = None
    for at in range(len(words) - LONGEST_RUN + 1):
        run = _run(words[at : at + LONGEST_RUN])
        ids = _ids(postings_cache.postings(reader, RUNS_FIELD, run))
        candidates = ids if candidates is None else np.intersect1d(candidates, ids)
        if not len(candidates):
            return candidates
    found: set[int] = set()
    # Every text field: a document holds only its own model's fields, so
    # one answer serves a search of any model.
    for fieldname in reader.indexed_field_names():
        if fieldname.startswith(TEXT_PREFIX):
            field = reader.schema[fieldname]
            terms = [field.to_bytes(word) for word in words]
            if all((fieldname, term) in reader for term in terms):
                found.update(_in_order(reader, fieldname, terms, candidates))
    return np.array(sorted(found), dtype=np.int64)


def _in_order(reader, fieldname: str, terms: list[bytes], candidates) -> list[int]:
    """The ``candidates`` (ascending) holding ``terms`` at consecutive
    positions in the field."""
    matchers = [reader.postings(fieldname, term) for term in terms]
    found = []
    for docnum in candidates.tolist():
        starts = None
        for offset, matcher in enumerate(matchers):
            if matcher.is_active():
                matcher.skip_to(docnum)
            if not matcher.is_active() or matcher.id() != docnum:
                starts = set()
                break
            here = {p - offset for p in matcher.value_as("positions")}
            starts = here if starts is None else starts & here
            if not starts:
                break
        if starts:
            found.append(docnum)
    return found

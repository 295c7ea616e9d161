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

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

from .schema import TEXT_PREFIX
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


# The documents of one segment holding a phrase: matching a phrase by
# position reads every word's positions.
phrase_cache = KeptPerSegment(256)


def phrase_docs(segment_searcher, words: tuple[str, ...]) -> frozenset:
    """Segment document numbers with ``words`` (analysed) in this order in
    one of their text fields, kept with the segment."""
    return phrase_cache.get(
        segment_searcher.reader(),
        ("phrase", words),
        lambda: _phrase_docs(segment_searcher, words),
    )


def _phrase_docs(segment_searcher, words: tuple[str, ...]) -> frozenset:
    """Documents with ``words`` side by side, in order, in one text field, as
    Whoosh's phrase query finds them (by position)."""
    # Every text field: a document holds only its own model's fields, so
    # one answer serves a search of any model.
    fields = [
        name
        for name in segment_searcher.reader().indexed_field_names()
        if name.startswith(TEXT_PREFIX)
    ]
    phrase = wq.Or([wq.Phrase(field, list(words)) for field in fields])
    return frozenset(phrase.docs(segment_searcher))

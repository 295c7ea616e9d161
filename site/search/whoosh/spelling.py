"""Spelling candidates from the unstemmed lexicon, without measuring the
distance to every word in it.

Whoosh's reader corrector measures the edit distance from the typed word to
each term of the field in turn: at 20,000 documents that is tens of thousands
of distances, seconds per misspelt word. An edit (insertion, deletion,
substitution or transposition) changes a word's length by at most one, its
count of digits by at most one, and adds or removes at most one of the
characters it uses. So a term whose length or digit count is further than the
largest distance from the typed word's, or which lacks (or adds) more of its
characters than that, cannot be within it, and is never measured. The terms
left are measured with Whoosh's own distance function and ranked by Whoosh's
corrector, so the suggestions are the ones Whoosh gives.

The terms are kept per index segment (a segment never changes once written),
grouped by length and digit count, each with the set of characters it uses.
"""

from collections import defaultdict

from whoosh.spelling import Corrector
from whoosh.support.levenshtein import distance

from .segments import KeptPerSegment

# Segments whose grouped terms are kept, least recently used first.
SEGMENTS_KEPT = 16
# Characters as bits of a set; characters sharing a bit only weaken the test.
CHARACTER_BITS = 64


def characters(word: str) -> int:
    """The characters ``word`` uses, as a bit set."""
    found = 0
    for char in set(word):
        found |= 1 << (ord(char) % CHARACTER_BITS)
    return found


def _digits(word: str) -> int:
    return sum(char.isdigit() for char in word)


class SegmentTerms:
    """One segment's terms of a field, by (length, digits), with their characters."""

    def __init__(self, reader, fieldname: str):
        field = reader.schema[fieldname]
        # Where Whoosh's corrector looks (the field itself, unless it keeps
        # its spellings apart).
        fieldname = field.spelling_fieldname(fieldname)
        self.by_shape: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for btext in reader.lexicon(fieldname):
            term = field.from_bytes(btext)
            self.by_shape[(len(term), _digits(term))].append((term, characters(term)))

    def within(self, text: str, maxdist: int):
        """The terms within ``maxdist`` edits of ``text`` (Damerau-Levenshtein,
        as Whoosh measures it)."""
        length, digits, used = len(text), _digits(text), characters(text)
        for (term_length, term_digits), terms in self.by_shape.items():
            if abs(term_length - length) > maxdist:
                continue
            if abs(term_digits - digits) > maxdist:
                continue
            for term, term_used in terms:
                if (used & ~term_used).bit_count() > maxdist:
                    continue
                if (term_used & ~used).bit_count() > maxdist:
                    continue
                if distance(term, text, limit=maxdist) <= maxdist:
                    yield term


segment_terms = KeptPerSegment(SEGMENTS_KEPT)


class LexiconCorrector(Corrector):
    """Whoosh's reader corrector (same candidates, same ranking: frequency),
    over the terms of every segment of ``searcher``."""

    def __init__(self, searcher, fieldname: str):
        self.searcher = searcher
        self.fieldname = fieldname

    def _suggestions(self, text: str, maxdist: int, prefix: int):
        frequency = self.searcher.reader().frequency
        seen = set()
        for sub, _ in self.searcher.leaf_searchers():
            reader = sub.reader()
            terms = segment_terms.get(
                reader,
                ("terms", self.fieldname),
                lambda reader=reader: SegmentTerms(reader, self.fieldname),
            )
            for term in terms.within(text, maxdist):
                if term in seen or not term.startswith(text[:prefix]):
                    continue
                seen.add(term)
                # Whoosh's ranking: by frequency alone, higher first.
                f = frequency(self.fieldname, term) or 1
                yield (0 - (maxdist + (1.0 / f * 0.5)), term)

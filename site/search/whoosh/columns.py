"""Each document's primary key by document number, kept between searches.

Turning thousands of matching document numbers into keys one stored value at
a time costs more than the matching itself. A segment never changes once
written, so its column of keys is read whole once and kept (a few segments,
least recently used first); a searcher joins its segments' columns in
document-number order.
"""

from .schema import PK_FIELD
from .segments import KeptPerSegment

# Segments whose keys are kept: about 1 MB each at 20,000 documents.
SEGMENTS_KEPT = 16


segment_keys = KeptPerSegment(SEGMENTS_KEPT)


def searcher_keys(searcher) -> list:
    """The stored key of every document of ``searcher``, by document number."""
    keys = []
    for sub, _ in searcher.leaf_searchers():
        keys.extend(segment_keys.get(sub.reader(), ("keys",), _column_of(sub.reader())))
    return keys


def _column_of(reader):
    """Reads the segment's column of keys whole (deleted documents too)."""
    return lambda: list(reader.column_reader(PK_FIELD))

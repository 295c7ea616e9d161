"""Per-document values read whole from the index, kept between searches.

Turning thousands of matching document numbers into keys one stored value at
a time costs more than the matching itself, and so would reading a page
type's department or tags document by document to count facets. A segment
never changes once written, so its columns are read whole once and kept (a
few segments, least recently used first); a searcher joins its segments'
columns in document-number order, deleted documents included (callers take
them out: a matching set never holds one).

Two kinds of column:

* the primary key of every document (``pk``), as a list of strings and, for
  integer keys, as a numpy array (``searcher_key_array``);
* the values of each filter field (``values``: the document's own filter
  fields, and those of its related rows, ``tags__slug``), one or many per
  document, as numpy arrays of (document, value code) pairs, so counting the
  values of a set of documents is one ``bincount`` (``ValueColumn``).
"""

from dataclasses import dataclass

import numpy as np

from .schema import PK_FIELD, VALUES_FIELD
from .segments import KeptPerSegment

# Segments whose columns are kept: about 1 MB each at 20,000 documents.
SEGMENTS_KEPT = 16


segment_keys = KeptPerSegment(SEGMENTS_KEPT)
segment_values = KeptPerSegment(SEGMENTS_KEPT * 8)


def searcher_keys(searcher) -> list:
    """The stored key of every document of ``searcher``, by document number."""
    keys = []
    for sub, _ in searcher.leaf_searchers():
        keys.extend(segment_keys.get(sub.reader(), ("keys",), _column_of(sub.reader())))
    return keys


def searcher_key_array(searcher) -> np.ndarray | None:
    """The keys as integers (-1 where a document has none), or None if some
    key is not an integer."""
    parts = []
    for sub, _ in searcher.leaf_searchers():
        reader = sub.reader()
        part = segment_keys.get(reader, ("int keys",), lambda r=reader: _ints(r))
        if part is None:
            return None
        parts.append(part)
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _column_of(reader):
    """Reads the segment's column of keys whole (deleted documents too)."""
    return lambda: list(reader.column_reader(PK_FIELD))


def _ints(reader) -> np.ndarray | None:
    keys = segment_keys.get(reader, ("keys",), _column_of(reader))
    try:
        return np.array([int(key) if key else -1 for key in keys], dtype=np.int64)
    except ValueError:
        return None


@dataclass(frozen=True)
class ValueColumn:
    """One filter field's values over a searcher's documents: the pairs
    (``docs[i]`` holds ``values[codes[i]]``), ordered by document."""

    docs: np.ndarray
    codes: np.ndarray
    values: tuple[str, ...]

    def counts(self, documents: np.ndarray) -> dict[str, int]:
        """Value → how many of ``documents`` (a mask over document numbers)
        hold it; a document with several values counts once for each."""
        if not len(self.docs):
            return {}
        having = documents[self.docs]
        found = np.bincount(self.codes[having], minlength=len(self.values))
        return {self.values[c]: int(found[c]) for c in np.flatnonzero(found)}

    def having(self, values, size: int) -> np.ndarray:
        """A mask of the documents holding one of ``values``."""
        wanted = [code for code, value in enumerate(self.values) if value in values]
        mask = np.zeros(size, dtype=bool)
        if wanted:
            mask[self.docs[np.isin(self.codes, wanted)]] = True
        return mask


def searcher_values(searcher, field: str) -> ValueColumn:
    """``field``'s column over every document of ``searcher``."""
    docs, codes, values, index = [], [], [], {}
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        part = segment_values.get(
            reader, ("values", field), lambda r=reader: _segment_column(r, field)
        )
        seg_docs, seg_codes, seg_values = part
        # Codes are per segment: map them onto the searcher's own.
        recode = np.array(
            [index.setdefault(value, len(index)) for value in seg_values],
            dtype=np.int32,
        )
        docs.append(seg_docs + offset)
        codes.append(recode[seg_codes] if len(seg_codes) else seg_codes)
    values = tuple(index)
    if not docs:
        return ValueColumn(np.zeros(0, np.int64), np.zeros(0, np.int32), values)
    return ValueColumn(np.concatenate(docs), np.concatenate(codes), values)


def _segment_values(reader) -> list:
    """The segment's column of filter values, read whole: per document, a
    dict of field → values (None for a document without any)."""
    if VALUES_FIELD not in reader.schema or not reader.has_column(VALUES_FIELD):
        return [None] * reader.doc_count_all()
    return list(reader.column_reader(VALUES_FIELD))


def _segment_column(reader, field: str):
    rows = segment_values.get(reader, ("rows",), lambda: _segment_values(reader))
    docs, codes, index = [], [], {}
    for docnum, row in enumerate(rows):
        if row:
            for value in row.get(field, ()):
                docs.append(docnum)
                codes.append(index.setdefault(value, len(index)))
    return (
        np.array(docs, dtype=np.int64),
        np.array(codes, dtype=np.int32),
        tuple(index),
    )

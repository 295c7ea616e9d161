"""Values worked out from one index segment, kept between searches.

A segment never changes once written (deletions are kept apart, and callers
take them out), so what is derived from it stays right for as long as it
exists: the most recently used are kept, keyed by the segment's id.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable


class KeptPerSegment:
    def __init__(self, kept: int):
        self.kept = kept
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, reader, key: tuple, compute: Callable[[], object]):
        """``compute()``'s value for ``key`` in the segment ``reader`` reads,
        worked out once (every time for a reader of no single segment)."""
        segment = reader.segment()
        if segment is None or self.kept <= 0:
            return compute()
        key = (segment.segment_id(), *key)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        found = compute()
        with self._lock:
            self._entries[key] = found
            while len(self._entries) > self.kept:
                self._entries.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

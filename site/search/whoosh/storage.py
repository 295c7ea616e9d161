"""The index on disk: generations, the atomic swap, and safe concurrent writing.

Layout under ``PATH``::

    CURRENT        name of the live generation (replaced atomically)
    REBUILDING     name of the generation a rebuild is filling, while it runs
    PENDING        keys of objects whose index update could not be written yet
    gen-*/         Whoosh index folders, one per generation

Whoosh allows one writer per index. Writers in one process queue on a thread
lock, writers in different processes on Whoosh's file lock (waiting up to
``WRITE_TIMEOUT`` seconds). An update that still cannot be written is kept in
``PENDING`` and replayed by the next writer, so none is lost. A rebuild fills a
new generation beside the live one while searches keep using the old; updates
made meanwhile go to both and are replayed from the database before the swap.
"""

import fcntl
import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

from whoosh import index as whoosh_index

from .schema import SCHEMA_VERSION

logger = logging.getLogger(__name__)

WRITE_TIMEOUT = 30.0
CURRENT = "CURRENT"
REBUILDING = "REBUILDING"
PENDING = "PENDING"
REBUILD_LOCK = "rebuild.lock"
SCHEMA_FILE = "DESKBOOK_SCHEMA"


class IndexMissing(Exception):
    pass


class IndexOutdated(IndexMissing):
    """The live generation was built for an older document layout."""


def _retrying(action, attempts: int = 8):
    """Run ``action``, retrying when a file vanishes under it.

    Whoosh finds the newest table of contents by listing the folder; another
    process committing at that moment may delete it (and merged segments)
    before it is opened. That is a race, not damage: try again.
    """
    for attempt in range(attempts):
        try:
            return action()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


class IndexStore:
    def __init__(self, root, schema):
        self.root = Path(root)
        self.schema = schema
        self._write_lock = threading.RLock()
        self._opened: dict[str, whoosh_index.FileIndex] = {}
        self._versions: dict[str, int] = {}
        self._local = threading.local()
        self._rebuild_lock = None

    # -- generations -------------------------------------------------------

    def _read(self, name: str) -> str | None:
        try:
            return (self.root / name).read_text().strip() or None
        except FileNotFoundError:
            return None

    def _write_atomically(self, name: str, text: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f".{name}.{uuid.uuid4().hex}"
        temporary.write_text(text)
        os.replace(temporary, self.root / name)

    def current_generation(self) -> str | None:
        return self._read(CURRENT)

    def rebuilding_generation(self) -> str | None:
        return self._read(REBUILDING)

    def new_generation(self) -> str:
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        path = self.root / name
        path.mkdir(parents=True)
        whoosh_index.create_in(str(path), self.schema)
        (path / SCHEMA_FILE).write_text(str(SCHEMA_VERSION))
        return name

    def live_schema_version(self) -> int:
        """The document layout of the live generation (1 before versions)."""
        return self.schema_version(self.current_generation())

    def schema_version(self, generation: str | None) -> int:
        """The document layout of a generation (1 before versions)."""
        try:
            return int((self.root / generation / SCHEMA_FILE).read_text())
        except (TypeError, FileNotFoundError, ValueError):
            return 1

    def is_outdated(self, generation: str) -> bool:
        """Whether ``generation`` lacks fields this version's queries rely on."""
        if generation not in self._versions:
            self._versions[generation] = self.schema_version(generation)
        return self._versions[generation] < SCHEMA_VERSION

    def open(self, generation: str) -> whoosh_index.FileIndex:
        if generation not in self._opened:
            path = self.root / generation
            if not any(path.glob("*.toc")):
                raise IndexMissing(f"No search index in {path}")
            self._opened[generation] = _retrying(
                lambda: whoosh_index.open_dir(str(path))
            )
        return self._opened[generation]

    def live_index(self) -> whoosh_index.FileIndex:
        generation = self.current_generation()
        if generation is None:
            raise IndexMissing(f"No search index in {self.root}")
        if self.is_outdated(generation):
            raise IndexOutdated(
                f"The search index in {self.root / generation} has document "
                f"layout {self.schema_version(generation)}; this version needs "
                f"{SCHEMA_VERSION}"
            )
        return self.open(generation)

    def activate(self, generation: str) -> None:
        """Make ``generation`` the live index and delete the others."""
        self._write_atomically(CURRENT, generation)
        building = self.rebuilding_generation()
        for path in self.root.glob("gen-*"):
            if path.name not in {generation, building}:
                self._opened.pop(path.name, None)
                self._versions.pop(path.name, None)
                shutil.rmtree(path, ignore_errors=True)

    def set_aside(self, generation: str) -> Path:
        """Move a broken generation out of the way, keeping it for inspection."""
        self._opened.pop(generation, None)
        self._versions.pop(generation, None)
        target = self.root / f"broken-{generation}"
        shutil.rmtree(target, ignore_errors=True)
        (self.root / generation).rename(target)
        return target

    # -- reading -----------------------------------------------------------

    def is_readable(self) -> bool:
        """Whether the live generation opens and reads from scratch."""
        generation = self.current_generation()
        if generation is None:
            return False
        try:
            index = whoosh_index.open_dir(str(self.root / generation))
            with index.searcher() as searcher:
                searcher.doc_count()
                for _ in zip(range(3), searcher.lexicon("ct"), strict=False):
                    pass
        except Exception:
            return False
        return True

    def searcher(self):
        """A searcher on the live generation, reused per thread while current."""
        index = self.live_index()
        cached = getattr(self._local, "searcher", None)
        if cached is not None and cached[0] is index and cached[1].up_to_date():
            return cached[1]
        if cached is not None:
            cached[1].close()
        # A fresh searcher, not Searcher.refresh(): a refreshed searcher reuses
        # segment readers that miss deletions committed since they were opened.
        searcher = _retrying(index.searcher)
        self._local.searcher = (index, searcher, {})
        return searcher

    def searcher_memo(self, searcher) -> dict:
        """A dict for values derived from ``searcher`` (which this thread got
        from ``searcher()``), dropped with it when the index changes."""
        cached = getattr(self._local, "searcher", None)
        if cached is None or cached[1] is not searcher:
            return {}
        return cached[2]

    # -- writing -----------------------------------------------------------

    def lock_rebuilds(self) -> None:
        """Wait for rebuilds in other processes to end, then hold the lock."""
        if self._rebuild_lock is not None:
            # A rebuild in this process failed before finishing: drop its lock.
            logger.warning("An unfinished search index rebuild was abandoned.")
            self.unlock_rebuilds()
        self.root.mkdir(parents=True, exist_ok=True)
        handle = open(self.root / REBUILD_LOCK, "a")  # noqa: SIM115 — held until unlock
        fcntl.flock(handle, fcntl.LOCK_EX)
        self._rebuild_lock = handle

    def unlock_rebuilds(self) -> None:
        if self._rebuild_lock is not None:
            fcntl.flock(self._rebuild_lock, fcntl.LOCK_UN)
            self._rebuild_lock.close()
            self._rebuild_lock = None

    def write(self, generation: str, documents, deleted_ids, *, fresh=False) -> None:
        """Add (or replace) documents and delete ids in one generation."""
        with self._write_lock:
            index = self.open(generation)
            writer = _retrying(lambda: index.writer(timeout=WRITE_TIMEOUT, delay=0.05))
            try:
                for document_id in deleted_ids:
                    writer.delete_by_term("id", document_id)
                for document in documents:
                    if fresh:
                        writer.add_document(**document)
                    else:
                        writer.update_document(**document)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def append_keys(self, name: str, keys) -> None:
        """Record object keys (``app_label.Model:pk``) in a journal file."""
        if not keys:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / name, "a") as journal:
            fcntl.flock(journal, fcntl.LOCK_EX)
            journal.write("".join(f"{key}\n" for key in keys))
            fcntl.flock(journal, fcntl.LOCK_UN)

    def take_keys(self, name: str) -> list[str]:
        """Read and empty a journal file."""
        path = self.root / name
        if not path.exists():
            return []
        with open(path, "r+") as journal:
            fcntl.flock(journal, fcntl.LOCK_EX)
            keys = [line.strip() for line in journal if line.strip()]
            journal.seek(0)
            journal.truncate()
            fcntl.flock(journal, fcntl.LOCK_UN)
        return list(dict.fromkeys(keys))

    def remove(self) -> None:
        """Delete every generation and journal: the next search builds the
        index from the database, and writes until then are only noted."""
        with self._write_lock:
            cached = getattr(self._local, "searcher", None)
            if cached is not None:
                cached[1].close()
                self._local.searcher = None
            self._opened.clear()
            self._versions.clear()
            shutil.rmtree(self.root, ignore_errors=True)

    def changes(self) -> tuple:
        """What has been written: the live generation, its commits and the
        size of the journal of updates waiting for it."""
        generation = self.current_generation()
        commits = (
            sorted(path.name for path in (self.root / generation).glob("*.toc"))
            if generation is not None
            else []
        )
        try:
            waiting = (self.root / PENDING).stat().st_size
        except FileNotFoundError:
            waiting = 0
        return generation, commits, waiting

    def clear_rebuilding(self) -> None:
        (self.root / REBUILDING).unlink(missing_ok=True)

    def mark_rebuilding(self, generation: str) -> None:
        self._write_atomically(REBUILDING, generation)

    def size_bytes(self) -> int:
        generation = self.current_generation()
        if generation is None:
            return 0
        folder = self.root / generation
        return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())

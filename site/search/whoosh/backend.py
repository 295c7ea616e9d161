"""A modelsearch backend on an embedded Whoosh index."""

import functools
import logging
import os
from pathlib import Path

import numpy as np
from django.apps import apps
from django.conf import settings
from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import class_is_indexed, get_indexed_instance, get_indexed_models
from whoosh import query as wq
from whoosh.writing import LockError

from .columns import searcher_keys
from .compiler import (
    MAX_QUERY_CHARS,
    WhooshAutocompleteQueryCompiler,
    WhooshSearchQueryCompiler,
)
from .documents import build_document, document_id
from .matches import IndexMatches, IndexView
from .pk_filter import filter_by_pks
from .postings import postings_cache
from .ranking import matching_docnums, plain_words, top_docnums
from .results import WhooshSearchResults
from .schema import (
    CONTENT_TYPE_FIELD,
    SPELLING_FIELD,
    build_schema,
    text_analyzer,
)
from .spelling import LexiconCorrector
from .storage import PENDING, IndexMissing, IndexOutdated, IndexStore

logger = logging.getLogger(__name__)

# Document sets of filters (a model's content type, the prefilter) kept per
# searcher, i.e. until the index changes.
FILTER_SETS_KEPT = 32
REBUILD_CHUNK = 500
REBUILD_PROCS = min(2, os.cpu_count() or 1)
PARALLEL_REBUILD_FROM = 2000
# Memory each rebuild process may hold its postings in before it spills them to
# temporary files and merges them back: taken only as needed, and spilling cost
# 20,000 documents 70 s instead of 43 s (2 cores). Backend option REBUILD_MEMORY_MB.
DEFAULT_REBUILD_MEMORY_MB = 1024
# Documents holding a suggested word whose readability is asked about first.
READABLE_FIRST = 100


def object_key(obj) -> str:
    return f"{obj._meta.label}:{obj.pk}"


class WhooshIndex(BaseIndex):
    """Writes to the live index (one commit per change) by default."""

    def get_key(self):
        return "whoosh"

    def __str__(self):
        return f"whoosh index at {self.backend.store.root}"

    def reset(self):
        self.backend.store.activate(self.backend.store.new_generation())

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        items = list(items)
        if items:
            self._write([build_document(obj) for obj in items], items)

    def _write(self, documents, items):
        self.backend.write_live(documents, [], [object_key(o) for o in items])

    def delete_item(self, item):
        key = document_id(type(item), item.pk)
        self.backend.write_live([], [key], [object_key(item)])


class GenerationIndex(WhooshIndex):
    """A generation being rebuilt: one writer for the whole rebuild, using
    every core (Whoosh analyses documents in worker processes)."""

    def __init__(self, backend, generation: str, procs: int = 1):
        super().__init__(backend)
        self.generation = generation
        self.writer = backend.store.open(generation).writer(
            procs=procs, multisegment=procs > 1, limitmb=backend.rebuild_memory_mb
        )

    def _write(self, documents, items):
        for document in documents:
            self.writer.add_document(**document)


class WhooshRebuilder:
    """Fills a fresh generation beside the live one, then swaps it in."""

    def __init__(self, index: WhooshIndex):
        self.backend = index.backend
        self.store = index.backend.store

    def start(self) -> GenerationIndex:
        self.store.lock_rebuilds()
        self.generation = self.store.new_generation()
        self.store.mark_rebuilding(self.generation)
        # Worker processes pay off only on big rebuilds.
        objects = sum(m.get_indexed_objects().count() for m in get_indexed_models())
        procs = REBUILD_PROCS if objects >= PARALLEL_REBUILD_FROM else 1
        self.index = GenerationIndex(self.backend, self.generation, procs)
        return self.index

    def finish(self) -> None:
        self.index.writer.commit()
        # Objects changed while the rebuild ran were journalled; index their
        # current state from the database before and after the swap.
        journal = self.generation + ".journal"
        self.backend.replay(self.store.take_keys(journal), self.generation)
        self.store.activate(self.generation)
        self.store.clear_rebuilding()
        self.backend.replay(self.store.take_keys(journal), self.generation)
        (self.store.root / journal).unlink(missing_ok=True)
        self.store.unlock_rebuilds()


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshRebuilder
    # A failed index write is kept in the PENDING journal and retried; it must
    # never turn a page save into an error.
    catch_indexing_errors = True
    # ``concepts.MostWords`` is matched concept by concept and ranked by coverage.
    matches_most_words = True

    def __init__(self, params):
        super().__init__(params)
        default = Path(getattr(settings, "BASE_DIR", Path.cwd())) / "var" / "whoosh"
        self.language = params.get("LANGUAGE", "en")
        self.stemming = params.get("STEMMING", True)
        self.analyzer = text_analyzer(self.language, self.stemming)
        self.store = _store(
            str(params.get("PATH", default)), self.language, self.stemming
        )
        self.rebuild_memory_mb = int(
            params.get("REBUILD_MEMORY_MB", DEFAULT_REBUILD_MEMORY_MB)
        )
        if "POSTINGS_CACHE" in params:
            postings_cache.max_postings = int(params["POSTINGS_CACHE"])

    # -- searching ---------------------------------------------------------

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            query = query[:MAX_QUERY_CHARS]
        compiler = functools.partial(query_compiler_class, analyzer=self.analyzer)
        return super()._search(compiler, query, model_or_queryset, **kwargs)

    def top_scores(self, whoosh_query, model, limit, prefilter=None) -> list[tuple]:
        """(primary key, score) of the best ``limit`` documents of ``model``,
        best first; equal scores keep index order, so pages never overlap."""
        return self._search_keys(
            whoosh_query, model, prefilter, limit=limit, scored=True
        )

    def matching_pks(self, whoosh_query, model, prefilter=None) -> list:
        """Primary keys of every document of ``model`` matching, unscored (fast)."""
        return self.keys_of(self.matches(whoosh_query, model, prefilter), model)

    def matches(self, whoosh_query, model, prefilter=None) -> IndexMatches:
        """Every document of ``model`` matching, unscored, as a mask over the
        searcher's documents (to count in memory, see ``matches``)."""

        def run():
            searcher = self.store.searcher()
            mask = np.zeros(searcher.doc_count_all(), dtype=bool)
            plan = plain_words(whoosh_query)
            if plan is not None:
                _, by_segment = self._filter_sets(searcher, model, prefilter)
                mask[matching_docnums(searcher, plan, by_segment)] = True
            else:
                found = self._search_docnums(
                    searcher, whoosh_query, model, prefilter, limit=None, scored=False
                )
                mask[np.fromiter((d for _, d in found), dtype=np.int64)] = True
            return IndexMatches(self, searcher, mask)

        return self._with_recovery(run)

    def keys_of(self, matches: IndexMatches, model) -> list:
        """The primary keys of the matching documents, in index order."""
        key_of = self._key_of(matches.searcher, model)
        return [key_of(int(docnum)) for docnum in matches.docnums()]

    def _search_keys(self, whoosh_query, model, prefilter, **options) -> list[tuple]:
        def run():
            searcher = self.store.searcher()
            found = self._search_docnums(
                searcher, whoosh_query, model, prefilter, **options
            )
            key_of = self._key_of(searcher, model)
            return [(key_of(docnum), score) for score, docnum in found]

        return self._with_recovery(run)

    def _search_docnums(self, searcher, whoosh_query, model, prefilter, **options):
        """``[(score, docnum)]`` of the documents of ``model`` matching."""
        allowed, by_segment = self._filter_sets(searcher, model, prefilter)
        found = self._fast(searcher, whoosh_query, by_segment, **options)
        if found is None:
            results = searcher.search(
                whoosh_query, filter=allowed, terms=False, **options
            )
            found = results.top_n
        return found

    def _key_of(self, searcher, model):
        """docnum → the document's primary key, as ``model`` types it; kept
        with the searcher (keys converted as they are asked for)."""
        memo = self.store.searcher_memo(searcher)
        if "keys" not in memo:
            memo["keys"] = searcher_keys(searcher)
        stored = memo["keys"]
        converted = memo.setdefault(("keys", model._meta.label), {})
        to_python = model._meta.pk.to_python

        def key_of(docnum: int):
            found = converted.get(docnum)
            if found is None:
                found = converted[docnum] = to_python(stored[docnum])
            return found

        return key_of

    def _fast(self, searcher, whoosh_query, by_segment, *, limit, scored):
        """``[(score, docnum)]`` for plain-word searches, computed term at a
        time (see ``ranking``); None for anything else."""
        plan = plain_words(whoosh_query)
        if plan is None:
            return None
        if not scored:
            return [
                (0.0, d) for d in matching_docnums(searcher, plan, by_segment).tolist()
            ]
        terms = self.store.searcher_memo(searcher).setdefault("terms", {})
        return top_docnums(searcher, plan, limit, by_segment, terms)

    def _filter_sets(self, searcher, model, prefilter=None):
        """The documents of ``model`` passing ``prefilter``: as one set of
        document numbers, and as one mask per segment (segment numbering)."""
        query = self._in_model(model, prefilter)
        memo = self.store.searcher_memo(searcher).setdefault("filters", {})
        if query not in memo:
            if len(memo) >= FILTER_SETS_KEPT:
                memo.clear()
            allowed = set(searcher.docs_for_query(query))
            every = np.zeros(searcher.doc_count_all(), dtype=bool)
            every[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
            by_segment = [
                every[offset : offset + sub.doc_count_all()]
                for sub, offset in searcher.leaf_searchers()
            ]
            memo[query] = (allowed, by_segment)
        return memo[query]

    def _in_model(self, model, prefilter=None):
        in_model = wq.Term(CONTENT_TYPE_FIELD, model.indexed_get_content_type())
        return in_model if prefilter is None else wq.And([in_model, prefilter])

    def suggest_spelling(
        self, query_string: str, limit: int = 3, within=None
    ) -> list[str]:
        """Corrected versions of the query, best first, from the unstemmed lexicon.

        With ``within`` (a queryset), a correction is only a word that some
        document of it holds: words found only elsewhere are never offered.
        Without it the words come from every indexed document, and callers
        must check that a suggestion finds something the user may see.
        """

        def run():
            searcher = self.store.searcher()
            corrector = LexiconCorrector(searcher, SPELLING_FIELD)
            words = [
                t.text
                for t in self.store.schema[SPELLING_FIELD].analyzer(
                    query_string[:MAX_QUERY_CHARS]
                )
            ]
            if not words:
                return []
            readable = self._readable_words(searcher, within)
            options = []
            for word in words:
                if searcher.doc_frequency(SPELLING_FIELD, word):
                    options.append([word])
                    continue
                # More candidates when some may be left out as unreadable.
                found = corrector.suggest(
                    word, limit=limit if within is None else limit * 4, maxdist=2
                )
                found = [c for c in found if readable(c)][:limit]
                options.append(found or [word])
            suggestions = []
            for rank in range(limit):
                candidate = " ".join(o[min(rank, len(o) - 1)] for o in options)
                if candidate not in suggestions and candidate != " ".join(words):
                    suggestions.append(candidate)
            return suggestions

        return self._with_recovery(run)

    def _readable_words(self, searcher, within):
        """A test: does a document of the queryset ``within`` hold this word?"""
        if within is None:
            return lambda word: True
        view = IndexView(self, searcher)
        if view.counts_rows(within):
            # The queryset's rows read once as keys (kept with it for the
            # request, see ``matches``); then no query per word.
            rows = view.rows(within)

            def readable_row(word: str) -> bool:
                for sub, offset in searcher.leaf_searchers():
                    ids, _ = postings_cache.postings(sub.reader(), SPELLING_FIELD, word)
                    if len(ids) and rows[offset + np.frombuffer(ids, np.int64)].any():
                        return True
                return False

            return readable_row
        _, by_segment = self._filter_sets(searcher, within.model)
        key_of = self._key_of(searcher, within.model)

        def readable(word: str) -> bool:
            keys = []
            for (sub, offset), allowed in zip(
                searcher.leaf_searchers(), by_segment, strict=True
            ):
                # ``allowed`` holds no deleted document.
                ids, _ = postings_cache.postings(sub.reader(), SPELLING_FIELD, word)
                keys += [key_of(offset + d) for d in ids if allowed[d]]
            # A common word is readable on one of its first pages: ask the
            # database about those first, then (only if need be) the rest.
            return any(
                filter_by_pks(within, part).exists()
                for part in (keys[:READABLE_FIRST], keys[READABLE_FIRST:])
                if part
            )

        return readable

    # -- writing -----------------------------------------------------------

    def write_live(self, documents, deleted_ids, keys) -> None:
        """Apply changes to the live index (and to a rebuild in progress)."""
        store = self.store
        generation = store.current_generation()
        if generation is None or store.is_outdated(generation):
            # Nothing to update yet (or only an index of an older layout): the
            # first search builds the index from the database, and the journal
            # brings these changes in after.
            logger.debug("No current search index yet; update kept in %s.", PENDING)
            store.append_keys(PENDING, keys)
        else:
            try:
                self.replay(store.take_keys(PENDING), generation)
                store.write(generation, documents, deleted_ids)
            except (LockError, IndexMissing, OSError) as error:
                logger.warning(
                    "Search index update deferred (%s); kept in %s.", error, PENDING
                )
                store.append_keys(PENDING, keys)
        building = store.rebuilding_generation()
        if building is not None:
            store.append_keys(building + ".journal", keys)

    def replay(self, keys, generation: str | None = None) -> None:
        """Index the current database state of these objects (or delete them)."""
        if not keys:
            return
        documents, deleted = [], []
        for key in keys:
            label, _, pk = key.partition(":")
            model = apps.get_model(label)
            obj = model.get_indexed_objects().filter(pk=pk).first()
            obj = get_indexed_instance(obj) if obj is not None else None
            if obj is None:
                deleted.append(document_id(model, pk))
            else:
                documents.append(build_document(obj))
        target = generation or self.store.current_generation()
        self.store.write(target, documents, deleted)

    def rebuild(self, log=lambda message: None) -> int:
        """Rebuild the whole index from the database; returns the documents written."""
        rebuilder = self.rebuilder_class(self.get_index_for_model(None))
        index = rebuilder.start()
        written = 0
        for model in get_indexed_models():
            queryset = model.get_indexed_objects().order_by("pk")
            for start in range(0, queryset.count(), REBUILD_CHUNK):
                chunk = list(queryset[start : start + REBUILD_CHUNK])
                index.add_items(model, chunk)
                written += len(chunk)
            log(f"{model._meta.label}: indexed")
        rebuilder.finish()
        return written

    def _with_recovery(self, run):
        try:
            return run()
        except IndexOutdated as outdated:
            logger.warning(
                "%s: rebuilding the search index from the database.", outdated
            )
        except IndexMissing:
            logger.warning(
                "No search index at %s: building it from the database.",
                self.store.root,
            )
        except Exception as error:
            if self.store.is_readable():
                raise  # not the index's fault
            generation = self.store.current_generation()
            logger.error(
                "The search index at %s is unreadable (%s: %s); it has been set "
                "aside and is being rebuilt from the database.",
                self.store.root,
                type(error).__name__,
                error,
            )
            if generation is not None and (self.store.root / generation).exists():
                self.store.set_aside(generation)
        self.rebuild()
        return run()


@functools.cache
def _store(path: str, language: str, stemming: bool) -> IndexStore:
    # One store per index folder per process, so writer locks are shared.
    return IndexStore(path, build_schema(language, stemming))


SearchBackend = WhooshSearchBackend

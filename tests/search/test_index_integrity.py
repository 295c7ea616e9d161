"""The Whoosh index stays true to the database: page lifecycle, concurrent
writers, atomic rebuilds, and recovery from a missing or damaged index."""

import logging
import multiprocessing
import threading

import pytest
from django.core.management import call_command
from modelsearch.query import Phrase
from wagtail.models import Page

from deskbook.articles.models import ArticleIndexPage
from deskbook.search.whoosh import storage

pytestmark = pytest.mark.django_db


def titles(backend, words, queryset=None):
    queryset = queryset if queryset is not None else Page.objects.live()
    return {page.title for page in backend.search(words, queryset)}


def add_article_section(title, intro, slug):
    home = Page.objects.get(depth=2)
    page = ArticleIndexPage(title=title, slug=slug, intro=f"<p>{intro}</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_publish_edit_unpublish_move_and_delete_update_the_index(backend):
    page = add_article_section("Quokka alerts", "Beware this scam", "quokka")
    assert titles(backend, "quokka") == {"Quokka alerts"}

    page.title = "Wombat alerts"
    page.save_revision().publish()
    assert titles(backend, "wombat") == {"Wombat alerts"}
    assert titles(backend, "quokka") == set()

    page.unpublish()
    assert titles(backend, "wombat") == set()
    assert titles(backend, "wombat", Page.objects.all()) == {"Wombat alerts"}

    page.save_revision().publish()
    lessons = Page.objects.get(slug="lessons")
    page.move(lessons, pos="last-child")
    moved = Page.objects.live().descendant_of(lessons)
    assert titles(backend, "wombat", moved) == {"Wombat alerts"}

    page.delete()
    assert titles(backend, "wombat", Page.objects.all()) == set()
    assert backend.store.live_index().doc_count() == Page.objects.count()


def _docs(prefix, count):
    return [
        {"id": f"{prefix}:{n}", "pk": str(n), "ct": "test_doc", "t__body": "concurrent"}
        for n in range(count)
    ]


def test_concurrent_writer_threads_lose_no_update(backend):
    generation = backend.store.current_generation()
    errors = []

    def write(worker):
        try:
            for document in _docs(f"thread{worker}", 20):
                backend.store.write(generation, [document], [])
        except Exception as error:  # pragma: no cover — reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with backend.store.live_index().searcher() as searcher:
        assert searcher.doc_frequency("ct", "test_doc") == 120


def _write_from_another_process(root, generation, worker):
    from deskbook.search.whoosh.schema import build_schema
    from deskbook.search.whoosh.storage import IndexStore

    store = IndexStore(root, build_schema())
    for document in _docs(f"process{worker}", 15):
        store.write(generation, [document], [])


def test_concurrent_writer_processes_lose_no_update(backend):
    generation = backend.store.current_generation()
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(
            target=_write_from_another_process,
            args=(backend.store.root, generation, n),
        )
        for n in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    with backend.store.live_index().searcher() as searcher:
        assert searcher.doc_frequency("ct", "test_doc") == 60


def test_searches_during_commits_from_other_processes_never_fail(backend, caplog):
    generation = backend.store.current_generation()
    context = multiprocessing.get_context("fork")
    writers = [
        context.Process(
            target=_write_from_another_process,
            args=(backend.store.root, generation, n),
        )
        for n in range(2)
    ]
    for writer in writers:
        writer.start()
    with caplog.at_level(logging.WARNING):
        while any(writer.is_alive() for writer in writers):
            titles(backend, "awareness")
    for writer in writers:
        writer.join(60)
    assert "unreadable" not in caplog.text
    assert backend.store.current_generation() == generation


def test_a_held_lock_defers_the_update_and_the_next_write_applies_it(
    backend, monkeypatch, caplog
):
    monkeypatch.setattr(storage, "WRITE_TIMEOUT", 0.2)
    blocker = backend.store.live_index().writer()  # another writer holds the lock
    try:
        with caplog.at_level(logging.WARNING):
            page = add_article_section("Numbat notice", "numbat fraud", "numbat")
        assert "deferred" in caplog.text
    finally:
        blocker.cancel()
    assert titles(backend, "numbat") == set()  # not yet written...
    add_article_section("Bilby bulletin", "bilby fraud", "bilby")
    assert titles(backend, "numbat") == {page.title}  # ...replayed by the next write
    assert titles(backend, "bilby") == {"Bilby bulletin"}


def test_rebuild_keeps_answering_from_the_old_index_then_swaps(backend):
    add_article_section("Platypus guide", "platypus phishing", "platypus")
    old_generation = backend.store.current_generation()
    rebuilder = backend.rebuilder_class(backend.get_index_for_model(Page))
    new_index = rebuilder.start()
    # Mid-rebuild: the new generation is empty, searches still use the old one.
    assert titles(backend, "platypus") == {"Platypus guide"}
    # A page published during the rebuild reaches the new generation too.
    add_article_section("Echidna advice", "echidna extortion", "echidna")
    new_index.add_items(Page, list(Page.objects.filter(slug="platypus")))
    rebuilder.finish()
    assert backend.store.current_generation() != old_generation
    assert not (backend.store.root / old_generation).exists()
    assert titles(backend, "platypus") == {"Platypus guide"}
    assert titles(backend, "echidna") == {"Echidna advice"}


def test_update_index_command_rebuilds_into_a_new_generation(backend, capsys):
    before = backend.store.current_generation()
    add_article_section("Dingo digest", "dingo debt scam", "dingo")
    call_command("update_index", verbosity=0)
    assert backend.store.current_generation() != before
    assert titles(backend, "dingo") == {"Dingo digest"}


def test_missing_index_is_rebuilt_from_the_database(backend, caplog):
    add_article_section("Kiwi caution", "kiwi courier scam", "kiwi")
    (backend.store.root / "CURRENT").unlink()
    with caplog.at_level(logging.WARNING):
        assert titles(backend, "kiwi") == {"Kiwi caution"}
    assert "building it from the database" in caplog.text


def test_damaged_index_is_set_aside_and_rebuilt(backend, caplog):
    add_article_section("Emu emergency", "emu invoice scam", "emu")
    generation = backend.store.current_generation()
    for path in (backend.store.root / generation).iterdir():
        if path.suffix in {".toc", ".seg"} or path.name.endswith(".trm"):
            path.write_bytes(b"\x00garbage")
    backend.store._opened.clear()
    backend.store._local.__dict__.clear()
    with caplog.at_level(logging.ERROR):
        assert titles(backend, "emu") == {"Emu emergency"}
    assert "unreadable" in caplog.text
    assert (backend.store.root / f"broken-{generation}").exists()


def test_a_failure_that_is_not_the_index_is_raised_not_rebuilt(backend, monkeypatch):
    generation = backend.store.current_generation()

    def broken(*args, **kwargs):
        raise ValueError("a bug, not a damaged index")

    # Both ways of searching (Whoosh's collectors for phrases and the like,
    # term at a time for plain words) go through the segments' searchers.
    searcher_class = type(backend.store.searcher())
    monkeypatch.setattr(searcher_class, "leaf_searchers", broken)
    for words in ("awareness", Phrase("scam awareness")):
        with pytest.raises(ValueError, match="a bug"):
            titles(backend, words)
    assert backend.store.current_generation() == generation

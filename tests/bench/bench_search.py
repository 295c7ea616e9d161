"""Search benchmark: the Whoosh backend against Wagtail's database backend
(SQLite FTS5) on the same generated corpus, in one run.

    .venv/bin/python tests/bench/bench_search.py [--docs 20000]

Prints build time, documents per second, index size, p50/p95 latency over 50
queries (plain, filtered and autocomplete), MRR@10 on a labelled query set, and
the Whoosh/database ratios, then PASS/FAIL against the targets.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connection  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from tests.bench.corpus import EXTRA_QUERIES, LABELLED_QUERIES, generate  # noqa: E402
from tests.bench.docs.models import BenchDocument  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402

TARGET_P95_MS = 50
TARGET_BUILD_S = 60
REPEATS = 3


def database_bytes() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def index_bytes(name, backend, before_db: int) -> int:
    if name == "whoosh":
        return backend.store.size_bytes()
    return database_bytes() - before_db


def with_deadline(run, deadline_s: float | None):
    """``run()``, or None if SQLite's progress handler stopped it at the deadline."""
    if deadline_s is None:
        return run()
    started = time.perf_counter()
    connection.ensure_connection()
    connection.connection.set_progress_handler(
        lambda: time.perf_counter() - started > deadline_s, 10_000
    )
    try:
        return run()
    except OperationalError:
        return None
    finally:
        connection.connection.set_progress_handler(None, 0)


def timed_ms(run, repeats: int, deadline_s: float | None) -> list[float]:
    """Wall time of each run; a run stopped at the deadline counts as the deadline."""
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        with_deadline(run, deadline_s)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples, fraction) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def mrr_at_10(backend, titles_by_id, deadline_s) -> float:
    """Mean reciprocal rank of the planted document; a stopped query scores 0."""
    total = 0.0
    for query, wanted in LABELLED_QUERIES.items():
        docs = BenchDocument.objects.all()
        hits = with_deadline(
            lambda q=query, d=docs: list(backend.search(q, d, operator="or")[:10]),
            deadline_s,
        )
        for rank, doc in enumerate(hits or [], start=1):
            if titles_by_id[doc.pk] == wanted:
                total += 1 / rank
                break
    return total / len(LABELLED_QUERIES)


def measure(name, alias, queries, titles_by_id, repeats, deadline_s) -> dict:
    backend = get_search_backend(alias)
    before_db = database_bytes()
    started = time.perf_counter()
    call_command("update_index", backend_name=alias, verbosity=0)
    build = time.perf_counter() - started
    size = index_bytes(name, backend, before_db)
    docs = BenchDocument.objects.all()
    sops = BenchDocument.objects.filter(kind="sop")

    def plain(q):
        return lambda: list(backend.search(q, docs, operator="and")[:10])

    def filtered(q):
        return lambda: list(backend.search(q, sops, operator="and")[:10])

    def complete(q):
        return lambda: list(backend.autocomplete(q[:5], docs)[:8])

    latency = {}
    for label, make in (
        ("search", plain),
        ("filtered", filtered),
        ("autocomplete", complete),
    ):
        timed_ms(make(queries[0]), 1, deadline_s)  # warm caches
        runs = [timed_ms(make(q), repeats, deadline_s) for q in queries]
        latency[label] = [ms for samples in runs for ms in samples]
        # Each query's first run alone: no help from what its repeats left.
        latency[f"{label} first"] = [samples[0] for samples in runs]
    return {
        "build_s": build,
        "docs_per_s": docs.count() / build,
        "size_mb": size / 1e6,
        "latency": latency,
        "mrr": mrr_at_10(backend, titles_by_id, deadline_s),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument(
        "--baseline-deadline",
        type=float,
        default=5.0,
        help="seconds after which a database-backend query is stopped (counted "
        "as taking that long)",
    )
    args = parser.parse_args()
    print(machine_line())

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    BenchDocument.objects.bulk_create(
        (BenchDocument(**doc.__dict__) for doc in generate(args.docs)), batch_size=2000
    )
    print(
        f"Generated {args.docs:,} documents in {time.perf_counter() - started:.1f}s "
        f"(scratch: {settings.BENCH_DIR})"
    )
    titles_by_id = dict(BenchDocument.objects.values_list("pk", "title"))
    queries = (list(LABELLED_QUERIES) + EXTRA_QUERIES)[: args.queries]

    results = {
        "whoosh": measure("whoosh", "default", queries, titles_by_id, REPEATS, None),
        # One run per query, stopped at the deadline: at 20,000 documents some
        # FTS5 queries take minutes.
        "database": measure(
            "database", "database", queries, titles_by_id, 1, args.baseline_deadline
        ),
    }

    header = f"{'backend':<10}{'build s':>9}{'docs/s':>9}{'size MB':>9}"
    for label in ("search", "filtered", "autocomplete"):
        header += f"{label[:6] + ' p50':>12}{'p95':>8}"
    print("\n" + header + f"{'MRR@10':>9}")
    for name, r in results.items():
        line = (
            f"{name:<10}{r['build_s']:>9.1f}{r['docs_per_s']:>9.0f}{r['size_mb']:>9.1f}"
        )
        for label in ("search", "filtered", "autocomplete"):
            samples = r["latency"][label]
            line += (
                f"{percentile(samples, 0.5):>12.1f}{percentile(samples, 0.95):>8.1f}"
            )
        print(line + f"{r['mrr']:>9.3f}")

    print("\nFirst run of each query only (p50 / p95 ms):")
    for name, r in results.items():
        print(
            f"  {name:<10}"
            + "".join(
                f"{label[:6]:>8} {percentile(r['latency'][label + ' first'], 0.5):7.1f}"
                f" / {percentile(r['latency'][label + ' first'], 0.95):7.1f}"
                for label in ("search", "filtered", "autocomplete")
            )
        )

    w, d = results["whoosh"], results["database"]
    print("\nwhoosh / database:")
    print(f"  build time   {w['build_s'] / d['build_s']:.2f}x")
    print(f"  index size   {w['size_mb'] / max(d['size_mb'], 1e-9):.2f}x")
    for label in ("search", "filtered", "autocomplete"):
        ratio = percentile(w["latency"][label], 0.95) / percentile(
            d["latency"][label], 0.95
        )
        print(f"  p95 {label:<12} {ratio:.2f}x")
    print(f"  MRR@10       {w['mrr']:.3f} vs {d['mrr']:.3f}")

    p95 = percentile(w["latency"]["search"], 0.95)
    checks = [
        (f"p95 search ≤ {TARGET_P95_MS} ms", p95 <= TARGET_P95_MS),
        (f"rebuild ≤ {TARGET_BUILD_S} s", w["build_s"] <= TARGET_BUILD_S),
        ("MRR@10 ≥ database backend", w["mrr"] >= d["mrr"]),
    ]
    print("\nTargets (Whoosh):")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")


if __name__ == "__main__":
    main()

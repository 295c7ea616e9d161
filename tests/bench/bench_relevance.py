"""Relevance benchmark: the site search page against Wagtail's database backend
and a plain BM25 ranking, on the demo SOPs, lessons and articles, in one run.

    .venv/bin/python tests/bench/bench_relevance.py [--show-misses]

Seeds the demo into a scratch SQLite database, indexes it with the Whoosh and
the database backend, then runs every query of ``relevance_set.JUDGED`` three
ways, as the demo manager (who may read every judged document, restricted
lessons included):

- ``site``: the search page itself (``/search/?q=…`` through Django's test
  client, its hits read from the HTML): cleaning, matching, correction,
  thesaurus and all;
- ``database``: Wagtail's database backend (SQLite FTS5) over the same pages;
- ``bm25``: ``bm25s`` over each page's title (twice) and searchable text,
  English stop words removed, Snowball English stems.

Prints MRR@10, nDCG@10, recall@10, queries with no relevant document in the top
ten and queries with no result at all, per kind of query and overall, then
PASS/FAIL against the targets.
"""

import argparse
import math
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

import bm25s  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from whoosh.lang import stemmer_for_language  # noqa: E402

from deskbook.search.selectors import searchable_pages, searchable_text  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402
from tests.bench.relevance_set import JUDGED, KINDS  # noqa: E402

K = 10
TARGET_MRR_RATIO = 1.2
TARGET_EMPTY_SHARE = 1 / 20
HIT_LINK = re.compile(r'<h2 class="hit__title"><a href="([^"]+)"')


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


class SitePage:
    """The search page as the user sees it."""

    def __init__(self, user):
        self.client = Client()
        self.client.force_login(user)

    def __call__(self, query: str) -> list[str]:
        response = self.client.get("/search/", {"q": query})
        assert response.status_code == 200, (query, response.status_code)
        return [slug_of(url) for url in HIT_LINK.findall(response.text)][:K]


class DatabaseBackend:
    def __init__(self, user):
        self.backend = get_search_backend("database")
        self.pages = searchable_pages(user)

    def __call__(self, query: str) -> list[str]:
        return [page.slug for page in self.backend.search(query, self.pages)[:K]]


class PlainBM25:
    def __init__(self, user):
        stem = stemmer_for_language("en")
        self.stemmer = lambda words: [stem(word) for word in words]
        pages = list(searchable_pages(user))
        self.slugs = [page.slug for page in pages]
        texts = [f"{p.title} {p.title} {searchable_text(p)}" for p in pages]
        self.model = bm25s.BM25()
        self.model.index(self._tokens(texts))

    def _tokens(self, texts):
        return bm25s.tokenize(
            texts, stopwords="en", stemmer=self.stemmer, show_progress=False
        )

    def __call__(self, query: str) -> list[str]:
        tokens = self._tokens([query])
        if not tokens.vocab:
            return []
        docs, scores = self.model.retrieve(
            tokens, k=min(K, len(self.slugs)), show_progress=False
        )
        return [self.slugs[d] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


def reciprocal_rank(found, judged) -> float:
    for rank, slug in enumerate(found, start=1):
        if judged.get(slug, 0) > 0:
            return 1 / rank
    return 0.0


def ndcg(found, judged) -> float:
    gain = sum(
        (2 ** judged.get(slug, 0) - 1) / math.log2(rank + 1)
        for rank, slug in enumerate(found, start=1)
    )
    ideal = sorted(judged.values(), reverse=True)[:K]
    best = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, start=1))
    return gain / best


def recall(found, judged) -> float:
    return sum(1 for slug in judged if slug in found) / len(judged)


def evaluate(engine) -> dict:
    """Per kind and overall: sums of each measure, and the queries missed."""
    rows = []
    for kind, query, judged in JUDGED:
        started = time.perf_counter()
        found = engine(query)
        ms = (time.perf_counter() - started) * 1000
        rows.append(
            {
                "kind": kind,
                "query": query,
                "found": found,
                "rr": reciprocal_rank(found, judged),
                "ndcg": ndcg(found, judged),
                "recall": recall(found, judged),
                "ms": ms,
            }
        )
    return rows


def summary(rows) -> dict:
    n = len(rows)
    return {
        "n": n,
        "mrr": sum(r["rr"] for r in rows) / n,
        "ndcg": sum(r["ndcg"] for r in rows) / n,
        "recall": sum(r["recall"] for r in rows) / n,
        "missed": sum(1 for r in rows if r["rr"] == 0),
        "empty": sum(1 for r in rows if not r["found"]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses",
        action="store_true",
        help="list each engine's queries with no relevant document in the top ten",
    )
    args = parser.parse_args()
    print(machine_line())
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if not get_user_model().objects.filter(username="manager").exists():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("update_index", verbosity=0)
    call_command("update_index", backend_name="database", verbosity=0)
    print(f"Seeded and indexed the demo in {time.perf_counter() - started:.1f}s")

    user = get_user_model().objects.get(username="manager")
    slugs = set(searchable_pages(user).values_list("slug", flat=True))
    unknown = {s for _, _, judged in JUDGED for s in judged} - slugs
    if unknown:
        sys.exit(f"Judged documents the manager cannot find: {sorted(unknown)}")

    engines = {
        "site": SitePage(user),
        "database": DatabaseBackend(user),
        "bm25": PlainBM25(user),
    }
    results = {name: evaluate(engine) for name, engine in engines.items()}

    print(f"\n{len(JUDGED)} queries, {len(slugs)} pages the manager may view")
    header = (
        f"{'kind':<12}{'n':>3}  {'engine':<9}{'MRR@10':>8}{'nDCG@10':>9}"
        f"{'R@10':>7}{'missed':>8}{'empty':>7}"
    )
    print(header)
    for kind in (*KINDS, "all"):
        for name, rows in results.items():
            chosen = [r for r in rows if kind in ("all", r["kind"])]
            s = summary(chosen)
            print(
                f"{kind if name == 'site' else '':<12}"
                f"{s['n'] if name == 'site' else '':>3}  {name:<9}"
                f"{s['mrr']:>8.3f}{s['ndcg']:>9.3f}{s['recall']:>7.3f}"
                f"{s['missed']:>8}{s['empty']:>7}"
            )
    if args.show_misses:
        for name, rows in results.items():
            print(f"\n{name}: no relevant document in the top ten")
            for r in rows:
                if r["rr"] == 0:
                    print(f"  [{r['kind']}] {r['query']!r} -> {r['found'][:3]}")

    site, bm25 = summary(results["site"]), summary(results["bm25"])
    site_ms = sorted(r["ms"] for r in results["site"])
    print(
        f"\nsite search page: p50 {site_ms[len(site_ms) // 2]:.0f} ms, "
        f"p95 {site_ms[int(0.95 * (len(site_ms) - 1))]:.0f} ms per request "
        "(whole page, rendering included)"
    )
    print(f"site / bm25 MRR@10: {site['mrr'] / bm25['mrr']:.2f}x")
    checks = [
        (
            f"site MRR@10 ≥ {TARGET_MRR_RATIO}× plain BM25",
            site["mrr"] >= TARGET_MRR_RATIO * bm25["mrr"],
        ),
        (
            "no more than 1 query in 20 with no result",
            site["empty"] <= TARGET_EMPTY_SHARE * site["n"],
        ),
    ]
    print("\nTargets (site search):")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")


if __name__ == "__main__":
    main()

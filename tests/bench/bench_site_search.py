"""Site search benchmark: the search page's own code path at 20,000 pages,
against the backend's plain every-word search on the same index, in one run.

    .venv/bin/python tests/bench/bench_site_search.py [--docs 20000] [--repeats 3]

Builds the page tree in a scratch SQLite database, adds ``--docs`` SOP, lesson
and article pages generated from ``corpus.py`` (the same text as
``bench_search.py``), indexes them with Whoosh, then times, as a signed-in
Collector, what ``/search/`` does for one request short of rendering:
``site_search()`` (thesaurus, every word, correction, most of the words, kind
and field facets, counts) and the page of hits it returns, for four kinds of
query: every word found, a word no page uses (so the most-of-the-words
fallback runs), a typo (so a correction runs) and a quoted phrase with a word.
A query that does not take its kind's path is reported and left out.

Each query runs ``--repeats`` times after one warm-up query, as
``bench_search.py`` runs its queries: a query's first run gets no help from
its own repeats, but finds what earlier queries left in memory, as in a
running server; ``--cold`` starts each query's first run with nothing kept
(no decoded postings, no phrase matches). Beside it, the backend's plain AND
search for the same words over the same pages
(``backend.search(words, pages, operator="and")[:10]``), the same way.
Prints wall-clock p50/p95, the first runs' p95 and CPU p95 per kind (CPU
time says what the code costs when other work shares the machine), the
ratio of the p95s, and PASS/FAIL against the target (wall p95 ≤ 50 ms).
``DESKBOOK_BENCH_DIR`` keeps the scratch folder for another run.
"""

import argparse
import datetime
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from deskbook.articles.models import ArticleKind, ArticlePage  # noqa: E402
from deskbook.core.roles import COLLECTOR  # noqa: E402
from deskbook.core.vocabulary import (  # noqa: E402
    CollectionStage,
    DebtorSegment,
    Department,
)
from deskbook.search.facets import search_facets  # noqa: E402
from deskbook.search.kinds import search_kinds  # noqa: E402
from deskbook.search.query_text import clean_query  # noqa: E402
from deskbook.search.selection import Selection  # noqa: E402
from deskbook.search.selectors import searchable_pages  # noqa: E402
from deskbook.search.site_search import site_search  # noqa: E402
from deskbook.search.whoosh.postings import phrase_cache, postings_cache  # noqa: E402
from kb.models import SOPPage  # noqa: E402
from lessons.models import LessonDepartment, LessonPage  # noqa: E402
from lessons.models.choices import AmountBand, Outcome  # noqa: E402
from tests.bench.corpus import generate  # noqa: E402
from tests.bench.machine import machine_line  # noqa: E402

TARGET_P95_MS = 50
REPEATS = 3
BATCH = 500
TAGS = ["phishing", "hardship", "settlement", "field", "complaints", "privacy",
        "payments", "disputes", "legal", "scripts", "qa", "training"]  # fmt: skip
DEPARTMENTS = {
    "Sales": Department.SALES,
    "Administrative": Department.ADMINISTRATIVE,
    "Operations": Department.OPERATIONS,
    "Marketing & Communications": Department.MARKETING,
}
STAGES = {
    "pre-collection": CollectionStage.PRE,
    "early": CollectionStage.EARLY,
    "late": CollectionStage.LATE,
}

# What each kind of query makes the search page do. Every query is checked to
# take its kind's path (a query that does not is reported and left out).
EVERY_WORD = [
    "right party verification",
    "letter of demand template",
    "fake settlement account",
    "field visit safety",
    "vulnerable customer",
    "warrant to act",
    "proof of debt",
    "promise to pay",
    "complaint escalation",
    "data privacy",
    "settlement form",
    "skip tracing",
    "hardship review",
    "call recording",
    "payment portal",
    "disputed balance",
    "affordability check",
    "customer identity",
    "team lead approval",
    "statement of account",
]
# A word no page uses: every word finds nothing, a correction is looked for,
# then most of the words.
MISSING_WORD = [f"{query} zebrafish" for query in EVERY_WORD]
TYPO = [
    "right party verfication",
    "leter of demand template",
    "fake setlement account",
    "field vist safety",
    "vulnerble customer",
    "warrent to act",
    "proof of det",
    "promise to pya",
    "complant escalation",
    "data privcy",
    "settlemnt form",
    "skip tracng",
    "hardship reveiw",
    "call recordng",
    "payment portl",
    "disputed balanse",
    "affordabilty check",
    "customer identiy",
    "team lead aproval",
    "statment of account",
]
PHRASE_AND_WORD = [
    '"right party" verification',
    '"letter of demand" template',
    '"settlement account" fake',
    '"field visit" safety',
    '"vulnerable customer" hardship',
    '"warrant to act" creditor',
    '"proof of debt" evidence',
    '"promise to pay" amount',
    '"complaint escalation" ombudsman',
    '"data privacy" consent',
    '"settlement form" payment',
    '"skip tracing" profile',
    '"hardship review" illness',
    '"call recording" quality',
    '"payment portal" receipts',
    '"disputed balance" creditor',
    '"affordability check" instalment',
    '"customer identity" collector',
    '"team lead" approval',
    '"statement of account" reference',
]
KINDS = {
    "every word": EVERY_WORD,
    "missing word": MISSING_WORD,
    "typo": TYPO,
    "phrase + word": PHRASE_AND_WORD,
}


def build_pages(count: int) -> None:
    """``count`` live pages from the generated corpus: SOPs under the knowledge
    base, lessons under Lessons, articles under Awareness.

    Written in bulk (tree paths worked out here, as treebeard would), since
    saving 20,000 pages one by one takes most of an hour on a small machine.
    """
    parents = {
        "sop": Page.objects.get(slug="knowledge-base"),
        "lesson": Page.objects.get(slug="lessons"),
        "article": Page.objects.get(slug="awareness"),
    }
    steps = {}
    for kind, parent in parents.items():
        last = parent.get_last_child()
        steps[kind] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    segments, outcomes, bands = list(DebtorSegment), list(Outcome), list(AmountBand)
    article_kinds = list(ArticleKind)
    start, now = datetime.date(2024, 1, 1), timezone.now()
    tags = {name: Tag.objects.get_or_create(name=name, slug=name)[0] for name in TAGS}
    by_model: dict[type, list] = {SOPPage: [], LessonPage: [], ArticlePage: []}
    tagged: list[tuple[Page, list[str]]] = []
    departments = []
    for n, doc in enumerate(generate(count)):
        parent = parents[doc.kind]
        slug = f"{slugify(doc.title)[:40]}-{n}"
        tree = {
            "title": doc.title,
            "draft_title": doc.title,
            "slug": slug,
            "path": Page._get_path(parent.path, parent.depth + 1, steps[doc.kind]),
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{slug}/",
            "locale_id": parent.locale_id,
            "live": True,
            "first_published_at": now,
            "last_published_at": now,
        }
        steps[doc.kind] += 1
        department = DEPARTMENTS[doc.department]
        if doc.kind == "sop":
            page = SOPPage(
                **tree,
                summary=doc.summary,
                body=doc.body,
                department=department,
                stage=STAGES[doc.stage],
            )
        elif doc.kind == "lesson":
            page = LessonPage(
                **tree,
                summary=doc.summary,
                driving_event=doc.body,
                case_reference=f"MRS-2025-{n:05d}",
                event_date=start + datetime.timedelta(days=n % 700),
                stage=STAGES[doc.stage],
                segment=segments[n % len(segments)],
                outcome=outcomes[n % len(outcomes)],
                amount_band=bands[n % len(bands)],
            )
            departments.append((page, department))
        else:
            page = ArticlePage(
                **tree,
                summary=doc.summary,
                body=[("paragraph", f"<p>{doc.body}</p>")],
                kind=article_kinds[n % len(article_kinds)],
                date=start + datetime.timedelta(days=n % 700),
            )
        by_model[type(page)].append(page)
        tagged.append((page, [TAGS[n % len(TAGS)], TAGS[(n * 7 + 3) % len(TAGS)]]))
    with transaction.atomic():
        for model, pages in by_model.items():
            content_type = ContentType.objects.get_for_model(model)
            for page in pages:
                page.content_type = content_type
            # The pages' rows, then each page type's own rows beside them.
            Page.objects.bulk_create(pages, batch_size=BATCH)
            for page in pages:
                page.page_ptr_id = page.id
            fields = model._meta.local_concrete_fields
            for at in range(0, len(pages), BATCH):
                model._base_manager._insert(pages[at : at + BATCH], fields=fields)
        for page, names in tagged:
            through = page.tags.through
            through.objects.bulk_create(
                [through(content_object_id=page.pk, tag=tags[n]) for n in set(names)]
            )
        LessonDepartment.objects.bulk_create(
            [LessonDepartment(page_id=p.pk, department=d) for p, d in departments],
            batch_size=BATCH,
        )
        for parent in parents.values():
            children = Page.objects.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            )
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
    if any(Page.find_problems()):
        sys.exit(f"The page tree built in bulk is broken: {Page.find_problems()}")


def percentile(samples, fraction) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class SearchPage:
    """What ``/search/?q=…`` does for one request, short of rendering."""

    def __init__(self, backend, user_pk):
        self.backend = backend
        self.user_pk = user_pk

    def __call__(self, typed: str):
        # A fresh user object, as each request has: what it may view is
        # worked out once per request and kept on it.
        user = get_user_model().objects.get(pk=self.user_pk)
        return self.search(user, clean_query(typed))

    def search(self, user, query):
        kinds, facets = search_kinds(), search_facets()
        found = site_search(
            backend=self.backend,
            query=query,
            user=user,
            selection=Selection(query.typed, {}, kinds, facets),
            kinds=kinds,
            facets=facets,
            page_number=None,
        )
        hits = list(found.results.object_list)
        return found, hits


class BackendOnly(SearchPage):
    """The backend's plain AND search for the words, over the same pages."""

    def search(self, user, query):
        pages = searchable_pages(user)
        return list(self.backend.search(query.text, pages, operator="and")[:10])


def takes_its_path(kind: str, found) -> bool:
    """Did the search page do for this query what its kind is about?"""
    if kind == "every word":
        return not found.partial and found.corrected is None
    if kind == "missing word":
        return found.partial
    if kind == "typo":
        return found.corrected is not None
    return not found.corrected and found.results.paginator.count > 0


def forget_query_caches() -> None:
    """Start a query cold: no decoded postings or phrase matches kept from
    earlier searches (what a query nobody searched since the process started
    meets). What does not depend on the query (the lexicon's grouping, the
    columns of keys) stays, as in a running server."""
    postings_cache.clear()
    phrase_cache.clear()


def timed(run, text: str, repeats: int, cold: bool) -> tuple[list, list, object]:
    """Wall and CPU milliseconds of each run (the first one ``cold`` if
    asked), and what the first run answered."""
    wall, cpu, first = [], [], None
    for at in range(repeats):
        if at == 0 and cold:
            forget_query_caches()
        started, started_cpu = time.perf_counter(), time.process_time()
        answer = run(text)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        first = answer if at == 0 else first
    return wall, cpu, first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="start each query's first run with no decoded postings or phrase "
        "matches kept from earlier queries",
    )
    args = parser.parse_args()
    print(machine_line())

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.filter(username="bench-collector").first()
    if user is None:
        call_command("bootstrap_site", verbosity=0)
        user = get_user_model().objects.create_user("bench-collector", password=None)
        user.groups.add(Group.objects.get(name=COLLECTOR))
        started = time.perf_counter()
        build_pages(args.docs)
        print(
            f"Generated {args.docs:,} pages in {time.perf_counter() - started:.1f}s "
            f"(scratch: {settings.BENCH_DIR})"
        )
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"Indexed in {time.perf_counter() - started:.1f}s")
    else:
        # DESKBOOK_BENCH_DIR named a folder an earlier run filled.
        print(f"Reusing the pages and index in {settings.BENCH_DIR}")

    backend = get_search_backend()
    site, baseline = SearchPage(backend, user.pk), BackendOnly(backend, user.pk)
    site(EVERY_WORD[0])  # warm caches
    baseline(EVERY_WORD[0])

    rows = {}
    for kind, queries in KINDS.items():
        row = rows[kind] = defaultdict(list)
        for text in queries:
            wall, cpu, (found, _) = timed(site, text, args.repeats, args.cold)
            if not takes_its_path(kind, found):
                row["strays"].append(text)
                continue
            base_wall, base_cpu, _ = timed(baseline, text, args.repeats, args.cold)
            row["site"] += wall
            row["site cpu"] += cpu
            row["site first"].append(wall[0])
            row["backend"] += base_wall
            row["backend cpu"] += base_cpu

    print(
        f"\nms over {args.repeats} runs of each query"
        f"{' (the first one cold)' if args.cold else ''}, as a Collector "
        f"({searchable_pages(user).count():,} pages they may view)"
    )
    print(
        f"{'kind':<15}{'queries':>8}{'site p50':>10}{'p95':>8}{'first p95':>11}"
        f"{'cpu p95':>9}{'backend p50':>13}{'p95':>8}{'cpu p95':>9}{'p95 ratio':>11}"
    )
    everything = []
    for kind, row in rows.items():
        queries = len(row["site first"])
        if not queries:
            print(f"{kind:<15}{0:>8}  (no query took this path)")
            continue
        everything += row["site"]
        site_p95 = percentile(row["site"], 0.95)
        base_p95 = percentile(row["backend"], 0.95)
        print(
            f"{kind:<15}{queries:>8}"
            f"{percentile(row['site'], 0.5):>10.1f}{site_p95:>8.1f}"
            f"{percentile(row['site first'], 0.95):>11.1f}"
            f"{percentile(row['site cpu'], 0.95):>9.1f}"
            f"{percentile(row['backend'], 0.5):>13.1f}{base_p95:>8.1f}"
            f"{percentile(row['backend cpu'], 0.95):>9.1f}"
            f"{site_p95 / base_p95:>10.1f}x"
        )
    for kind, row in rows.items():
        for text in row["strays"]:
            print(f"  left out of {kind!r}: {text!r} took another path")

    print("\nTargets (site search code path, wall time):")
    checks = [
        (f"p95 {kind} ≤ {TARGET_P95_MS} ms", percentile(row["site"], 0.95))
        for kind, row in rows.items()
        if row["site"]
    ]
    checks.append((f"p95 all kinds ≤ {TARGET_P95_MS} ms", percentile(everything, 0.95)))
    for label, p95 in checks:
        verdict = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
        print(f"  {verdict}  {label} ({p95:.1f} ms)")


if __name__ == "__main__":
    main()

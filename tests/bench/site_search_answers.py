"""What the site search page answers, written out so that two versions of the
code can be compared answer by answer.

    DESKBOOK_BENCH_DIR=<folder bench_site_search.py filled> \
        .venv/bin/python tests/bench/site_search_answers.py answers.json
    diff answers-before.json answers-after.json

For the bench's 80 queries, then 48 narrowed searches (eight every-word
queries by kind, department, tag, stage, two picks at once, and on page 3),
it writes, as the bench's Collector: the hits in order, the count, "showing
results for", "most of the words", and every facet value with its count and
whether it is picked. Run it on a folder ``bench_site_search.py`` filled.
"""

import json
import sys

from bench_site_search import EVERY_WORD, KINDS  # noqa: E402  (sets Django up)
from django.contrib.auth import get_user_model
from wagtail.search.backends import get_search_backend

from deskbook.search.facets import search_facets
from deskbook.search.kinds import search_kinds
from deskbook.search.query_text import clean_query
from deskbook.search.selection import Selection
from deskbook.search.site_search import site_search

NARROWINGS = [
    {"kind": "lesson"},
    {"department": "operations"},
    {"tag": "hardship"},
    {"stage": "early"},
    {"kind": "sop", "tag": "privacy"},
    {"page": "3"},
]


def answer(user, typed: str, params: dict) -> dict:
    kinds, facets = search_kinds(), search_facets()
    query = clean_query(typed)
    found = site_search(
        backend=get_search_backend(),
        query=query,
        user=user,
        selection=Selection(query.typed, params, kinds, facets),
        kinds=kinds,
        facets=facets,
        page_number=params.get("page"),
    )
    return {
        "query": typed,
        "params": params,
        "hits": [page.pk for page in found.results.object_list],
        "count": found.results.paginator.count,
        "corrected": found.corrected,
        "partial": found.partial,
        "facets": [
            {
                "key": group.key,
                "all": group.all_count,
                "options": [
                    [o.value, o.label, o.count, o.selected] for o in group.options
                ],
            }
            for group in found.facets
        ],
    }


def main():
    user = get_user_model().objects.get(username="bench-collector")
    answers = [answer(user, text, {}) for queries in KINDS.values() for text in queries]
    answers += [
        answer(user, text, params) for text in EVERY_WORD[:8] for params in NARROWINGS
    ]
    with open(sys.argv[1], "w") as out:
        json.dump(answers, out, indent=1)
    print(f"{len(answers)} searches written to {sys.argv[1]}")


if __name__ == "__main__":
    main()

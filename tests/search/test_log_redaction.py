"""Queries logged before redaction are redacted once, merging those that become
the same text, with nothing counted lost."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)

from deskbook.search.log_redaction import redact_logged_queries
from deskbook.search.models import SearchGap

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)
REDACTED = "call back [phone number]"


def logged(text: str, *, hits: dict, gap: int = 0, seen_days_ago: int = 0):
    query = Query.objects.create(query_string=text)
    for date, count in hits.items():
        QueryDailyHits.objects.create(query=query, date=date, hits=count)
    if gap:
        seen = timezone.now() - datetime.timedelta(days=seen_days_ago)
        SearchGap.objects.create(query=query, zero_result_hits=gap, last_seen=seen)
        SearchGap.objects.filter(query=query).update(first_seen=seen)
    return query


def redact() -> int:
    return redact_logged_queries(
        query_model=Query,
        hits_model=QueryDailyHits,
        gap_model=SearchGap,
        promotion_model=SearchPromotion,
    )


def test_queries_holding_personal_data_are_merged_under_their_redacted_text():
    next_day = DAY + datetime.timedelta(days=1)
    logged("call back 9123 4567", hits={DAY: 2}, gap=2, seen_days_ago=10)
    logged("call back 8765 4321", hits={DAY: 1, next_day: 4}, gap=5, seen_days_ago=1)
    logged("letter of demand", hits={DAY: 7})

    assert redact() == 2

    assert sorted(Query.objects.values_list("query_string", flat=True)) == [
        REDACTED,
        "letter of demand",
    ]
    merged = Query.objects.get(query_string=REDACTED)
    hits = dict(merged.daily_hits.values_list("date", "hits"))
    assert hits == {DAY: 3, next_day: 4}
    gap = SearchGap.objects.get(query=merged)
    assert gap.zero_result_hits == 7
    assert (timezone.now() - gap.first_seen).days == 10
    assert (timezone.now() - gap.last_seen).days == 1
    assert QueryDailyHits.objects.count() == 3


def test_a_query_joining_one_already_redacted_keeps_its_promotions(site_tree):
    from wagtail.models import Page

    target = logged(REDACTED, hits={DAY: 1})
    old = logged("call back 9123 4567", hits={DAY: 1}, gap=1)
    SearchPromotion.objects.create(
        query=old, page=Page.objects.get(slug="awareness"), sort_order=0
    )

    redact()

    assert not Query.objects.filter(pk=old.pk).exists()
    assert SearchPromotion.objects.get().query_id == target.pk
    assert SearchGap.objects.get().query_id == target.pk
    assert dict(target.daily_hits.values_list("date", "hits")) == {DAY: 2}


def test_clean_queries_are_left_alone():
    logged("letter of demand", hits={DAY: 7})
    assert redact() == 0
    assert Query.objects.get().query_string == "letter of demand"

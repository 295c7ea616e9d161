"""Recording searches: every query's daily hits, and the ones that found nothing."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from .models import SearchGap


@transaction.atomic
def search_record(*, query_string: str, result_count: int) -> None:
    """Count a search in Wagtail's ``Query`` log; remember it if it found nothing."""
    normalised = normalise_query_string(query_string)[:MAX_QUERY_STRING_LENGTH]
    if not normalised:
        return
    query = Query.get(normalised)
    query.add_hit()
    if result_count:
        return
    now = timezone.now()
    gap, created = SearchGap.objects.get_or_create(
        query=query, defaults={"zero_result_hits": 1, "last_seen": now}
    )
    if not created:
        SearchGap.objects.filter(pk=gap.pk).update(
            zero_result_hits=F("zero_result_hits") + 1, last_seen=now
        )

"""Recording searches: every query's daily hits, and the ones that found nothing.

Staff search for customers too, so what is kept is the query with the personal
data that ``deskbook.personal_data.detection`` recognises (phone numbers, e-mail
addresses, ID and account numbers, addresses …) replaced by its kind:
"[phone number] callback", never the number. Names cannot be recognised without a
list of them; the log forgets every query not searched for
``WAGTAILSEARCH_HITS_MAX_AGE`` days (``run_timed_jobs`` prunes it daily).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from deskbook.personal_data.detection import find_pii, redact

from .models import SearchGap
from .query_text import visible_text


def loggable_query(typed: str) -> str:
    """The query as typed, as the log keeps it: personal data redacted (looked
    for before the search box's cleaning takes the "@" out of an address),
    normalised."""
    text = visible_text(typed)
    return normalise_query_string(redact(text, find_pii(text)))[
        :MAX_QUERY_STRING_LENGTH
    ]


@transaction.atomic
def search_record(*, query_string: str, result_count: int) -> None:
    """Count a search (``query_string`` as typed) in Wagtail's ``Query`` log;
    remember it if it found nothing."""
    normalised = loggable_query(query_string)
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

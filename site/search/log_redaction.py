"""Redacting queries the search log already holds, merging those that become
the same text. Run once by a data migration; new queries are redacted as they
are logged (``query_log``)."""

from .query_log import loggable_query


def redact_logged_queries(*, query_model, hits_model, gap_model, promotion_model):
    """Give every logged query its redacted text; returns how many changed.

    Takes the models as arguments so the migration can pass its historical ones.
    A query whose redacted text is already logged is merged into that one:
    daily hits added up, search-gap counts added up (first and last seen
    widened), promotions moved; then it is deleted.
    """
    changed = 0
    for query in query_model.objects.order_by("pk").iterator():
        redacted = loggable_query(query.query_string)
        if redacted == query.query_string:
            continue
        changed += 1
        target = query_model.objects.filter(query_string=redacted).first()
        if target is None:
            query.query_string = redacted
            query.save(update_fields=["query_string"])
            continue
        _merge_hits(hits_model, query, target)
        _merge_gap(gap_model, query, target)
        promotion_model.objects.filter(query=query).update(query=target)
        query.delete()
    return changed


def _merge_hits(hits_model, query, target) -> None:
    for day in hits_model.objects.filter(query=query):
        into, _ = hits_model.objects.get_or_create(
            query=target, date=day.date, defaults={"hits": 0}
        )
        into.hits += day.hits
        into.save(update_fields=["hits"])
        day.delete()


def _merge_gap(gap_model, query, target) -> None:
    gap = gap_model.objects.filter(query=query).first()
    if gap is None:
        return
    into = gap_model.objects.filter(query=target).first()
    if into is None:
        gap.query = target
        gap.save(update_fields=["query"])
        return
    into.zero_result_hits += gap.zero_result_hits
    into.first_seen = min(into.first_seen, gap.first_seen)
    into.last_seen = max(into.last_seen, gap.last_seen)
    into.save(update_fields=["zero_result_hits", "first_seen", "last_seen"])
    gap.delete()

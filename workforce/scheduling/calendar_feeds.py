"""Writes of a person's calendar feed: its secret address is created or
renewed (a new token: the old address stops answering) and revoked (the row
goes: the address answers 404). Only the person acts on their own feed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from workforce.people.models import Staff

from .models import CalendarFeed
from .models.feeds import new_token


def _require_own(staff: Staff, by) -> None:
    if not by.is_authenticated or staff.user_id != by.pk:
        raise PermissionDenied("Only the person manages their calendar feed.")


def calendar_feed_renew(*, staff: Staff, by) -> CalendarFeed:
    """Give ``staff`` a calendar feed with a new secret token; an address
    given before stops working."""
    _require_own(staff, by)
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(
            staff=staff
        ).first() or CalendarFeed(staff=staff)
        feed.token = new_token()
        feed.full_clean()
        feed.save()
    return feed


def calendar_feed_revoke(*, staff: Staff, by) -> bool:
    """Stop ``staff``'s calendar feed; True if there was one."""
    _require_own(staff, by)
    deleted, _ = CalendarFeed.objects.filter(staff=staff).delete()
    return bool(deleted)

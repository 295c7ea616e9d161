"""The iCal feed of a person's shifts, outside the admin: calendar apps
cannot sign in, so the secret token in the address is the credential. A
wrong or revoked token, or the feed of someone who has left, answers 404."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from workforce.people.models import Staff

from . import ical
from .hooks import feed_events
from .models import CalendarFeed, Shift

# How far back the feed reaches; everything ahead is in it.
WEEKS_BACK = 8


def feed_host(request) -> str:
    """The host in event UIDs: the public address's, so UIDs do not change
    with the host a calendar app happened to reach."""
    return urlsplit(settings.DESKBOOK_PUBLIC_URL).hostname or request.get_host()


@require_safe
def shift_feed(request, token: str):
    feed = (
        CalendarFeed.objects.select_related("staff")
        .filter(token=token)
        .exclude(staff__status=Staff.Status.LEFT)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar.")
    since = timezone.localdate() - datetime.timedelta(weeks=WEEKS_BACK)
    shifts = (
        Shift.objects.filter(staff=feed.staff, day__gte=since)
        .exclude(status=Shift.Status.DRAFT)
        .select_related("shift_type", "team")
        .order_by("start", "pk")
    )
    body = ical.shift_calendar(
        shifts,
        name=f"Shifts: {feed.staff.full_name}",
        zone=timezone.get_default_timezone(),
        host=feed_host(request),
        others=feed_events(feed.staff, since),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # The address is a secret: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Content-Disposition"] = 'inline; filename="shifts.ics"'
    return response

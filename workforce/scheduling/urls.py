"""Shift planning's addresses outside the admin, mounted under /calendar/."""

from django.urls import re_path

from . import views

urlpatterns = [
    # Tokens are URL-safe base64 (``secrets.token_urlsafe``); anything else
    # is not found before the database is asked.
    re_path(
        r"^shifts/(?P<token>[A-Za-z0-9_-]{16,64})\.ics$",
        views.shift_feed,
        name="scheduling_shift_feed",
    ),
]

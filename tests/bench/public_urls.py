"""The site's own URLs, plus the bare view the public pages are compared with."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """The reference: Django and every middleware, but no template and no query."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("deskbook.urls")),
]

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.models import PageViewRestriction, Site

from .page_cache import cache_public


@never_cache
def health(request):
    """Liveness for the proxy and uptime checks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


ALWAYS_DISALLOWED = ("/admin/", "/accounts/", "/search/", "/documents/")


@cache_public
def robots_txt(request):
    """Crawlers: the public pages and the sitemap; never staff-only sections."""
    site = Site.find_for_request(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    restricted = sorted(
        {
            url
            for restriction in PageViewRestriction.objects.select_related("page")
            if (url := restriction.page.get_url(request))
        }
    )
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in (*ALWAYS_DISALLOWED, *restricted)]
    lines += ["", f"Sitemap: {root_url}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

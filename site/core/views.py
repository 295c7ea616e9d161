from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from wagtail.models import Page, PageViewRestriction, Site

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
    lines = ["User-agent: *"]
    lines += [
        f"Disallow: {path}" for path in (*ALWAYS_DISALLOWED, *_staff_sections(site))
    ]
    lines += ["", f"Sitemap: {root_url}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _staff_sections(site) -> list[str]:
    """Paths of the view-restricted sections right under the site's home page.

    Restricted pages deeper down (a confidential lesson, a withheld article) are
    not named: their slugs come from their titles, and robots.txt is public.
    Crawlers cannot fetch them anyway, and they are not in the sitemap.
    """
    if site is None:
        return []
    home = site.root_page
    sections = Page.objects.filter(
        path__startswith=home.path,
        depth=home.depth + 1,
        pk__in=PageViewRestriction.objects.values("page"),
    ).order_by("path")
    return [section.url_path[len(home.url_path) - 1 :] for section in sections]

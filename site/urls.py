from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from deskbook.core import views as core_views
from deskbook.core.page_cache import cache_public
from deskbook.personal_data import exposure_guard
from deskbook.search import views as search_views
from workforce.attendance.api import api as attendance_api

urlpatterns = [
    # Wagtail's privacy settings, with the personal-data guard (same URL, first).
    path("admin/pages/<int:page_id>/privacy/", exposure_guard.set_privacy),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", core_views.health, name="health"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cache_public(sitemap), name="sitemap"),
    path("search/", search_views.search, name="search"),
    # Clock events from badge readers and dialers, with per-integration tokens.
    path("api/attendance/", attendance_api.urls),
    # Per-person iCal feeds of shifts; the secret token in the address signs in.
    path("calendar/", include("workforce.scheduling.urls")),
    # The public check of a training certificate's number.
    path("certificates/", include("training.courses.urls")),
    path(
        "search/autocomplete/",
        search_views.autocomplete,
        name="search_autocomplete",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree; keep this last.
urlpatterns += [path("", include(wagtail_urls))]

"""A whole-response cache for anonymous visitors of public pages.

The middleware answers an anonymous GET or HEAD from the cache before the
session, authentication and CSRF layers run, so a hit costs no database query.
It stores only what was safe to give to every anonymous visitor: a 200 from a
Wagtail page without view restrictions (or from a view opted in with
:func:`cache_public`), with no cookie set, no CSRF token rendered, and no
``Cache-Control: private``, ``no-cache`` or ``no-store``.

Keys are the scheme, host, path and sorted query string, under a site-wide
generation token. Any change to public pages (publish, unpublish, move, delete,
a save of a live page, a view restriction or a site) or to what they show of
other things (an image, a document, a tag, the organisation's details)
replaces the token, so the next
request renders afresh. The home page lists the latest articles, article
pages list related ones and the section index counts kinds and tags: almost any
page change alters other pages too, so one token for the whole site is the rule
that is always right, and publishing is rare next to reading.

Entries go to the ``pages`` cache when one is configured, else ``default``;
the token to the ``page_generation`` cache when one is configured, else next to
the entries. Without Redis the settings give pages their own local memory (so
they never evict other entries) and put the token in files every worker process
reads (so a publish handled by one worker reaches all of them).
``DESKBOOK_PAGE_CACHE_SECONDS`` is how long an entry lives; 0 turns it off.
"""

import functools
import hashlib
import logging
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from taggit.models import Tag
from wagtail import views as wagtail_views
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .organisation import OrganisationSettings

logger = logging.getLogger(__name__)

PAGES_ALIAS = "pages"
GENERATION_ALIAS = "page_generation"
GENERATION_KEY = "deskbook:page-cache:generation"
KEY_PREFIX = "deskbook:page"
HEADER = "X-Deskbook-Cache"
DEFAULT_SECONDS = 600

UNSHAREABLE_CACHE_CONTROL = {"private", "no-cache", "no-store"}
# A live page saved with only these fields changed is a draft being saved:
# what visitors see has not changed.
DRAFT_BOOKKEEPING_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}

# Image and document fields Wagtail fills in lazily, on first use.
ASSET_BOOKKEEPING_FIELDS = {"file_size", "file_hash"}

OPT_IN_ATTRIBUTE = "deskbook_cache_public"


def cache_public(view):
    """Let the page cache keep this view's anonymous responses (feeds, sitemaps).

    The response rules still apply: only a 200 without cookies or private
    ``Cache-Control`` is stored, and publishing any page invalidates it.
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    setattr(wrapped, OPT_IN_ATTRIBUTE, True)
    return wrapped


def cache_seconds() -> int:
    return getattr(settings, "DESKBOOK_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)


def page_store():
    return caches[PAGES_ALIAS if PAGES_ALIAS in settings.CACHES else "default"]


def generation_store():
    if GENERATION_ALIAS in settings.CACHES:
        return caches[GENERATION_ALIAS]
    return page_store()


def current_generation() -> str | None:
    """The token every key is made under; created on first use or after eviction."""
    store = generation_store()
    token = store.get(GENERATION_KEY)
    if token is None:
        # A fresh random token cannot collide with keys made under an evicted one.
        store.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = store.get(GENERATION_KEY)
    return token


def invalidate_all() -> None:
    """Make every cached page stale: now, and again once the transaction commits.

    The second change covers a request that read the new token before the
    change was committed and so rendered (and stored) the old content.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    try:
        generation_store().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.exception("Could not invalidate the page cache")


def cache_key(request, generation: str) -> str:
    """Scheme, host, path and sorted query string, hashed, under ``generation``."""
    query = urlencode(
        sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    )
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation}:{digest}"


def may_share(request) -> bool:
    """Whether the request is anonymous, decided from cookies and headers alone."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    # Messages waiting for this visitor are shown (and used up) by a rendered page.
    if CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def response_is_shareable(request, response) -> bool:
    """Whether every anonymous visitor may be given this exact response."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    # A rendered CSRF token belongs to one visitor (Django flags it in META).
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    if directives & UNSHAREABLE_CACHE_CONTROL:
        return False
    varies = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    varies.discard("")
    # Cookie is part of the decision to share at all; anything else is not in the key.
    return varies <= {"cookie"}


def served_page_is_public(request, path: str) -> bool:
    if getattr(request, "is_preview", False):
        return False
    route = Page.route_for_request(request, path)  # kept on the request by serve
    if route is None:
        return False
    return not route[0].get_view_restrictions().exists()


def _freeze(response) -> tuple[list[tuple[str, str]], bytes]:
    return list(response.items()), response.content


def _thaw(entry) -> HttpResponse:
    headers, content = entry
    return HttpResponse(content, headers=dict(headers))


class PageCacheMiddleware:
    """Serve and store anonymous responses of public pages (see the module doc).

    Place it after WhiteNoise and before the session middleware: a hit then
    skips sessions, authentication and CSRF, and a miss is stored only after
    those layers have added their cookies and headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._lookup_key(request)
        if key is not None:
            entry = self._get(key)
            if entry is not None:
                response = _thaw(entry)
                response[HEADER] = "hit"
                return response
        response = self.get_response(request)
        if key is None or not hasattr(request, "_page_cache_candidate"):
            return response
        page_path = request._page_cache_candidate
        if (
            request.method == "GET"
            and response_is_shareable(request, response)
            and (page_path is None or served_page_is_public(request, page_path))
        ):
            self._set(key, _freeze(response))
        response[HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The candidate is the Wagtail path served (checked for view restrictions
        # once rendered), or None for a view opted in with cache_public.
        if view_func is wagtail_views.serve:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            request._page_cache_candidate = path
        elif getattr(view_func, OPT_IN_ATTRIBUTE, False):
            request._page_cache_candidate = None
        return None

    def _lookup_key(self, request) -> str | None:
        if cache_seconds() <= 0 or not may_share(request):
            return None
        try:
            generation = current_generation()
        except Exception:
            logger.exception("Page cache unavailable; serving without it")
            return None
        if generation is None:
            return None
        return cache_key(request, generation)

    def _get(self, key):
        try:
            return page_store().get(key)
        except Exception:
            logger.exception("Page cache unavailable; serving without it")
            return None

    def _set(self, key, entry) -> None:
        try:
            page_store().set(key, entry, timeout=cache_seconds())
        except Exception:
            logger.exception("Could not store a page in the page cache")


def _page_changed(sender, **kwargs):
    invalidate_all()


def _page_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS:
        return
    invalidate_all()


def _asset_saved(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= ASSET_BOOKKEEPING_FIELDS:
        return
    invalidate_all()


def connect_signals() -> None:
    """Invalidate the page cache whenever what visitors may see can have changed."""
    page_published.connect(_page_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page-cache-moved")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="page-cache-deleted")
    post_save.connect(_page_saved, dispatch_uid="page-cache-saved")
    # The organisation's name and contact details are on every page.
    for model in (PageViewRestriction, Site, OrganisationSettings):
        name = model.__name__.lower()
        post_save.connect(
            _page_changed, sender=model, dispatch_uid=f"page-cache-{name}-saved"
        )
        post_delete.connect(
            _page_changed, sender=model, dispatch_uid=f"page-cache-{name}-deleted"
        )
    # What pages show of other things: images (hero and body), linked
    # documents, tag names. Renditions are made while rendering and change nothing.
    for model in (get_image_model(), get_document_model(), Tag):
        name = model._meta.label_lower
        post_save.connect(
            _asset_saved, sender=model, dispatch_uid=f"page-cache-{name}-saved"
        )
        post_delete.connect(
            _page_changed, sender=model, dispatch_uid=f"page-cache-{name}-deleted"
        )

"""What a page tells search engines and link previews: canonical URL, meta
description, Open Graph and Twitter card tags, and whether to index it.

Pages may define ``seo_description()`` and ``seo_image()`` (an image and its
alt text) to say more than the generic fields do.
"""

import json
from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from .organisation import organisation_for

DESCRIPTION_CHARS = 160
SHARE_IMAGE_SPEC = "fill-1200x630"
DEFAULT_DESCRIPTION = (
    "Scam alerts, guides and press releases from a debt-collection agency that "
    "will never ask you to pay into a personal account."
)


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str
    site_name: str
    og_type: str = "website"
    image_url: str = ""
    image_width: int = 0
    image_height: int = 0
    image_alt: str = ""
    published_time: str = ""
    modified_time: str = ""
    noindex: bool = False

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image_url else "summary"


def page_meta(request, page=None, title: str = "") -> PageMeta:
    """The head tags' values for ``page`` (a Wagtail page) or any other view."""
    site = Site.find_for_request(request) if request is not None else None
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    site_name = organisation_for(request, site).name
    canonical = root_url + (request.path if request is not None else "/")
    if page is None:
        return PageMeta(
            title=title or site_name,
            description=DEFAULT_DESCRIPTION,
            canonical=canonical,
            site_name=site_name,
        )
    number = request.GET.get("page", "")
    if number.isdigit() and int(number) > 1:
        canonical += f"?page={int(number)}"
    meta = PageMeta(
        title=page.seo_title or page.title,
        description=_description(page),
        canonical=canonical,
        site_name=site_name,
        noindex=bool(page.get_view_restrictions()),
    )
    if hasattr(page, "seo_image"):
        image, alt = page.seo_image()
        if image is not None:
            rendition = image.get_rendition(SHARE_IMAGE_SPEC)
            meta.image_url = root_url + rendition.url
            meta.image_width, meta.image_height = rendition.width, rendition.height
            meta.image_alt = alt
    if getattr(page, "is_article", False):
        meta.og_type = "article"
        meta.published_time = page.date.isoformat()
        if page.last_published_at:
            meta.modified_time = page.last_published_at.isoformat()
    return meta


def _description(page) -> str:
    text = page.search_description
    if not text and hasattr(page, "seo_description"):
        text = page.seo_description()
    if not text:
        # Rich text keeps entities (``&amp;``); the template escapes once more.
        text = getattr(page, "summary", "") or unescape(
            strip_tags(getattr(page, "intro", ""))
        )
    text = " ".join(str(text).split())
    return Truncator(text).chars(DESCRIPTION_CHARS) if text else DEFAULT_DESCRIPTION


def json_ld(data: dict) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308

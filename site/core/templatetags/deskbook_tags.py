from django import template
from wagtail.models import Site

from deskbook.core.seo import json_ld, page_meta
from deskbook.core.visibility import viewable_by

register = template.Library()


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus" that the visitor may view."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = viewable_by(
            site.root_page.get_children().live().in_menu(), request.user
        )
    current = getattr(context.get("page"), "url_path", "")
    return {
        "items": [
            {"page": item, "active": current.startswith(item.url_path)}
            for item in items
        ],
        "request": request,
    }


@register.inclusion_tag("core/includes/meta_tags.html", takes_context=True)
def meta_tags(context, title: str = ""):
    """Canonical URL, description, Open Graph and Twitter card tags; views that
    are not pages name their ``title``."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and not hasattr(page, "get_view_restrictions"):
        page = None  # a search result page or another view's own "page"
    return {"meta": page_meta(request, page, title=title)}


@register.simple_tag
def structured_data(page, request):
    """JSON-LD for a page that describes itself (``page.structured_data()``)."""
    if not hasattr(page, "structured_data"):
        return ""
    return json_ld(page.structured_data(request))

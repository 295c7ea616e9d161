from django import template
from wagtail.models import Site

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

"""Which pages a user may view, as a queryset filter.

Wagtail enforces view restrictions when a page is served; listings, menus and
search results must apply the same rule before they count or show anything.
"""

from django.db.models import Q, QuerySet
from wagtail.models import PageViewRestriction


def denied_paths(user) -> list[str]:
    """Tree paths of restricted pages ``user`` may not view (descendants included)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return []
    authenticated = bool(user and user.is_authenticated)
    group_ids = (
        set(user.groups.values_list("id", flat=True)) if authenticated else set()
    )
    denied = []
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    )
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            allowed = authenticated
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = any(group.id in group_ids for group in restriction.groups.all())
        else:
            # Password-protected pages are never listed: a listing cannot ask
            # for the password first.
            allowed = False
        if not allowed:
            denied.append(restriction.page.path)
    return denied


def viewable_by(queryset: QuerySet, user) -> QuerySet:
    """Narrow a page queryset to pages ``user`` may view."""
    paths = denied_paths(user)
    if not paths:
        return queryset
    hidden = Q()
    for path in paths:
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden)

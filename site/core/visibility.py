"""Which pages a user may view, as a queryset filter.

Wagtail enforces view restrictions when a page is served; listings, menus and
search results must apply the same rule before they count or show anything.

A page asks several times (the search page once per kind and facet), so what a
user may not view is worked out once and kept on the user object, which lives
for one request. Any change to view restrictions, to group membership or to the
tree's paths in this process makes the kept answer stale at once.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

KEPT_ATTRIBUTE = "_deskbook_denied_paths"


class _Changes:
    count = 0


def _changed(**kwargs) -> None:
    _Changes.count += 1


def connect_signals() -> None:
    """Forget kept answers when restrictions, memberships or paths change."""
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            _changed,
            sender=PageViewRestriction,
            dispatch_uid=f"visibility-restriction-{name}",
        )
    for through in (
        PageViewRestriction.groups.through,
        get_user_model().groups.through,
    ):
        m2m_changed.connect(
            _changed, sender=through, dispatch_uid=f"visibility-{through.__name__}"
        )
    post_page_move.connect(_changed, dispatch_uid="visibility-page-moved")


def denied_paths(user) -> tuple[str, ...]:
    """Tree paths of restricted pages ``user`` may not view (descendants included)."""
    if user is None:
        return tuple(_denied_paths(user))
    key = (
        _Changes.count,
        user.pk,
        user.is_active,
        getattr(user, "is_superuser", False),
    )
    kept = getattr(user, KEPT_ATTRIBUTE, None)
    if kept is not None and kept[0] == key:
        return kept[1]
    paths = tuple(_denied_paths(user))
    setattr(user, KEPT_ATTRIBUTE, (key, paths))
    return paths


def _denied_paths(user) -> list[str]:
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

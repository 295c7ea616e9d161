"""The personal-data guard on the ways live text turns public without a publish:
moving a staff-only page under a public parent (one page, or several from a
listing) and taking a view restriction off in the page's privacy settings.

Either is refused while any live page it would open to everyone holds
personal data; the message links each such page to its personal-data check.
"""

import itertools
from collections.abc import Iterator

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.models import Page, PageViewRestriction

from .bulk_guard import SHOWN_PAGES, refusal_message
from .findings import is_public, pages_with_findings

BATCH = 200


def pages_opened(root: Page, *, keeps_own_restriction: bool) -> Iterator[Page]:
    """Live pages of ``root``'s subtree (itself included) that would be public
    with no restriction above ``root``: every page not covered by a restriction
    set inside the subtree (``root``'s own one only if it ``keeps_own_restriction``).
    Specific pages in tree order, read a batch at a time."""
    restrictions = PageViewRestriction.objects.filter(page__path__startswith=root.path)
    if not keeps_own_restriction:
        restrictions = restrictions.exclude(page=root)
    closed = set(restrictions.values_list("page__path", flat=True))
    step = root.steplen
    opened = [
        pk
        for pk, path in Page.objects.descendant_of(root, inclusive=True)
        .live()
        .order_by("path")
        .values_list("pk", "path")
        if not any(
            path[:end] in closed for end in range(len(root.path), len(path) + 1, step)
        )
    ]
    for start in range(0, len(opened), BATCH):
        batch = opened[start : start + BATCH]
        yield from Page.objects.filter(pk__in=batch).order_by("path").specific()


def blocked_among(pages) -> list[tuple[Page, list]]:
    """(page, findings) of the pages holding personal data, stopping once more
    are found than a refusal shows (a big section need not be read to the end)."""
    return pages_with_findings(pages, stop_after=SHOWN_PAGES)


def moves_blocked(pages, destination) -> list[tuple[Page, list]]:
    """(page, findings) of the live pages that moving ``pages`` under
    ``destination`` would make public, where their text holds personal data."""
    if not is_public(destination):
        return []
    opened = itertools.chain.from_iterable(
        pages_opened(page, keeps_own_restriction=True)
        for page in pages
        if not is_public(page)
    )
    return blocked_among(opened)


def refusal(blocked, *, action: str):
    return refusal_message(
        blocked,
        action=action,
        becoming_public=True,
        stopped_early=len(blocked) > SHOWN_PAGES,
    )


def guard_move(request, page, destination):
    """``before_move_page``: refuse, before the confirmation, a move that would
    show personal data to everyone."""
    blocked = moves_blocked([page], destination)
    if not blocked:
        return None
    messages.error(request, refusal(blocked, action="Not moved:"))
    return redirect("wagtailadmin_pages:move", page.pk)


def guard_bulk_move(request, action_type, objects, action):
    """``before_bulk_action``: the same check for a move from a page listing."""
    if action_type != "move" or not objects or not isinstance(objects[0], Page):
        return None
    form = getattr(action, "cleaned_form", None)
    destination = form.cleaned_data.get("chooser") if form is not None else None
    if destination is None:
        return None
    blocked = moves_blocked(objects, destination)
    if not blocked:
        return None
    messages.error(request, refusal(blocked, action="Nothing was moved:"))
    return redirect(action.next_url or request.path)


class GuardedSetPrivacyView(SetPrivacyView):
    """Wagtail's privacy settings, refusing to make a section public while a
    live page in it holds personal data. Served at Wagtail's own URL."""

    def form_valid(self, form):
        public = form.cleaned_data["restriction_type"] == PageViewRestriction.NONE
        if public and self.restriction and not self.restriction_on_ancestor:
            pages = pages_opened(self.page, keeps_own_restriction=False)
            blocked = blocked_among(pages)
            if blocked:
                form.add_error(
                    "restriction_type", refusal(blocked, action="Still private:")
                )
                return self.form_invalid(form)
        return super().form_valid(form)


# Wagtail's admin URLs are wrapped with these; the override needs them too.
set_privacy = never_cache(require_admin_access(GuardedSetPrivacyView.as_view()))

"""The personal-data publish guard on the admin's other ways to publish: bulk
publish from a page listing and copying with "publish copies".

(Scheduled publishing needs no hook of its own: scheduling is the editor's
*Publish* with a future go-live time, which ``before_publish_page`` already
checks, and ``publish_scheduled`` later publishes exactly that revision.)
"""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.models import Page

from .personal_data_guard import is_public, page_findings

SHOWN = 5


def blocked_pages(pages) -> list[tuple[Page, list]]:
    """(page, findings) of the public pages whose content still holds personal data."""
    blocked = []
    for page in pages:
        if not is_public(page):
            continue
        findings = page_findings(page)
        if findings:
            blocked.append((page, findings))
    return blocked


def _latest_content(page) -> Page:
    """What publishing ``page`` would make live: its latest revision's content."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision else page.specific


def _refuse(request, blocked, redirect_to: str):
    listed = "; ".join(
        f"“{page.title}”: " + ", ".join(str(f) for f in findings[:3])
        for page, findings in blocked[:SHOWN]
    )
    more = f" and {len(blocked) - SHOWN} more pages" if len(blocked) > SHOWN else ""
    messages.error(
        request,
        f"Nothing was published: {len(blocked)} public page"
        f"{'s' if len(blocked) != 1 else ''} still contain"
        f"{'' if len(blocked) != 1 else 's'} personal data ({listed}{more}). "
        "Open each page's personal-data check from its editor, then publish it there.",
    )
    return redirect(redirect_to)


def guard_bulk_publish(request, action_type, objects, action):
    """Stop a bulk publish if any page it would publish holds personal data."""
    if action_type != "publish":
        return None
    pages = [_latest_content(page) for page in objects]
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            drafts = page.get_descendants().not_live().specific()
            pages += [_latest_content(draft) for draft in drafts]
    blocked = blocked_pages(pages)
    if not blocked:
        return None
    return _refuse(request, blocked, action.next_url or request.path)


def guard_copy_publish(request, page):
    """Stop a copy that would publish personal data under a public parent."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    parent = Page.objects.filter(pk=request.POST.get("new_parent_page")).first()
    if parent is None or not is_public(parent):
        return None
    pages = [page.specific]
    if request.POST.get("copy_subpages"):
        pages += list(page.get_descendants().live().specific())
    # The copies' restrictions come from their new parent, not the originals.
    blocked = [(item, findings) for item in pages if (findings := page_findings(item))]
    if not blocked:
        return None
    return _refuse(request, blocked, request.get_full_path())

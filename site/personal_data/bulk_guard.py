"""The personal-data publish guard on the admin's other ways to publish: bulk
publish from a page listing, and copying a page with "publish copies" or as an
alias.

Scheduled publishing needs no hook of its own. Scheduling is a publish with a
future go-live time, made through the doors guarded here or in
``publish_guard`` (the editor's *Publish*, bulk publish, workflow
approval), so a refused publish schedules nothing. Wagtail marks the one
revision it schedules ``approved_go_live_at`` and locks the page against edits
until it goes live or is unscheduled; ``publish_scheduled`` publishes exactly
the revisions so marked.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import Page

from .findings import goes_public, is_public, pages_with_findings

SHOWN_PAGES = 10
SHOWN_FINDINGS = 5


def blocked_pages(pages) -> list[tuple[Page, list]]:
    """(page, findings) of the pages going public whose text holds personal data."""
    return pages_with_findings(page for page in pages if goes_public(page))


def _latest_content(page) -> Page:
    """What publishing ``page`` would make live: its latest revision's content."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision else page.specific


def refusal_message(
    blocked, *, action: str, becoming_public: bool = False, stopped_early=False
):
    """Which pages hold which findings, each linked to its personal-data check.

    ``becoming_public``: the pages are staff-only now and the refused change
    would make them public. ``stopped_early``: the check stopped once more pages
    were found than the message shows, so the count is a lower bound."""
    items = format_html_join(
        "",
        '<li><a href="{}">“{}”</a>: {}{}</li>',
        (
            (
                reverse("deskbook_personal_data_review", args=[page.pk]),
                page.title,
                "; ".join(str(finding) for finding in findings[:SHOWN_FINDINGS]),
                f" and {len(findings) - SHOWN_FINDINGS} more"
                if len(findings) > SHOWN_FINDINGS
                else "",
            )
            for page, findings in blocked[:SHOWN_PAGES]
        ),
    )
    more = 0 if stopped_early else len(blocked) - SHOWN_PAGES
    count = f"More than {SHOWN_PAGES}" if stopped_early else len(blocked)
    plural = stopped_early or count != 1
    if becoming_public:
        what = format_html(
            "{} live page{} would become public and still contain{} personal "
            "data. Open each page's personal-data check, apply the redactions "
            "and publish them, then try again.",
            count,
            "s" if plural else "",
            "" if plural else "s",
        )
    else:
        what = format_html(
            "{} public page{} still contain{} personal data. Open each page's "
            "personal-data check, apply the redactions, then publish.",
            count,
            "s" if plural else "",
            "" if plural else "s",
        )
    return format_html(
        "{} {}<ul>{}</ul>{}",
        action,
        what,
        items,
        f"And {more} more pages." if more > 0 else "",
    )


def guard_bulk_publish(request, action_type, objects, action):
    """Stop a bulk publish if any page it would publish holds personal data.

    Checks what Wagtail's bulk publish would publish: the latest revision of each
    selected page and, when "include descendants" is ticked, of each draft
    descendant the user may publish.
    """
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = [_latest_content(page) for page in objects]
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in objects:
            for draft in page.get_descendants().not_live().specific():
                if draft.permissions_for_user(request.user).can_publish():
                    pages.append(_latest_content(draft))
    blocked = blocked_pages(pages)
    if not blocked:
        return None
    messages.error(request, refusal_message(blocked, action="Nothing was published:"))
    return redirect(action.next_url or request.path)


def _copies_are_public(page, parent) -> bool:
    # Wagtail gives the copy (or alias) the page's own view restriction when the
    # new parent has none; the copies below it lose theirs and inherit.
    return is_public(parent) and not page.view_restrictions.exists()


def guard_copy_publish(request, page):
    """Stop a copy or alias that would show personal data under a public parent.

    A copy with "publish copies" is live for every live page copied; an alias is
    live whenever its page is, and follows every later publish of it (which
    ``guard_publish`` checks, as the page then goes public through the alias).
    """
    if request.method != "POST":
        return None
    as_alias = bool(request.POST.get("alias"))
    if not as_alias and not request.POST.get("publish_copies"):
        return None
    parent = Page.objects.filter(pk=request.POST.get("new_parent_page")).first()
    if parent is None or not _copies_are_public(page, parent):
        return None
    if not parent.permissions_for_user(request.user).can_publish_subpage():
        return None  # Wagtail publishes nothing then
    pages = [page.specific] if page.live else []
    if request.POST.get("copy_subpages"):
        pages += list(page.get_descendants().live().specific())
    # A live page's own row holds its live text, which is what the copy gets.
    blocked = pages_with_findings(pages)
    if not blocked:
        return None
    action = "Not copied:" if not as_alias else "No alias was made:"
    messages.error(request, refusal_message(blocked, action=action))
    return redirect(request.get_full_path())

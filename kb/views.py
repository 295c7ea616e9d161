"""The reader's actions on an SOP page: acknowledge a revision, confirm a review."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format

from .diff import line_changes
from .selectors import reader_state
from .services import AcknowledgementOutOfDate, sop_acknowledge, sop_review_confirm


def acknowledge_sop(request, page):
    """GET: what changed since the reader's last acknowledgement; POST: confirm."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        return _record_acknowledgement(request, page)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    state = reader_state(page, request.user)
    if state.current is None:
        messages.info(request, "This SOP has no published revision to acknowledge.")
        return redirect(page.url)
    previous = state.last_acknowledged
    changes = (
        line_changes(previous.body, state.current.body)
        if previous is not None and previous.number < state.current.number
        else None
    )
    return TemplateResponse(
        request,
        "kb/sop_acknowledge.html",
        {
            "page": page,
            "reader": state,
            "current": state.current,
            "previous": previous,
            "changes": changes,
            "title_changed": previous is not None
            and previous.title != state.current.title,
        },
    )


def _record_acknowledgement(request, page):
    try:
        number = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, "Say which revision you have read.")
        return redirect(page.url + "acknowledge/")
    try:
        acknowledgement = sop_acknowledge(
            page=page, user=request.user, version_number=number
        )
    except AcknowledgementOutOfDate as error:
        messages.warning(request, str(error))
        return redirect(page.url + "acknowledge/")
    messages.success(
        request,
        f"Thank you: you have read and understood revision "
        f"{acknowledgement.version.number} of “{page.title}”.",
    )
    return redirect(page.url)


def confirm_review(request, page):
    """The owner confirms the SOP still holds; the next review date moves on."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not page.can_be_reviewed_by(request.user):
        raise PermissionDenied
    review = sop_review_confirm(page=page, user=request.user)
    messages.success(
        request,
        "Review recorded. The next review is due by "
        f"{date_format(review.next_review_by, 'j F Y')}.",
    )
    return redirect(page.url)

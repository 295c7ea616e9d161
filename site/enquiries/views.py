"""The contact page's form: show it, take an enquiry, say thank you."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import ratelimit
from .forms import EnquiryForm
from .services import enquiry_submit

SESSION_REFERENCE = "deskbook_enquiry_reference"
SENT_PARAMETER = "sent"


def serve_enquiry_page(request, page):
    """GET: the form, or the thank-you after ``?sent=1``; POST: an enquiry."""
    if request.method == "POST":
        return _receive(request, page)
    if request.GET.get(SENT_PARAMETER):
        reference = request.session.pop(SESSION_REFERENCE, "")
        return _render(request, page, sent=True, reference=reference)
    return _render(request, page)


def _receive(request, page):
    form = EnquiryForm(request.POST)
    # Whoever sent it, and however fast, a form with mistakes is shown again
    # with its messages: only a valid enquiry is ever thanked for.
    if not form.is_valid():
        return _render(request, page, form=form)
    if form.honeypot_filled():
        # People cannot see the trap or tab to it, browsers are told not to
        # autofill it, and screen readers read "Leave this field empty": only a
        # program fills it. It is shown the usual page, so it learns nothing to
        # work around; nothing is kept or sent.
        return _thank_you(request, page)
    verdict = enquiry_rate_limit_hit(request)
    if not verdict.allowed:
        response = _render(request, page, form=form, rate_limited=verdict, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    # Too fast may well be a person with autofill: the enquiry is kept (held
    # for review, nobody e-mailed), so its thank-you and reference are true.
    enquiry = enquiry_submit(**form.enquiry_fields, held_because=form.held_because())
    request.session[SESSION_REFERENCE] = enquiry.reference
    return _thank_you(request, page)


def enquiry_rate_limit_hit(request) -> ratelimit.Verdict:
    """Count an enquiry from this client; over the limit, it is refused."""
    limit, window = getattr(settings, "DESKBOOK_ENQUIRY_RATE_LIMIT", None) or (0, 0)
    if limit <= 0:  # switched off
        return ratelimit.Verdict(allowed=True, count=0, retry_after=0)
    ip = ratelimit.client_ip(
        request.META, header=getattr(settings, "DESKBOOK_CLIENT_IP_HEADER", None)
    )
    return ratelimit.hit(
        "enquiry", ratelimit.client_bucket(ip), limit=limit, window=window
    )


def _thank_you(request, page):
    return redirect(f"{page.get_url(request)}?{SENT_PARAMETER}=1")


def _render(request, page, *, status=200, **context):
    full_context = page.get_context(request)
    full_context.update(context)
    return TemplateResponse(
        request, page.get_template(request), full_context, status=status
    )

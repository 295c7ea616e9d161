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
    if form.looks_automated():
        # Looks like success, so a script learns nothing; nothing is kept or sent.
        return _thank_you(request, page)
    if not form.is_valid():
        return _render(request, page, form=form)
    verdict = enquiry_rate_limit_hit(request)
    if not verdict.allowed:
        response = _render(request, page, form=form, rate_limited=verdict, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    enquiry = enquiry_submit(**form.enquiry_fields)
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

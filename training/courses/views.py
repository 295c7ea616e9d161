"""The public certificate check: anyone types a certificate number and
learns the course, the holder's name and whether it is valid. Nothing else
about the person or their training is shown; numbers are random, so they
cannot be walked."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .models import Certificate

MAX_NUMBER = 20


@require_GET
def verify_certificate(request):
    number = request.GET.get("number", "").strip().upper()[:MAX_NUMBER]
    found = None
    if number:
        certificate = (
            Certificate.objects.filter(number=number)
            .select_related("course", "staff")
            .first()
        )
        if certificate is not None:
            today = timezone.localdate()
            found = {
                "number": certificate.number,
                "course": certificate.course.title,
                "holder": certificate.staff.full_name,
                "issued_on": certificate.issued_on,
                "expires_on": certificate.expires_on,
                "valid": certificate.is_current(today),
            }
    response = render(
        request,
        "courses/verify_certificate.html",
        {"number": number, "found": found, "asked": bool(number)},
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response

"""A leave request's document, handed out from the private storage only to
the person, those who decide the request, and managers."""

from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path

from deskbook.core.refusals import refused_with_403

from ..models import LeaveRequest
from ..selectors import may_see_certificate


@refused_with_403
def certificate_view(request, request_pk):
    leave = get_object_or_404(
        LeaveRequest.objects.select_related("staff"), pk=request_pk
    )
    if not may_see_certificate(viewer=request.user, request=leave):
        raise PermissionDenied(
            "A leave document is open only to the person, the leads who decide "
            "their leave, and managers."
        )
    if not leave.certificate:
        raise Http404("This request has no document.")
    try:
        handle = leave.certificate.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing from the storage.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=PurePosixPath(leave.certificate.name).name,
    )
    # Medical details: never kept by a shared cache or sniffed into a page.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path(
        "leave/certificates/<int:request_pk>/",
        certificate_view,
        name="leave_certificate",
    )
]

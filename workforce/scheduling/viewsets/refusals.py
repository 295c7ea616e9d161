"""A refusal inside the admin is a 403 page in the admin's look (Wagtail's
own turns ``PermissionDenied`` into a redirect to the dashboard, which hides
from the person, and from tests, that they were refused)."""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


def forbidden(request, message: str = "") -> TemplateResponse:
    return TemplateResponse(
        request,
        "scheduling/forbidden.html",
        {
            "page_title": "Not allowed",
            "header_title": "Not allowed",
            "header_icon": "warning",
            "message": message or "You may not open this page.",
        },
        status=403,
    )


class RefusedWith403:
    """For admin views: ``PermissionDenied`` answers 403, not a redirect.
    ``check_allowed`` runs first (objects are fetched in ``setup``)."""

    def check_allowed(self) -> None:
        """Raise ``PermissionDenied`` when the request may not go on."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_allowed()
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return forbidden(request, str(refusal))


def refused_with_403(view):
    """For admin function views: ``PermissionDenied`` answers 403."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return forbidden(request, str(refusal))

    return checked

"""A refusal inside the admin is a 403 page in the admin's look.

Wagtail turns ``PermissionDenied`` into a redirect to the dashboard with a
message, which hides from the person (and from tests) that they were refused
and where. Every back-office page answers with this instead: the status is
403 and the page says so where the person is.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.utils.urlpatterns import decorate_urlpatterns


def forbidden(request, message: str = "") -> TemplateResponse:
    """The 403 page, saying ``message`` (or that the page is not theirs)."""
    return TemplateResponse(
        request,
        "core/forbidden.html",
        {
            "page_title": "Not allowed",
            "header_title": "Not allowed",
            "header_icon": "warning",
            "message": message or "This page is not open to you.",
        },
        status=403,
    )


def refused_with_403(view):
    """For admin function views: ``PermissionDenied`` answers 403."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return forbidden(request, str(refusal)).render()

    return checked


class RefusedWith403:
    """For admin class views: ``PermissionDenied`` answers 403, not a redirect.
    ``check_allowed`` runs first (objects are fetched in ``setup``)."""

    def check_allowed(self) -> None:
        """Raise ``PermissionDenied`` when the request may not go on."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_allowed()
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return forbidden(request, str(refusal))


class RefusesWith403:
    """For a viewset: every one of its views answers a refusal with 403, the
    views a subclass adds in its own ``get_urlpatterns`` too."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("get_urlpatterns")
        if own is not None:

            @functools.wraps(own)
            def get_urlpatterns(self):
                return decorate_urlpatterns(own(self), refused_with_403)

            cls.get_urlpatterns = get_urlpatterns

    def get_urlpatterns(self):
        return decorate_urlpatterns(super().get_urlpatterns(), refused_with_403)

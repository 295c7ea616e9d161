"""Who may open the shift planning pages, and the refusal they get.

Wagtail answers a refused admin request with a redirect to the dashboard; the
planning pages answer it with a plain 403 page in the admin's look, so a lead
who follows a link into another team's plan is told so where they are.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.utils.urlpatterns import decorate_urlpatterns

from workforce.people.models import Team

from ..selectors import PLAN, may_plan


def refuse_with_403(view):
    """Answer ``PermissionDenied`` from ``view`` with the 403 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)
        return response

    return wrapped


def forbidden(request) -> TemplateResponse:
    return TemplateResponse(
        request,
        "scheduling/forbidden.html",
        {"page_title": "Not allowed", "header_icon": "lock"},
        status=403,
    ).render()


class RefusesWith403:
    """For a viewset: every view answers a refusal with the 403 page."""

    def get_urlpatterns(self):
        return decorate_urlpatterns(super().get_urlpatterns(), refuse_with_403)


def require_planning(user) -> None:
    if not user.has_perm(PLAN):
        raise PermissionDenied


def team_to_plan(user, slug: str) -> Team:
    """The team of ``slug``, if ``user`` plans it."""
    team = get_object_or_404(Team, slug=slug)
    if not may_plan(viewer=user, team=team):
        raise PermissionDenied
    return team


class ReadOnlyRows:
    """For an index view of rows written only by services: no add, copy or
    delete links (and no edit link unless the view gives one)."""

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None

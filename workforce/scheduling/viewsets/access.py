"""Who may open the shift planning pages. A refusal is a 403 page in the
admin's look (``deskbook.core.refusals``), so a lead who follows a link into
another team's plan is told so where they are."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from workforce.people.models import Team

from ..selectors import PLAN, may_plan


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

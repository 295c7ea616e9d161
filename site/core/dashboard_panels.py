"""Dashboard panels contributed by the core, and the base the apps' panels share."""

from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .roles import STAFF_ROLES
from .visibility import viewable_by


class DashboardPanel(Component):
    """A panel of the admin dashboard, drawn for the signed-in user."""

    def __init__(self, request):
        self.request = request


class WelcomePanel(DashboardPanel):
    """Who you are here and where to go: your roles and the sections you may read."""

    name = "deskbook_welcome"
    order = 50
    template_name = "core/panels/welcome.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        site = Site.find_for_request(self.request)
        sections = []
        if site is not None:
            sections = viewable_by(site.root_page.get_children().live().in_menu(), user)
        roles = [
            name
            for name in user.groups.values_list("name", flat=True)
            if name in STAFF_ROLES
        ]
        return {"roles": roles, "sections": sections, "user": user}

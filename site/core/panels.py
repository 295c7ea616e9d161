"""Dashboard panels contributed by the core."""

from wagtail.admin.ui.components import Component
from wagtail.models import Site

from .roles import STAFF_ROLES
from .visibility import viewable_by


class WelcomePanel(Component):
    """Who you are here and where to go: your roles and the sections you may read."""

    name = "deskbook_welcome"
    order = 50
    template_name = "core/panels/welcome.html"

    def __init__(self, request):
        self.request = request

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

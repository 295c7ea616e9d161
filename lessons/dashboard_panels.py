"""Dashboard panel: open proposals to change the SOPs you own."""

from deskbook.core.dashboard_panels import DashboardPanel

from .selectors import proposals_visible_to

SHOWN = 10


class OpenProposalsPanel(DashboardPanel):
    name = "lessons_open_proposals"
    order = 75
    template_name = "lessons/panels/open_proposals.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        proposals = proposals_visible_to(user).open().for_owner(user)
        return {"proposals": list(proposals.order_by("proposed_at")[:SHOWN])}

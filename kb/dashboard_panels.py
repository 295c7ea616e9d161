"""Dashboard panels: your outstanding acknowledgements, and the SOPs you own that
fall due for review."""

from deskbook.core.dashboard_panels import DashboardPanel

from .selectors import outstanding_acknowledgements_for, sops_due_for_review_owned_by

SHOWN = 10


class OutstandingAcknowledgementsPanel(DashboardPanel):
    name = "kb_outstanding_acknowledgements"
    order = 60
    template_name = "kb/panels/outstanding_acknowledgements.html"

    def get_context_data(self, parent_context=None):
        outstanding = outstanding_acknowledgements_for(self.request.user)
        return {"requests": outstanding[:SHOWN], "total": outstanding.count()}


class OwnedReviewsDuePanel(DashboardPanel):
    name = "kb_owned_reviews_due"
    order = 70
    template_name = "kb/panels/owned_reviews_due.html"

    def get_context_data(self, parent_context=None):
        return {"sops": list(sops_due_for_review_owned_by(self.request.user)[:SHOWN])}

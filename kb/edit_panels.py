"""Read-only panels on the SOP's edit page in the admin."""

from wagtail import hooks
from wagtail.admin.panels import Panel

from .hooks import OPEN_PROPOSALS_HOOK, OpenProposal


class OpenProposalsPanel(Panel):
    """Open proposals to change this SOP, each with a link to resolve it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "kb/panels/sop_open_proposals.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk and self.proposals)

        @property
        def proposals(self) -> list[OpenProposal]:
            if not hasattr(self, "_proposals"):
                self._proposals = [
                    proposal
                    for open_proposals in hooks.get_hooks(OPEN_PROPOSALS_HOOK)
                    for proposal in open_proposals(self.instance, self.request.user)
                ]
            return self._proposals

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["proposals"] = self.proposals
            return context

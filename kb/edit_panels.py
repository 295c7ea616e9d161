"""Read-only panels on the SOP's edit page in the admin."""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.panels import Panel

# ``fn(sop, user) -> iterable of OpenProposal``: open proposals to change the
# SOP that ``user`` may read, from apps that build on the knowledge base.
OPEN_PROPOSALS_HOOK = "kb_sop_open_proposals"


@dataclass(frozen=True)
class OpenProposal:
    source_title: str
    source_url: str
    change: str
    reason: str
    age_days: int
    # Empty for someone who may read the proposal but not resolve it.
    resolve_url: str = ""


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

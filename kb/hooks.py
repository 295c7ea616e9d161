"""Hooks the knowledge base declares for the apps that build on it.

``CITED_BY_HOOK`` (``"kb_sop_cited_by"``)
    ``fn(sop, user) -> iterable of pages`` that cite the SOP and ``user`` may
    view: how apps that build on the knowledge base (lessons) show up on an SOP
    page.
``OPEN_PROPOSALS_HOOK`` (``"kb_sop_open_proposals"``)
    ``fn(sop, user) -> iterable of OpenProposal``: open proposals to change the
    SOP that ``user`` may read, shown on the SOP's edit page.
"""

from dataclasses import dataclass

CITED_BY_HOOK = "kb_sop_cited_by"
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

"""What a fresh site needs from the knowledge base: its staff-only section."""

from deskbook.core.pagetree import ensure_section, grant_page_permissions
from deskbook.core.roles import EDITOR

from .models import KnowledgeBaseIndexPage


def bootstrap_knowledge_base():
    knowledge_base = ensure_section(
        KnowledgeBaseIndexPage,
        slug="knowledge-base",
        title="Knowledge base",
        intro=(
            "<p>Our standard operating procedures: how we call, verify, "
            "negotiate, document and escalate, by department and stage.</p>"
        ),
        staff_only=True,
    )
    # Editors write and revise SOPs and submit them; Managers approve and publish.
    grant_page_permissions(knowledge_base, EDITOR, ["add", "change"])

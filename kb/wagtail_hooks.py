from wagtail import hooks

from deskbook.core.hooks import BOOTSTRAP, SEARCH_KINDS
from deskbook.core.pagetree import ensure_section

from .models import KnowledgeBaseIndexPage


@hooks.register(BOOTSTRAP, order=20)
def bootstrap_knowledge_base():
    ensure_section(
        KnowledgeBaseIndexPage,
        slug="knowledge-base",
        title="Knowledge base",
        intro=(
            "<p>Our standard operating procedures: how we call, verify, "
            "negotiate, document and escalate, by department and stage.</p>"
        ),
        staff_only=True,
    )


@hooks.register(SEARCH_KINDS)
def knowledge_base_search_kinds():
    return [("sop", "SOPs", ["kb.KnowledgeBaseIndexPage"])]

from deskbook.core.models import SectionIndexPage


class KnowledgeBaseIndexPage(SectionIndexPage):
    """The staff-only knowledge base: standard operating procedures by category."""

    template = "core/section_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

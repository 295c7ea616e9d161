from deskbook.core.models import SectionIndexPage


class ArticleIndexPage(SectionIndexPage):
    """The public "Awareness" section: scam alerts, guides and press releases."""

    template = "core/section_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

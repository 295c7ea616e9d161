from deskbook.core.models import SectionIndexPage


class LessonIndexPage(SectionIndexPage):
    """The staff-only section of case lessons-learned."""

    template = "core/section_index_page.html"
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

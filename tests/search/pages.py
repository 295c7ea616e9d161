"""Pages with searchable text under the public and staff-only sections."""

from django.utils.text import slugify
from wagtail.models import Page

from deskbook.articles.models import ArticleIndexPage
from kb.models import KnowledgeBaseIndexPage


def add_page(section_slug: str, title: str, text: str, slug: str | None = None):
    """A live page under a section (page type rules are the admin's concern)."""
    section = Page.objects.get(slug=section_slug)
    page_class = {
        "awareness": ArticleIndexPage,
        "knowledge-base": KnowledgeBaseIndexPage,
        "lessons": KnowledgeBaseIndexPage,
    }[section_slug]
    page = page_class(
        title=title,
        slug=slug or slugify(title),
        intro=f"<p>{text}</p>",
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page

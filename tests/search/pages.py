"""Pages with searchable text under the public and staff-only sections."""

from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from deskbook.articles.models import ArticleIndexPage
from kb.models import SOPPage
from lessons.models import LessonIndexPage


def fresh_index():
    """The default backend, its index matching the database (the database
    backend keeps its index in the rolled-back database already)."""
    backend = get_search_backend()
    if hasattr(backend, "rebuild"):
        backend.rebuild()
    return backend


def add_page(
    section_slug: str, title: str, text: str, slug: str | None = None, **fields
):
    """A live page under a section (page type rules are the admin's concern)."""
    section = Page.objects.get(slug=section_slug)
    if section_slug == "knowledge-base":
        fields = {"summary": text, "body": text, "department": "operations", **fields}
    else:
        page_class = {"awareness": ArticleIndexPage, "lessons": LessonIndexPage}
        fields = {"intro": f"<p>{text}</p>", **fields}
    page_class = (
        SOPPage if section_slug == "knowledge-base" else page_class[section_slug]
    )
    page = page_class(title=title, slug=slug or slugify(title), **fields)
    section.add_child(instance=page)
    page.save_revision().publish()
    return page

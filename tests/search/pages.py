"""Pages with searchable text under the public and staff-only sections."""

import datetime

from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from deskbook.articles.models import ArticlePage
from kb.models import SOPPage
from lessons.models import LessonPage


def fresh_index():
    """The default backend, its index matching the database (the database
    backend keeps its index in the rolled-back database already)."""
    backend = get_search_backend()
    if hasattr(backend, "rebuild"):
        backend.rebuild()
    return backend


def _page_of(section_slug: str, text: str):
    """The section's page type and the required fields, ``text`` as their text."""
    if section_slug == "awareness":
        return ArticlePage, {"summary": text, "body": [("paragraph", text)]}
    if section_slug == "knowledge-base":
        return SOPPage, {"summary": text, "body": text, "department": "operations"}
    return LessonPage, {
        "summary": text,
        "driving_event": text,
        "case_reference": "MRS-2025-00001",
        "event_date": datetime.date(2025, 8, 14),
        "segment": "disputed",
        "outcome": "ongoing",
        "amount_band": "1k-5k",
    }


def add_page(
    section_slug: str, title: str, text: str, slug: str | None = None, **fields
):
    """A live page under a section (page type rules are the admin's concern)."""
    section = Page.objects.get(slug=section_slug)
    page_class, required = _page_of(section_slug, text)
    page = page_class(title=title, slug=slug or slugify(title), **required, **fields)
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def search(client, **params):
    """The search page's answer to ``params`` (always a 200)."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def hit_titles(response) -> list[str]:
    """The titles of the search page's hits, in order."""
    return [hit["page"].title for hit in response.context["hits"]]

"""Reads for the site search: what a user may find, and what a hit says."""

import functools

from django.utils.html import strip_tags
from modelsearch.index import SearchField
from wagtail.models import Page

from deskbook.core.visibility import viewable_by

from .models import SynonymGroup
from .thesaurus import Thesaurus


def searchable_pages(user, model=Page):
    """Live pages ``user`` may view: the only pages the search ever looks at
    (of one page model, for the facets that model carries)."""
    pages = viewable_by(model.objects.live(), user)
    return pages.specific() if model is Page else pages


def searchable_text(page) -> str:
    """The plain text a page is found by, beyond its title (for snippets)."""
    parts = [page.search_description]
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            value = field.get_value(page)
            parts.extend(value if isinstance(value, list) else [value])
    return strip_tags(" ".join(str(part) for part in parts if part))


def thesaurus() -> Thesaurus:
    """The editors' synonym groups, read afresh for each search (a small table)."""
    return _thesaurus_of(tuple(SynonymGroup.objects.values_list("terms", "one_way")))


@functools.lru_cache(maxsize=4)
def _thesaurus_of(groups: tuple[tuple[str, bool], ...]) -> Thesaurus:
    # Parsed once for as long as the groups read the same.
    return Thesaurus(groups)

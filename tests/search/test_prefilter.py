"""Plain equality filters narrow the search inside Whoosh; the database still
decides, so the prefilter may only ever leave documents in."""

import pytest
from django.db.models import Q
from wagtail.models import Page

from deskbook.search.whoosh.compiler import WhooshSearchQueryCompiler
from tests.search.pages import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def toll_pages(backend):
    add_page("awareness", "Toll scam alert", "toll payment message")
    add_page("knowledge-base", "Toll dispute SOP", "toll payment dispute")


def prefilter_of(backend, queryset):
    return backend.search("toll", queryset).query_compiler.prefilter()


def test_live_and_content_type_filters_become_index_terms(backend):
    queryset = Page.objects.live().filter(content_type_id__in=[3, 5])
    terms = {(t.fieldname, t.text) for t in prefilter_of(backend, queryset).leaves()}
    assert terms == {
        ("f__live", "true"),
        ("f__content_type_id", "3"),
        ("f__content_type_id", "5"),
    }


@pytest.mark.parametrize(
    "queryset",
    [
        lambda: Page.objects.exclude(live=True),
        lambda: Page.objects.filter(Q(live=True) | Q(depth=2)),
        lambda: Page.objects.filter(path__startswith="0001"),
        lambda: Page.objects.filter(id__in=Page.objects.values("id")),
    ],
)
def test_other_filters_are_left_to_the_database(backend, queryset):
    assert prefilter_of(backend, queryset()) is None


def test_results_are_the_same_with_and_without_the_prefilter(backend, monkeypatch):
    sop = Page.objects.get(slug="toll-dispute-sop")
    queryset = Page.objects.live().filter(content_type_id=sop.content_type_id)
    with_prefilter = [p.title for p in backend.search("toll", queryset)]
    monkeypatch.setattr(WhooshSearchQueryCompiler, "prefilter", lambda self: None)
    without = [p.title for p in backend.search("toll", queryset)]
    assert with_prefilter == without == ["Toll dispute SOP"]

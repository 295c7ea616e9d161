"""Field facets declared by apps, counted within what the visitor may view."""

import pytest
from wagtail import hooks

from deskbook.core.hooks import SEARCH_FACETS
from deskbook.core.roles import COLLECTOR
from deskbook.search import facet_counts
from deskbook.search.models import SearchGap
from tests.lessons.factories import make_lesson
from tests.search.facet_html import facet_links
from tests.search.pages import add_page, fresh_index, search

pytestmark = pytest.mark.django_db

# Until pages carry a department or a collection stage, any filter field shows
# how a facet behaves: "show in menus" is one every page has.
IN_MENUS = {True: "In menus", False: "Not in menus"}


def menu_facets():
    return [
        ("menu", "Menus", "articles.ArticlePage", "show_in_menus", IN_MENUS),
        ("menu", "Menus", "kb.SOPPage", "show_in_menus", IN_MENUS),
    ]


@pytest.fixture
def facets():
    with hooks.register_temporarily(SEARCH_FACETS, menu_facets):
        yield


@pytest.fixture
def pages(site_tree):
    fresh_index()
    add_page("awareness", "Parcel fee scam", "A parcel fee text.", show_in_menus=True)
    add_page("awareness", "Parcel tracking scam", "A fake parcel link.")
    add_page("knowledge-base", "Parcel returns SOP", "Returned parcel letters.")
    add_page(
        "knowledge-base", "Parcel tracing SOP", "Tracing a parcel.", show_in_menus=True
    )


def counts(response, key: str) -> dict[str, int]:
    groups = [group for group in response.context["facets"] if group.key == key]
    return {option.label: option.count for group in groups for option in group.options}


def test_facet_counts_only_pages_the_visitor_may_view(client, client_as, pages, facets):
    assert counts(search(client, q="parcel"), "menu") == {
        "In menus": 1,
        "Not in menus": 1,
    }
    assert counts(search(client_as(COLLECTOR), q="parcel"), "menu") == {
        "In menus": 2,
        "Not in menus": 2,
    }


def test_picking_a_value_narrows_results_and_the_other_facets(client_as, pages, facets):
    response = search(client_as(COLLECTOR), q="parcel", menu="True")
    titles = {hit["page"].title for hit in response.context["hits"]}
    assert titles == {"Parcel fee scam", "Parcel tracing SOP"}
    assert counts(response, "kind") == {"Articles": 1, "SOPs": 1}
    # The picked facet keeps its other values reachable.
    assert counts(response, "menu") == {"In menus": 2, "Not in menus": 2}
    html = response.content.decode()
    assert "2 results for “parcel” · Menus: In menus" in html
    assert 'href="?q=parcel&amp;menu=True&amp;kind=article"' in html


def test_facet_and_kind_combine(client_as, pages, facets):
    response = search(client_as(COLLECTOR), q="parcel", menu="False", kind="sop")
    titles = [hit["page"].title for hit in response.context["hits"]]
    assert titles == ["Parcel returns SOP"]


def test_anonymous_picking_a_value_never_reaches_staff_pages(client, pages, facets):
    response = search(client, q="parcel", menu="True")
    assert [hit["page"].title for hit in response.context["hits"]] == [
        "Parcel fee scam"
    ]
    assert "Parcel tracing SOP" not in response.content.decode()


def test_facet_without_hits_is_not_shown(client, pages):
    lessons_only = [
        ("menu", "Menus", "lessons.LessonIndexPage", "show_in_menus", IN_MENUS)
    ]
    with hooks.register_temporarily(SEARCH_FACETS, lambda: lessons_only):
        response = search(client, q="parcel")
    assert "menu" not in [group.key for group in response.context["facets"]]


def test_value_the_field_cannot_hold_is_ignored(client, pages, facets):
    response = search(client, q="parcel", menu="banana")
    assert response.context["results"].paginator.count == 2


def test_wrongly_declared_facet_leaves_the_search_working(client, pages):
    not_a_filter = [("intro", "Intro", "articles.ArticleIndexPage", "intro", {})]
    with hooks.register_temporarily(SEARCH_FACETS, lambda: not_a_filter):
        response = search(client, q="parcel")
    assert response.context["results"].paginator.count == 2
    assert "intro" not in [group.key for group in response.context["facets"]]


def test_facet_may_not_take_a_name_the_page_uses(client, pages):
    taken = [("page", "Page", "articles.ArticlePage", "show_in_menus", {})]
    with hooks.register_temporarily(SEARCH_FACETS, lambda: taken):
        response = search(client, q="parcel", page="1")
    assert "page" not in [group.key for group in response.context["facets"]]


def test_narrowed_searches_are_not_recorded_again(client, pages, facets):
    search(client, q="garnishee", menu="True")
    assert not SearchGap.objects.exists()


def test_many_tags_list_the_few_with_most_hits_and_the_rest_under_more(
    client_as, site_tree
):
    common = [f"common-{n}" for n in range(1, 9)]
    make_lesson("Fake bank account scam", tags=[*common, "rare-a", "rare-b"])
    make_lesson("Fake courier fee scam", tags=common)
    fresh_index()
    client = client_as(COLLECTOR)

    shown, more = facet_links(search(client, q="fake").content.decode(), "tag")
    assert shown == common
    assert more == ["rare-a", "rare-b"]

    # A picked tag is listed at once even when it is not among the few.
    html = search(client, q="fake", tag="rare-b").content.decode()
    shown, more = facet_links(html, "tag")
    assert shown == [*common, "rare-b"]
    assert more == ["rare-a"]


@pytest.mark.parametrize("picks", [{}, {"outcome": "settled-in-full"}])
def test_tag_counts_are_what_picking_the_tag_finds(
    client_as, site_tree, monkeypatch, picks
):
    make_lesson(
        "Fake caller fake account",
        summary="A fake caller gave a fake account: fake, fake.",
        tags=["alpha"],
    )
    make_lesson("Courier fee", summary="A courier fee, not a fake one.", tags=["beta"])
    make_lesson("Fake bank letter", summary="A fake letter.", tags=["alpha", "beta"])
    fresh_index()
    # However many pages match: the scan limit is for backends that cannot
    # share their matches.
    monkeypatch.setattr(facet_counts, "RELATED_FACET_SCAN", 1)
    client = client_as(COLLECTOR)
    response = search(client, q="fake", **picks)
    assert response.context["results"].paginator.count == 3
    assert counts(response, "tag") == {"alpha": 2, "beta": 2}
    for tag in ("alpha", "beta"):
        picked = search(client, q="fake", tag=tag, **picks)
        assert picked.context["results"].paginator.count == 2

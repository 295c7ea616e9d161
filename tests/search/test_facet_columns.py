"""Facets counted from the index's columns: the values of the current version
of each page only, over the pages the database says the visitor may view.

Each test first checks that the facets really are counted in memory (the
database path is made to fail), then changes pages through the ordinary
paths (publishing an edit, unpublishing, moving, restricting) without
rebuilding the index.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail import hooks
from wagtail.models import PageViewRestriction

from deskbook.core.hooks import SEARCH_FACETS
from deskbook.core.roles import COLLECTOR
from deskbook.search import facet_counts
from deskbook.search.whoosh import results as whoosh_results
from tests.lessons.factories import make_lesson
from tests.search.pages import fresh_index, search

pytestmark = pytest.mark.django_db


def counts(response, key: str) -> dict[str, int]:
    groups = [group for group in response.context["facets"] if group.key == key]
    return {option.label: option.count for group in groups for option in group.options}


@pytest.fixture(autouse=True)
def in_memory_only(monkeypatch):
    """Counting in the database would fail the search's facets loudly."""

    def refused(*args, **kwargs):
        raise AssertionError("counted in the database")

    monkeypatch.setattr(facet_counts, "_related_counts", refused)
    monkeypatch.setattr(
        whoosh_results.WhooshSearchResults, "_matching_queryset", refused
    )


@pytest.fixture
def lessons(site_tree):
    alpha = make_lesson(
        "Fake caller account", tags=["alpha"], departments=["operations"]
    )
    beta = make_lesson(
        "Fake bank letter", tags=["beta"], departments=["operations", "sales"]
    )
    fresh_index()
    return alpha, beta


def test_an_edit_replaces_the_values_it_had(client_as, lessons):
    alpha, _ = lessons
    client = client_as(COLLECTOR)
    before = search(client, q="fake")
    assert counts(before, "tag") == {"alpha": 1, "beta": 1}
    assert counts(before, "department") == {"Operations": 2, "Sales": 1}
    assert counts(before, "outcome") == {"Settled in full": 2}

    alpha.tags.set(["gamma"])
    alpha.department_links = []
    alpha.outcome = "ongoing"
    alpha.save_revision().publish()

    after = search(client, q="fake")
    # The earlier version of the page stays in its segment, marked deleted:
    # its values (alpha, Operations, Settled in full) must not be counted.
    assert counts(after, "tag") == {"beta": 1, "gamma": 1}
    assert counts(after, "department") == {"Operations": 1, "Sales": 1}
    assert counts(after, "outcome") == {"Ongoing": 1, "Settled in full": 1}
    assert after.context["results"].paginator.count == 2
    picked = search(client, q="fake", tag="gamma")
    assert [hit["page"].pk for hit in picked.context["hits"]] == [alpha.pk]
    assert counts(picked, "department") == {}
    assert counts(picked, "outcome") == {"Ongoing": 1}


def test_an_unpublished_page_is_not_counted(client_as, lessons):
    alpha, _ = lessons
    alpha.unpublish()
    response = search(client_as(COLLECTOR), q="fake")
    assert counts(response, "tag") == {"beta": 1}
    assert counts(response, "kind") == {"Lessons": 1}
    assert response.context["results"].paginator.count == 1


def test_a_restriction_added_since_indexing_hides_the_page_from_counts(
    client_as, user_with_role, lessons
):
    alpha, beta = lessons
    legal = Group.objects.create(name="Legal only")
    restriction = PageViewRestriction.objects.create(
        page=alpha, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(legal)

    collector = search(client_as(COLLECTOR), q="fake")
    assert counts(collector, "tag") == {"beta": 1}
    assert counts(collector, "department") == {"Operations": 1, "Sales": 1}
    assert collector.context["results"].paginator.count == 1

    # Moved under the restricted page, the other lesson is hidden too.
    beta.move(alpha, pos="last-child")
    assert search(client_as(COLLECTOR), q="fake").context["facets"] == []

    # Someone in the group sees both again, with their values.
    member = user_with_role(COLLECTOR)
    member.groups.add(legal)
    client = client_as(COLLECTOR)
    client.force_login(member)
    response = search(client, q="fake")
    assert counts(response, "tag") == {"alpha": 1, "beta": 1}


def test_a_facet_on_values_the_index_does_not_keep_exactly_is_counted_all_the_same(
    client_as, lessons, monkeypatch
):
    monkeypatch.undo()  # dates are counted in the database
    by_date = [("when", "When", "lessons.LessonPage", "event_date", {})]
    with hooks.register_temporarily(SEARCH_FACETS, lambda: by_date):
        response = search(client_as(COLLECTOR), q="fake")
        assert counts(response, "when") == {"2025-08-14": 2}
        picked = search(client_as(COLLECTOR), q="fake", when="2025-08-14")
    assert picked.context["results"].paginator.count == 2
    assert counts(picked, "tag") == {"alpha": 1, "beta": 1}

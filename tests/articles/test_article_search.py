import pytest

from deskbook.articles.models import ArticleKind
from tests.search.pages import fresh_index

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(site_tree):
    make_article("Phishing text asks for payment", tags=("sms", "phishing"))
    make_article(
        "Statement on phishing texts",
        kind=ArticleKind.PRESS_RELEASE,
        tags=("press", "phishing"),
    )
    fresh_index()


def titles(response) -> list[str]:
    return [hit["page"].title for hit in response.context["hits"]]


def facet_counts(response, key: str) -> dict[str, int]:
    groups = {group.key: group for group in response.context["facets"]}
    return {option.label: option.count for option in groups[key].options}


def test_public_search_offers_article_type_and_tag_facets(client, articles):
    response = client.get("/search/", {"q": "phishing"})
    assert facet_counts(response, "article_kind") == {
        "Scam alert": 1,
        "Press release": 1,
    }
    assert facet_counts(response, "tag") == {"phishing": 2, "press": 1, "sms": 1}


def test_article_facets_narrow_the_results(client, articles):
    by_type = client.get("/search/", {"q": "phishing", "article_kind": "press-release"})
    by_tag = client.get("/search/", {"q": "phishing", "tag": "sms"})
    assert titles(by_type) == ["Statement on phishing texts"]
    assert titles(by_tag) == ["Phishing text asks for payment"]

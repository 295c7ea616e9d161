"""Tag choices offered per kind of tagged page."""

import pytest
from taggit.models import Tag

from deskbook.articles.models import ArticlePageTag
from deskbook.core.tags import tag_choices_of, used_tag_choices
from kb.models import SOPPageTag
from tests.articles.factories import make_article

pytestmark = pytest.mark.usefixtures("site_tree")


def test_only_tags_the_model_uses_are_offered_by_name_once_each():
    make_article("Phishing texts", tags=("sms", "Phishing"))
    make_article("Phishing calls", tags=("Phishing",))
    Tag.objects.create(name="unused", slug="unused")

    assert used_tag_choices(ArticlePageTag) == [
        ("phishing", "Phishing"),
        ("sms", "sms"),
    ]
    assert used_tag_choices(SOPPageTag) == []


def test_the_facet_callable_reads_the_tags_when_called():
    choices = tag_choices_of(ArticlePageTag)
    assert choices() == []
    make_article("Courier scams", tags=("courier",))
    assert choices() == [("courier", "courier")]

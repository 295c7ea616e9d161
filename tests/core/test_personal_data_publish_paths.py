"""The personal-data guard on bulk publish, copying with "publish copies" and
scheduling: nothing with a finding reaches the public site by another door."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from deskbook.articles.models import ArticlePage
from deskbook.core.roles import MANAGER
from tests.articles.factories import awareness, make_article
from tests.articles.test_editorial import article_form

pytestmark = pytest.mark.usefixtures("site_tree")
PHONE = "Call our officer on 9123 4567 today."


@pytest.fixture
def manager(client_as):
    return client_as(MANAGER)


def bulk_publish(client, *pages, **data):
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(
        f"/admin/bulk/wagtailcore/page/publish/?{query}&childOf={awareness().pk}"
        "&next=/admin/pages/",
        data,
    )


def errors(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def test_bulk_publish_of_clean_drafts_goes_ahead(manager):
    clean = make_article("Clean alert", publish=False)
    response = bulk_publish(manager, clean)
    assert response.status_code == 302
    assert live(clean)


def test_bulk_publish_stops_when_any_page_holds_personal_data(manager):
    clean = make_article("Clean alert", publish=False)
    dirty = make_article("Dirty alert", body=PHONE, publish=False)
    response = bulk_publish(manager, clean, dirty)
    assert response.status_code == 302
    assert not live(dirty) and not live(clean)
    message = errors(response)
    assert "Nothing was published" in message
    assert "Dirty alert" in message and "9123 4567" in message


def test_bulk_publish_checks_the_latest_draft_not_the_live_text(manager):
    article = make_article("Was clean")
    article.body = [("paragraph", f"<p>{PHONE}</p>")]
    article.save_revision()
    bulk_publish(manager, article)
    article.refresh_from_db()
    assert "9123" not in str(article.body)  # the live text is still the clean one


def test_copy_that_would_publish_personal_data_is_stopped(manager):
    source = make_article("Dirty alert", body=PHONE)  # made before the guard applied
    response = manager.post(
        f"/admin/pages/{source.pk}/copy/",
        {
            "new_title": "Dirty alert copy",
            "new_slug": "dirty-alert-copy",
            "new_parent_page": awareness().pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    assert not ArticlePage.objects.filter(slug="dirty-alert-copy").exists()
    assert "9123 4567" in errors(response)


def test_copy_as_a_draft_is_allowed(manager):
    source = make_article("Dirty alert", body=PHONE)
    manager.post(
        f"/admin/pages/{source.pk}/copy/",
        {
            "new_title": "Dirty alert copy",
            "new_slug": "dirty-alert-copy",
            "new_parent_page": awareness().pk,
        },
    )
    copy = ArticlePage.objects.get(slug="dirty-alert-copy")
    assert not copy.live


def test_scheduling_a_page_with_personal_data_is_refused(manager):
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    response = manager.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            body=streamfield([("paragraph", rich_text(f"<p>{PHONE}</p>"))]),
            **{"action-publish": "Publish"},
        ),
    )
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live
    assert not article.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert "9123 4567" in errors(response)


def test_a_new_page_published_with_personal_data_never_goes_live(manager, client):
    response = manager.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(
            body=streamfield([("paragraph", rich_text(f"<p>{PHONE}</p>"))]),
            **{"action-publish": "Publish"},
        ),
    )
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live and article.live_revision is None
    assert "9123 4567" in errors(response)
    client.logout()
    assert client.get(article.url_path.replace("/home", "", 1)).status_code == 404

"""The personal-data guard on every door to the public site: bulk publish,
copying with "publish copies" or as an alias, scheduling, and approving a
workflow task. Nothing with a finding goes public by another door."""

import datetime
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.utils import timezone
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from deskbook.articles.models import ArticleIndexPage, ArticlePage
from deskbook.core.pagetree import restrict_to_groups, site_home
from deskbook.core.roles import EDITOR, MANAGER
from lessons.models import LessonPage
from tests.articles.factories import awareness, make_article
from tests.articles.test_editorial import article_form
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.usefixtures("site_tree")
PHONE = "Call our officer on 9123 4567 today."
OVERRIDE = "This is our own hotline number."


@pytest.fixture
def manager(client_as):
    return client_as(MANAGER)


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


def check_link(page) -> str:
    return f'href="/admin/personal-data/{page.pk}/"'


def dirty_body():
    return streamfield([("paragraph", rich_text(f"<p>{PHONE}</p>"))])


def public_text(client, page) -> str:
    client.logout()
    response = client.get(Page.objects.get(pk=page.pk).specific.url)
    assert response.status_code == 200
    return response.content.decode()


# Bulk publish from a page listing


def bulk_publish(client, *pages, parent=None, **data):
    query = "&".join(f"id={page.pk}" for page in pages)
    parent = parent or awareness()
    return client.post(
        f"/admin/bulk/wagtailcore/page/publish/?{query}&childOf={parent.pk}"
        "&next=/admin/pages/",
        data,
    )


def test_bulk_publish_of_clean_drafts_goes_ahead(manager):
    clean = make_article("Clean alert", publish=False)
    response = bulk_publish(manager, clean)
    assert response.status_code == 302
    assert live(clean)


def test_bulk_publish_stops_when_any_page_holds_personal_data(manager):
    clean = make_article("Clean alert", publish=False)
    dirty = make_article("Dirty alert", body=PHONE, publish=False)
    response = bulk_publish(manager, clean, dirty)
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert not live(dirty) and not live(clean)
    message = messages_of(response)
    assert "Nothing was published" in message
    assert "“Dirty alert”" in message and "9123 4567" in message
    assert check_link(dirty) in message and "Clean alert" not in message


def test_bulk_publish_checks_the_latest_draft_not_the_live_text(manager):
    article = make_article("Was clean")
    article.body = [("paragraph", f"<p>{PHONE}</p>")]
    article.save_revision()
    response = bulk_publish(manager, article)
    assert "9123 4567" in messages_of(response)
    assert "9123 4567" not in public_text(manager, article)


def test_bulk_publish_with_descendants_checks_the_draft_descendants(manager):
    dirty = make_article("Dirty alert", body=PHONE, publish=False)
    section = awareness()
    response = bulk_publish(
        manager, section, parent=site_home(), include_descendants="on"
    )
    assert not live(dirty)
    assert check_link(dirty) in messages_of(response)
    # Without the descendants only the section itself is published: allowed.
    manager.get("/admin/")  # shows (and so clears) the message above
    response = bulk_publish(manager, section, parent=site_home())
    assert messages_of(response).strip() == "1 page has been published"
    assert not live(dirty)


def test_bulk_publish_guards_every_public_page_not_only_articles(manager):
    home = site_home().specific
    home.hero_text = PHONE
    home.save_revision()
    response = bulk_publish(manager, home, parent=home.get_parent())
    assert check_link(home) in messages_of(response)
    assert "9123 4567" not in public_text(manager, home)


def test_bulk_publish_leaves_staff_only_pages_to_their_own_rules(manager):
    lesson = make_lesson("Call from a stranger")
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.driving_event = PHONE
    lesson.save_revision()
    response = bulk_publish(manager, lesson, parent=lesson.get_parent())
    assert "personal data" not in messages_of(response)
    assert PHONE in LessonPage.objects.get(pk=lesson.pk).driving_event


# Copying, and aliases


def embargoed_section() -> ArticleIndexPage:
    """A second article section that only staff may read."""
    section = ArticleIndexPage(title="Embargoed", slug="embargoed")
    site_home().add_child(instance=section)
    section.save_revision().publish()
    restrict_to_groups(section, [EDITOR, MANAGER])
    return section


def article_in(section, title, body=PHONE) -> ArticlePage:
    """A live article, published without the admin (staff-only text may hold it)."""
    article = ArticlePage(
        title=title,
        kind="scam-alert",
        date=datetime.date(2026, 3, 2),
        summary="For staff.",
        body=[("paragraph", f"<p>{body}</p>")],
        live=False,
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def copy(client, page, *, parent, slug, **options):
    return client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": f"{page.title} copy",
            "new_slug": slug,
            "new_parent_page": parent.pk,
            **options,
        },
    )


def test_copy_that_would_publish_personal_data_is_stopped(manager):
    source = make_article("Dirty alert", body=PHONE)  # live before the guard
    response = copy(
        manager, source, parent=awareness(), slug="copied", publish_copies="on"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{source.pk}/copy/"
    assert not Page.objects.filter(slug="copied").exists()
    message = messages_of(response)
    assert "Not copied" in message and "9123 4567" in message
    assert check_link(source) in message


def test_copy_as_a_draft_is_allowed(manager):
    source = make_article("Dirty alert", body=PHONE)
    copy(manager, source, parent=awareness(), slug="copied")
    copied = ArticlePage.objects.get(slug="copied")
    assert not copied.live


def test_copying_staff_only_text_into_a_public_section_is_stopped(manager):
    source = article_in(embargoed_section(), "Internal briefing")
    response = copy(
        manager, source, parent=awareness(), slug="copied", publish_copies="on"
    )
    assert not Page.objects.filter(slug="copied").exists()
    assert "9123 4567" in messages_of(response)


def test_copying_a_section_with_its_own_restriction_keeps_it_staff_only(manager):
    section = embargoed_section()
    article_in(section, "Internal briefing")
    copy(
        manager,
        section,
        parent=site_home(),
        slug="embargoed-copy",
        copy_subpages="on",
        publish_copies="on",
    )
    copied = Page.objects.get(slug="embargoed-copy")
    assert copied.live and copied.view_restrictions.exists()
    assert copied.get_children().live().count() == 1


def test_an_alias_in_a_public_section_of_staff_only_text_is_stopped(manager):
    source = article_in(embargoed_section(), "Internal briefing")
    response = copy(manager, source, parent=awareness(), slug="alias", alias="on")
    assert not Page.objects.filter(slug="alias").exists()
    assert "No alias was made" in messages_of(response)


def test_publishing_a_staff_only_page_with_a_public_alias_is_guarded(manager):
    source = article_in(embargoed_section(), "Internal briefing", body="Clean.")
    CreatePageAliasAction(source, parent=awareness(), update_slug="alias").execute(
        skip_permission_checks=True
    )
    response = manager.post(
        f"/admin/pages/{source.pk}/edit/",
        article_form(
            title=source.title,
            slug=source.slug,
            body=dirty_body(),
            **{"action-publish": "Publish"},
        ),
    )
    assert "9123 4567" in messages_of(response)
    alias = ArticlePage.objects.get(slug="alias")
    assert "9123" not in str(alias.body)
    assert "9123 4567" not in public_text(manager, alias)


def test_a_staff_only_page_without_public_aliases_publishes_as_before(manager):
    source = article_in(embargoed_section(), "Internal briefing", body="Clean.")
    manager.post(
        f"/admin/pages/{source.pk}/edit/",
        article_form(
            title=source.title,
            slug=source.slug,
            body=dirty_body(),
            **{"action-publish": "Publish"},
        ),
    )
    assert "9123" in str(ArticlePage.objects.get(pk=source.pk).body)


# Scheduling: a publish with a go-live time in the future


def in_a_day() -> datetime.datetime:
    return timezone.localtime() + datetime.timedelta(days=1)


def run_publish_scheduled(at: datetime.datetime) -> None:
    """Wagtail's ``publish_scheduled`` as it runs when ``at`` has come."""
    with mock.patch.object(timezone, "now", return_value=at):
        call_command("publish_scheduled")


def draft_article(client) -> ArticlePage:
    """A new article saved as a draft from the admin's add form."""
    response = client.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/", article_form()
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(slug="fake-refund-calls")


def schedule(client, article, go_live, **changes):
    return client.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "Publish", **changes},
        ),
    )


def scheduled_revisions(article):
    return article.revisions.filter(approved_go_live_at__isnull=False)


def test_scheduling_a_page_with_personal_data_is_refused(manager):
    article = draft_article(manager)
    go_live = in_a_day()
    response = schedule(manager, article, go_live, body=dirty_body())
    assert response["Location"] == f"/admin/personal-data/{article.pk}/"
    assert "9123 4567" in messages_of(response)
    assert not scheduled_revisions(article).exists()
    run_publish_scheduled(go_live + datetime.timedelta(hours=1))
    assert not live(article)


def test_publish_scheduled_publishes_the_checked_revision_not_a_later_draft(manager):
    article = draft_article(manager)
    go_live = in_a_day()
    schedule(manager, article, go_live)
    checked = scheduled_revisions(article).get()
    # Wagtail locks a scheduled page: the editor saves nothing over the schedule.
    manager.post(
        f"/admin/pages/{article.pk}/edit/",
        article_form(go_live_at=go_live.strftime("%Y-%m-%d %H:%M"), body=dirty_body()),
    )
    assert ArticlePage.objects.get(pk=article.pk).latest_revision_id == checked.pk
    # A draft saved some other way is not what was scheduled either.
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.body = [("paragraph", f"<p>{PHONE}</p>")]
    draft.save_revision()
    assert list(scheduled_revisions(article)) == [checked]

    run_publish_scheduled(go_live + datetime.timedelta(minutes=5))
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and article.live_revision_id == checked.pk
    assert "9123 4567" not in public_text(manager, article)


def test_a_manager_may_schedule_with_an_override_reason(manager):
    article = draft_article(manager)
    go_live = in_a_day()
    schedule(manager, article, go_live, body=dirty_body(), pii_override_reason=OVERRIDE)
    assert scheduled_revisions(article).count() == 1
    entry = PageLogEntry.objects.get(
        page=article, action="deskbook.personal_data_override"
    )
    assert entry.data["reason"] == OVERRIDE
    run_publish_scheduled(go_live + datetime.timedelta(minutes=5))
    assert live(article) and "9123 4567" in public_text(manager, article)


def test_a_new_page_scheduled_with_personal_data_is_refused(manager):
    response = manager.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(
            go_live_at=in_a_day().strftime("%Y-%m-%d %H:%M"),
            body=dirty_body(),
            **{"action-publish": "Publish"},
        ),
    )
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live
    assert not scheduled_revisions(article).exists()
    assert "9123 4567" in messages_of(response)


def test_a_new_page_published_with_personal_data_never_goes_live(manager, client):
    response = manager.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(body=dirty_body(), **{"action-publish": "Publish"}),
    )
    article = ArticlePage.objects.get(slug="fake-refund-calls")
    assert not article.live and article.live_revision is None
    assert "9123 4567" in messages_of(response)
    client.logout()
    assert client.get(article.url_path.replace("/home", "", 1)).status_code == 404


def test_the_editor_guards_every_public_page_not_only_articles(manager):
    home = site_home().specific
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "hero_heading": home.hero_heading,
            "hero_text": PHONE,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "Publish",
        }
    )
    response = manager.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response["Location"] == f"/admin/personal-data/{home.pk}/"
    assert "9123 4567" not in public_text(manager, home)


# Approving a workflow task publishes (or schedules) the submitted revision


def submitted_by_an_editor(client, user_with_role, **changes) -> ArticlePage:
    client.force_login(user_with_role(EDITOR))
    response = client.post(
        f"/admin/pages/add/articles/articlepage/{awareness().pk}/",
        article_form(**{"action-submit": "Submit for moderation", **changes}),
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(slug="fake-refund-calls")


@pytest.mark.parametrize("scheduled", [False, True])
def test_approving_a_submission_with_personal_data_is_refused(
    client, user_with_role, scheduled
):
    changes = {"body": dirty_body()}
    if scheduled:
        changes["go_live_at"] = in_a_day().strftime("%Y-%m-%d %H:%M")
    article = submitted_by_an_editor(client, user_with_role, **changes)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    client.force_login(user_with_role(MANAGER))
    response = client.post(
        f"/admin/pages/workflow/action/{article.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": "Fine."},
    )
    assert "9123 4567" in messages_of(response)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not live(article) and not scheduled_revisions(article).exists()

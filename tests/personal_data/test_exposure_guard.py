"""The personal-data guard on the ways live text turns public without a publish:
moving a staff-only page under a public parent, one at a time or from a
listing, and taking a view restriction off."""

import pytest
from django.urls import resolve, reverse
from wagtail.models import Page, PageViewRestriction

from deskbook.articles.models import ArticlePage
from deskbook.core.pagetree import restrict_to_groups
from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER
from deskbook.personal_data import exposure_guard
from deskbook.personal_data.exposure_guard import blocked_among, pages_opened
from tests.articles.factories import awareness
from tests.personal_data.test_publish_paths import (
    article_in,
    check_link,
    embargoed_section,
    messages_of,
    public_text,
)

pytestmark = pytest.mark.usefixtures("site_tree")
PHONE = "Call our officer on 9123 4567 today."


@pytest.fixture
def manager(client_as):
    return client_as(MANAGER)


def parent_of(page) -> Page:
    return Page.objects.get(pk=page.pk).get_parent()


def privacy_url(page) -> str:
    return reverse("wagtailadmin_pages:set_privacy", args=[page.pk])


# Which pages a change would open


def test_pages_opened_leaves_out_drafts_and_pages_under_their_own_restriction():
    section = embargoed_section()
    plain = article_in(section, "Plain briefing")
    kept = article_in(section, "Kept briefing")
    restrict_to_groups(kept, [MANAGER])
    draft = ArticlePage.objects.get(pk=article_in(section, "Withdrawn").pk)
    draft.unpublish()

    opened = list(pages_opened(section, keeps_own_restriction=False))
    assert [page.pk for page in opened] == [section.pk, plain.pk]
    assert isinstance(opened[1], ArticlePage)  # specific, so every field is checked
    assert list(pages_opened(section, keeps_own_restriction=True)) == []


# Moving one page


def move(client, page, destination):
    return client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")


def test_moving_staff_only_text_with_personal_data_into_public_is_refused(manager):
    section = embargoed_section()
    briefing = article_in(section, "Internal briefing")
    for response in (
        manager.get(f"/admin/pages/{briefing.pk}/move/{awareness().pk}/confirm/"),
        move(manager, briefing, awareness()),
    ):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{briefing.pk}/move/"
        message = messages_of(response)
        assert "Not moved" in message and "9123 4567" in message
        assert check_link(briefing) in message
    assert parent_of(briefing).pk == section.pk


def test_moving_clean_staff_only_text_into_public_goes_ahead(manager):
    briefing = article_in(embargoed_section(), "Internal briefing", body="Clean.")
    move(manager, briefing, awareness())
    assert parent_of(briefing).pk == awareness().pk
    assert "Clean." in public_text(manager, briefing)


def test_moving_a_page_that_keeps_its_own_restriction_is_allowed(manager):
    briefing = article_in(embargoed_section(), "Internal briefing")
    restrict_to_groups(briefing, [MANAGER])
    move(manager, briefing, awareness())
    assert parent_of(briefing).pk == awareness().pk
    assert briefing.view_restrictions.exists()


def test_moving_between_staff_only_places_is_allowed(manager):
    section = embargoed_section()
    briefing = article_in(awareness(), "Briefing", body=PHONE)  # live before the guard
    move(manager, briefing, section)
    assert parent_of(briefing).pk == section.pk


def test_a_move_opening_a_dirty_descendant_is_refused(manager):
    section = embargoed_section()
    sub = article_in(section, "Clean parent", body="Clean.")
    child = article_in(sub, "Dirty child")
    response = move(manager, sub, awareness())
    assert parent_of(sub).pk == section.pk
    assert check_link(child) in messages_of(response)


# Moving from a listing


def bulk_move(client, *pages, destination, parent):
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(
        f"/admin/bulk/wagtailcore/page/move/?{query}&childOf={parent.pk}"
        "&next=/admin/pages/",
        {"chooser": destination.pk},
    )


def test_bulk_move_into_public_stops_when_any_page_holds_personal_data(manager):
    section = embargoed_section()
    clean = article_in(section, "Clean briefing", body="Clean.")
    dirty = article_in(section, "Dirty briefing")
    response = bulk_move(manager, clean, dirty, destination=awareness(), parent=section)
    assert response.status_code == 302
    message = messages_of(response)
    assert "Nothing was moved" in message and check_link(dirty) in message
    assert parent_of(clean).pk == section.pk and parent_of(dirty).pk == section.pk


def test_bulk_move_of_clean_pages_goes_ahead(manager):
    section = embargoed_section()
    clean = article_in(section, "Clean briefing", body="Clean.")
    bulk_move(manager, clean, destination=awareness(), parent=section)
    assert parent_of(clean).pk == awareness().pk


# Taking a view restriction off


def test_wagtails_privacy_address_is_served_by_the_guarded_view():
    match = resolve(reverse("wagtailadmin_pages:set_privacy", args=[1]))
    assert match.func is exposure_guard.set_privacy


def set_privacy(client, page, restriction_type, **data):
    return client.post(
        privacy_url(page), {"restriction_type": restriction_type, **data}
    )


def test_making_a_section_public_is_refused_while_a_page_holds_personal_data(
    manager, client
):
    section = embargoed_section()
    briefing = article_in(section, "Internal briefing")
    response = set_privacy(manager, section, "none")
    assert response.status_code == 200
    payload = response.json()
    assert payload["step"] != "set_privacy_done"
    assert "Still private" in payload["html"] and "9123 4567" in payload["html"]
    assert check_link(briefing) in payload["html"]
    assert section.view_restrictions.exists()
    client.logout()
    assert client.get(briefing.url).status_code != 200


def test_a_big_section_is_read_only_until_more_than_a_message_shows(manager):
    section = embargoed_section()
    dirty = [article_in(section, f"Briefing {n:02}") for n in range(12)]
    assert len(blocked_among(pages_opened(section, keeps_own_restriction=False))) == 11

    html = set_privacy(manager, section, "none").json()["html"]
    assert "More than 10 live pages would become public" in html
    assert html.count("/admin/personal-data/") == 10
    assert check_link(dirty[0]) in html and check_link(dirty[11]) not in html
    assert section.view_restrictions.exists()


def test_making_a_clean_section_public_goes_ahead(manager):
    section = embargoed_section()
    briefing = article_in(section, "Internal briefing", body="Clean.")
    response = set_privacy(manager, section, "none")
    assert response.json()["step"] == "set_privacy_done"
    assert not section.view_restrictions.exists()
    assert "Clean." in public_text(manager, briefing)


def test_changing_to_another_restriction_is_not_checked(manager):
    section = embargoed_section()
    article_in(section, "Internal briefing")
    response = set_privacy(manager, section, PageViewRestriction.LOGIN)
    assert response.json()["step"] == "set_privacy_done"
    assert section.view_restrictions.get().restriction_type == "login"


def test_privacy_settings_stay_closed_to_those_wagtail_keeps_out(client, client_as):
    section = embargoed_section()
    anonymous = client.get(privacy_url(section))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    for role in (COLLECTOR, EDITOR):
        response = set_privacy(client_as(role), section, "none")
        assert response.status_code in (302, 403)
        assert section.view_restrictions.exists()

"""The page cache for anonymous visitors, against the real tree, database and cache."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import include, path
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from deskbook.articles.models import ArticleKind, ArticlePage
from deskbook.core.page_cache import GENERATION_KEY, cache_public, current_generation
from deskbook.core.roles import COLLECTOR, EDITOR
from tests.articles.factories import make_article, make_image

HEADER = "X-Deskbook-Cache"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages (the cache outlives a test's database)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def anonymous():
    return Client()


def publish_article(title: str, *, kind: str = ArticleKind.SCAM_ALERT, day: int = 2):
    """A live article under the Awareness section, published from a revision."""
    article = ArticlePage(
        title=title,
        slug=slugify(title),
        kind=kind,
        date=datetime.date(2026, 3, day),
        summary=f"What to know about {title.lower()}.",
        body=[("paragraph", "<p>We never ask you to pay into a personal account.</p>")],
    )
    Page.objects.get(slug="awareness").add_child(instance=article)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def get_twice(client, url):
    return client.get(url), client.get(url)


# The anonymous copy


@pytest.mark.django_db
def test_second_anonymous_request_is_a_hit_without_any_query(
    anonymous, site_tree, django_assert_num_queries
):
    first = anonymous.get("/")
    assert first.status_code == 200
    assert first[HEADER] == "miss"

    with django_assert_num_queries(0):
        second = anonymous.get("/")

    assert second.status_code == 200
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.django_db
def test_article_page_and_index_are_served_from_the_cache(anonymous, site_tree):
    article = publish_article("Fake court summons by text")

    for url in (article.url, "/awareness/"):
        first, second = get_twice(anonymous, url)
        assert first.status_code == 200
        assert (first[HEADER], second[HEADER]) == ("miss", "hit")
        assert "Fake court summons by text" in second.content.decode()


@pytest.mark.django_db
def test_head_is_answered_from_the_copy_a_get_stored(anonymous, site_tree):
    anonymous.get("/awareness/")

    response = anonymous.head("/awareness/")

    assert response.status_code == 200
    assert response[HEADER] == "hit"


@pytest.mark.django_db
def test_head_alone_does_not_store_a_copy(anonymous, site_tree):
    anonymous.head("/awareness/")

    assert anonymous.get("/awareness/")[HEADER] == "miss"


@pytest.mark.django_db
def test_query_strings_are_cached_separately(anonymous, site_tree):
    for day in range(1, 14):  # one more than a page of the listing
        publish_article(f"Scam number {day}", day=day)
    anonymous.get("/awareness/")
    assert anonymous.get("/awareness/")[HEADER] == "hit"

    second_page = anonymous.get("/awareness/?page=2")

    assert second_page[HEADER] == "miss"
    assert "Scam number 1<" in second_page.content.decode()
    assert "Scam number 1<" not in anonymous.get("/awareness/").content.decode()
    assert anonymous.get("/awareness/?page=2")[HEADER] == "hit"


@pytest.mark.django_db
def test_an_article_kind_filter_is_its_own_entry(anonymous, site_tree):
    publish_article("Parcel fee text", kind=ArticleKind.SCAM_ALERT)
    publish_article("Our new office opens", kind=ArticleKind.PRESS_RELEASE)
    anonymous.get("/awareness/")

    filtered = anonymous.get("/awareness/?kind=press-release")

    assert filtered[HEADER] == "miss"
    assert "Parcel fee text" not in filtered.content.decode()
    assert "Our new office opens" in filtered.content.decode()


# Signed-in users and view restrictions


@pytest.mark.django_db
def test_signed_in_user_is_never_served_the_anonymous_copy(
    anonymous, client_as, site_tree
):
    get_twice(anonymous, "/")
    staff = client_as(EDITOR)

    response = staff.get("/")

    assert response.status_code == 200
    assert HEADER not in response
    html = response.content.decode()
    assert "Signed in as" in html
    assert "Back office" in html
    assert "Staff sign in" not in html


@pytest.mark.django_db
def test_signed_in_user_never_stores_a_copy(anonymous, client_as, site_tree):
    staff = client_as(COLLECTOR)
    get_twice(staff, "/")
    get_twice(staff, "/awareness/")

    response = anonymous.get("/")

    assert response[HEADER] == "miss"
    assert "Signed in as" not in response.content.decode()
    assert "Staff sign in" in response.content.decode()


@pytest.mark.django_db
def test_request_with_any_session_cookie_bypasses_the_cache(anonymous, site_tree):
    get_twice(anonymous, "/")
    anonymous.cookies["sessionid"] = "not-a-session-we-know"

    first, second = get_twice(anonymous, "/")

    assert HEADER not in first
    assert HEADER not in second


@pytest.mark.django_db
def test_request_with_pending_messages_bypasses_the_cache(anonymous, site_tree):
    get_twice(anonymous, "/")
    anonymous.cookies["messages"] = "pending"

    assert HEADER not in anonymous.get("/")


@pytest.mark.django_db
@pytest.mark.parametrize("section", ["/knowledge-base/", "/lessons/"])
def test_view_restricted_section_is_never_cached(
    anonymous, client_as, site_tree, section
):
    first, second = get_twice(anonymous, section)
    assert first.status_code == second.status_code == 302
    assert second[HEADER] == "miss"

    staff = client_as(COLLECTOR)
    assert staff.get(section).status_code == 200
    response = anonymous.get(section)

    assert response.status_code == 302
    assert response[HEADER] == "miss"
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_password_form_of_a_restricted_page_is_not_stored(anonymous, site_tree):
    article = publish_article("Embargoed statement")
    PageViewRestriction.objects.create(
        page=article,
        restriction_type=PageViewRestriction.PASSWORD,
        password="embargo-2026",
    )

    first, second = get_twice(anonymous, article.url)

    assert first.status_code == second.status_code == 200
    assert second[HEADER] == "miss"
    assert "We never ask you to pay" not in second.content.decode()


@pytest.mark.django_db
def test_restricting_a_cached_page_hides_it_at_once(anonymous, site_tree):
    article = publish_article("Internal draft of an alert")
    get_twice(anonymous, article.url)

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    response = anonymous.get(article.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# Invalidation


@pytest.mark.django_db
def test_publishing_a_new_title_shows_at_once_on_page_index_and_home(
    anonymous, site_tree
):
    article = publish_article("Bank impersonation calls")
    urls = [article.url, "/awareness/", "/"]
    for url in urls:
        first, second = get_twice(anonymous, url)
        assert second[HEADER] == "hit"
        assert "Bank impersonation calls" in second.content.decode()

    article.title = "Bank impersonation calls and texts"
    article.save_revision().publish()

    for url in urls:
        response = anonymous.get(url)
        assert response[HEADER] == "miss", url
        assert "Bank impersonation calls and texts" in response.content.decode(), url


@pytest.mark.django_db
def test_a_draft_leaves_the_cached_copy_in_place(anonymous, site_tree):
    article = publish_article("Lottery win letters")
    get_twice(anonymous, article.url)

    article.title = "Lottery win letters (draft)"
    article.save_revision()
    response = anonymous.get(article.url)

    assert response[HEADER] == "hit"
    assert "(draft)" not in response.content.decode()


@pytest.mark.django_db
def test_unpublishing_makes_the_page_404_at_once(anonymous, site_tree):
    article = publish_article("Debt relief scheme hoax")
    url = article.url
    get_twice(anonymous, url)
    get_twice(anonymous, "/awareness/")

    article.unpublish()

    assert anonymous.get(url).status_code == 404
    listing = anonymous.get("/awareness/")
    assert listing[HEADER] == "miss"
    assert "Debt relief scheme hoax" not in listing.content.decode()


@pytest.mark.django_db
def test_deleting_a_page_removes_it_at_once(anonymous, site_tree):
    article = publish_article("WhatsApp payment links")
    url = article.url
    get_twice(anonymous, url)
    get_twice(anonymous, "/")

    Page.objects.get(pk=article.pk).delete()

    assert anonymous.get(url).status_code == 404
    assert "WhatsApp payment links" not in anonymous.get("/").content.decode()


@pytest.mark.django_db
def test_moving_a_page_invalidates_its_old_and_new_places(anonymous, site_tree):
    article = publish_article("Courier scam calls")
    old_url = article.url
    get_twice(anonymous, old_url)
    get_twice(anonymous, "/awareness/")
    # A second Awareness section (bypassing the one-per-site editing rule).
    other = Page.objects.get(slug="awareness").specific.copy(
        recursive=False, update_attrs={"slug": "alerts", "title": "Alerts"}
    )

    article.move(other, pos="last-child")

    old = anonymous.get(old_url)  # Wagtail redirects the old address
    assert (old.status_code, old["Location"]) == (301, "/alerts/courier-scam-calls/")
    assert "Courier scam calls" in anonymous.get("/alerts/").content.decode()
    assert "Courier scam calls" not in anonymous.get("/awareness/").content.decode()


@pytest.mark.django_db
def test_renaming_a_tag_shows_at_once(anonymous, site_tree):
    article = make_article("Parcel delivery texts", tags=("parcel scams",))
    get_twice(anonymous, article.url)

    Tag.objects.filter(name="parcel scams").update(name="unused")  # no signal
    assert anonymous.get(article.url)[HEADER] == "hit"
    tag = Tag.objects.get(name="unused")
    tag.name = "Delivery scams"
    tag.save()

    response = anonymous.get(article.url)
    assert response[HEADER] == "miss"
    assert "Delivery scams" in response.content.decode()


@pytest.mark.django_db
def test_deleting_an_image_takes_it_off_the_page_at_once(anonymous, site_tree):
    image = make_image("Courier at the door", description="A courier at a door.")
    article = make_article("Fake courier fees", hero_image=image)
    first, second = get_twice(anonymous, article.url)
    assert second[HEADER] == "hit" and "A courier at a door." in second.content.decode()

    image.delete()

    response = anonymous.get(article.url)
    assert response[HEADER] == "miss"
    assert "A courier at a door." not in response.content.decode()


@pytest.mark.django_db
def test_editing_an_image_or_document_invalidates_but_lazy_bookkeeping_does_not(
    site_tree,
):
    image = make_image("Letter with a fake logo")
    document = get_document_model().objects.create(
        title="Scam letter sample", file=ContentFile(b"%PDF-1.4", name="sample.pdf")
    )
    for asset in (image, document):
        before = current_generation()
        asset.file_hash = ""
        asset.save(update_fields=["file_hash"])  # what Wagtail does on first use
        assert current_generation() == before

        asset.title = f"{asset.title} (updated)"
        asset.save()
        assert current_generation() != before


@pytest.mark.django_db
def test_publish_in_one_worker_invalidates_another_workers_copy(site_tree):
    """Each worker keeps pages in its own memory; only the token is shared."""

    def worker(name):
        return override_settings(
            CACHES={
                "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                "pages": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"pages-{name}",
                },
                "page_generation": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "shared-generation",
                },
            }
        )

    article = publish_article("SIM swap warning")
    for name in ("a", "b"):
        with worker(name):
            caches["pages"].clear()
            caches["page_generation"].clear()
    with worker("a"):
        get_twice(Client(), article.url)
        assert Client().get(article.url)[HEADER] == "hit"
        token = caches["page_generation"].get(GENERATION_KEY)

    with worker("b"):
        article.title = "SIM swap warning, updated"
        article.save_revision().publish()
        assert caches["page_generation"].get(GENERATION_KEY) != token

    with worker("a"):
        response = Client().get(article.url)
        assert response[HEADER] == "miss"
        assert "SIM swap warning, updated" in response.content.decode()
        caches["pages"].clear()
        caches["page_generation"].clear()


@pytest.mark.django_db
@override_settings(DESKBOOK_PAGE_CACHE_SECONDS=0)
def test_zero_seconds_turns_the_cache_off(anonymous, site_tree):
    first, second = get_twice(anonymous, "/")

    assert second.status_code == 200
    assert HEADER not in second


# What is stored, for views opted in with cache_public (urls below)


def echo_view(request):
    return HttpResponse(f"query: {sorted(request.GET.items())}")


@never_cache
def never_cache_view(request):
    return HttpResponse("fresh every time")


def private_view(request):
    response = HttpResponse("for one reader")
    patch_cache_control(response, private=True)
    return response


def no_store_view(request):
    response = HttpResponse("not kept")
    patch_cache_control(response, no_store=True)
    return response


def form_view(request):
    return HttpResponse(
        f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    )


def cookie_view(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("seen", "1")
    return response


def language_view(request):
    response = HttpResponse("in your language")
    patch_vary_headers(response, ["Accept-Language"])
    return response


def not_found_view(request):
    return HttpResponse("gone", status=404)


urlpatterns = [
    path("echo/", cache_public(echo_view)),
    path("never-cache/", cache_public(never_cache_view)),
    path("private/", cache_public(private_view)),
    path("no-store/", cache_public(no_store_view)),
    path("form/", cache_public(form_view)),
    path("cookie/", cache_public(cookie_view)),
    path("language/", cache_public(language_view)),
    path("not-found/", cache_public(not_found_view)),
    path("not-opted-in/", echo_view),
    path("", include("deskbook.urls")),
]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_opted_in_view_is_cached(anonymous):
    first, second = get_twice(anonymous, "/echo/?b=2&a=1")

    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert second.content == first.content


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_query_order_does_not_split_entries_but_values_do(anonymous):
    anonymous.get("/echo/?b=2&a=1")

    assert anonymous.get("/echo/?a=1&b=2")[HEADER] == "hit"
    other = anonymous.get("/echo/?a=1&b=3")
    assert other[HEADER] == "miss"
    assert other.content == b"query: [('a', '1'), ('b', '3')]"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url",
    [
        "/never-cache/",
        "/private/",
        "/no-store/",
        "/form/",
        "/cookie/",
        "/language/",
        "/not-found/",
    ],
)
def test_responses_not_meant_for_everyone_are_not_stored(anonymous, url):
    first, second = get_twice(anonymous, url)

    assert second[HEADER] == "miss"
    assert second.content == first.content or url == "/form/"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_views_not_opted_in_are_never_cached(anonymous):
    first, second = get_twice(anonymous, "/not-opted-in/")

    assert HEADER not in second


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/?q=scam", "/accounts/login/", "/admin/"])
def test_search_sign_in_and_admin_are_never_cached(anonymous, site_tree, url):
    get_twice(anonymous, url)

    assert HEADER not in anonymous.get(url)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_post_is_never_answered_from_the_cache(anonymous):
    anonymous.get("/echo/")

    response = anonymous.post("/echo/")

    assert HEADER not in response


def test_clear_page_cache_command_drops_every_cached_copy(client, site_tree):
    from django.core.management import call_command

    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    call_command("clear_page_cache", stdout=io.StringIO())
    assert client.get("/")[HEADER] == "miss"

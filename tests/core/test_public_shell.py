import pytest
from django.template.loader import render_to_string

from deskbook.core.roles import COLLECTOR, EDITOR, MANAGER, STAFF_ROLES

STAFF_SECTIONS = ["/knowledge-base/", "/lessons/"]


@pytest.mark.django_db
def test_anonymous_visitor_gets_the_home_page(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Collect fairly" in html
    assert 'href="/awareness/"' in html
    assert "Staff sign in" in html


@pytest.mark.django_db
def test_anonymous_visitor_never_sees_staff_sections_in_the_menu(client, site_tree):
    html = client.get("/").content.decode()
    for path in STAFF_SECTIONS:
        assert f'href="{path}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_SECTIONS)
def test_anonymous_request_to_staff_section_redirects_to_login(client, site_tree, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert path in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_SECTIONS)
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_staff_role_can_open_staff_sections(client_as, site_tree, role, path):
    response = client_as(role).get(path)
    assert response.status_code == 200


@pytest.mark.django_db
def test_collector_sees_staff_sections_in_the_menu(client_as, site_tree):
    html = client_as(COLLECTOR).get("/").content.decode()
    for path in STAFF_SECTIONS:
        assert f'href="{path}"' in html
    assert "Back office" in html


@pytest.mark.django_db
def test_signed_in_user_without_a_role_is_kept_out(
    client, site_tree, django_user_model
):
    user = django_user_model.objects.create_user("outsider", password="x-long-pass")
    client.force_login(user)
    response = client.get("/knowledge-base/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_public_section_is_open_to_anonymous_visitors(client, site_tree):
    response = client.get("/awareness/")
    assert response.status_code == 200
    assert "No articles have been published yet." in response.content.decode()


@pytest.mark.django_db
def test_staff_login_page_signs_a_collector_in(client, site_tree, user_with_role):
    user_with_role(COLLECTOR, username="nur", password="a-long-password-1")
    response = client.post(
        "/accounts/login/?next=/knowledge-base/",
        {
            "username": "nur",
            "password": "a-long-password-1",
            "next": "/knowledge-base/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/knowledge-base/"


@pytest.mark.django_db
def test_wrong_password_says_so_without_an_error_page(client, site_tree):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_unknown_address_gets_the_themed_404(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITOR, MANAGER, COLLECTOR])
def test_staff_reach_the_admin_dashboard(client_as, site_tree, role):
    response = client_as(role).get("/admin/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_anonymous_admin_request_redirects_to_admin_login(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_health_check_answers(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_dashboard_names_the_role_and_links_the_sections(client_as, site_tree):
    html = client_as(COLLECTOR).get("/admin/").content.decode()
    assert "Your role: <strong>Collector</strong>" in html
    assert 'href="/knowledge-base/"' in html


@pytest.mark.django_db
def test_admin_fetches_nothing_from_the_internet(client_as, site_tree):
    html = client_as(MANAGER).get("/admin/").content.decode()
    assert "gravatar.com" not in html

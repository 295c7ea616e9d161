"""Signing in lands staff on their dashboard, or on the page they were going to;
the public header links signed-in staff to it."""

import pytest

from deskbook.core.roles import COLLECTOR

PASSWORD = "a-long-password-1"


@pytest.fixture
def nur(user_with_role):
    return user_with_role(COLLECTOR, username="nur", password=PASSWORD)


def sign_in(client, next_url=None):
    url = "/accounts/login/"
    data = {"username": "nur", "password": PASSWORD}
    if next_url:
        url += f"?next={next_url}"
        data["next"] = next_url
    return client.post(url, data)


@pytest.mark.django_db
def test_signing_in_without_a_destination_lands_on_the_dashboard(
    client, site_tree, nur
):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_signing_in_on_the_way_to_a_page_lands_on_that_page(client, site_tree, nur):
    response = sign_in(client, "/lessons/")
    assert response.status_code == 302
    assert response["Location"] == "/lessons/"


@pytest.mark.django_db
def test_signed_in_staff_see_a_link_to_their_dashboard(client, site_tree, nur):
    client.force_login(nur)
    html = client.get("/").content.decode()
    assert '<a class="button button--small" href="/admin/">My dashboard</a>' in html


@pytest.mark.django_db
def test_anonymous_visitors_see_no_dashboard_link(client, site_tree):
    html = client.get("/").content.decode()
    assert "My dashboard" not in html
    assert "Staff sign in" in html


@pytest.mark.django_db
def test_a_sign_in_without_a_role_gets_no_dashboard_link(
    client, site_tree, django_user_model
):
    client.force_login(
        django_user_model.objects.create_user("outsider", password=PASSWORD)
    )
    html = client.get("/").content.decode()
    assert "Signed in as" in html
    assert "My dashboard" not in html

"""A leave request's document: handed out from the private storage to the
person, those who decide their leave and managers; nobody else."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

CONTENT = b"%PDF-1.4 medical certificate"


@pytest.fixture
def sick(leave, ask):
    """Aisyah's sick leave, Mon 9 – Fri 13 March 2026, with its certificate."""
    request = ask(
        leave_type=leave["sick"],
        certificate=SimpleUploadedFile("mc.pdf", CONTENT, "application/pdf"),
    )
    return {
        **leave,
        "request": request,
        "url": f"/admin/leave/certificates/{request.pk}/",
    }


def test_the_document_is_kept_outside_the_public_media(sick):
    path = sick["request"].certificate.path

    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize("who", ["aisyah_user", "lead", "manager"])
def test_the_person_their_lead_and_a_manager_download_it(client, sick, who):
    client.force_login(sick[who])

    response = client.get(sick["url"])

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["wei_user", "other_lead", "dewi_user"])
def test_nobody_else_gets_it(client, sick, who):
    client.force_login(sick[who])

    response = client.get(sick["url"])

    assert response.status_code == 403
    assert CONTENT not in response.content


def test_an_anonymous_visitor_is_sent_to_sign_in(client, sick):
    response = client.get(sick["url"])

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_request_without_a_document_has_none_to_give(client, leave, ask):
    request = ask()
    client.force_login(leave["aisyah_user"])

    assert client.get(f"/admin/leave/certificates/{request.pk}/").status_code == 404


def test_the_person_finds_the_link_on_my_leave(client, sick):
    client.force_login(sick["aisyah_user"])

    assert f'href="{sick["url"]}"' in client.get("/admin/my-leave/").content.decode()

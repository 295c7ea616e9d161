import re

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from deskbook.enquiries.models import Enquiry, Topic
from tests.enquiries.conftest import CONTACT_URL, enquiry_data

LABELS = [
    ("id_name", "Your name"),
    ("id_email", "Your e-mail address"),
    ("id_phone", "Phone number"),
    ("id_account_reference", "Account or reference number"),
    ("id_message", "Your message"),
]


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server unreachable")


def post(client, data, *, capture, ip="203.0.113.10", **extra):
    with capture(execute=True):
        return client.post(CONTACT_URL, data, REMOTE_ADDR=ip, **extra)


@pytest.fixture
def send(client, contact_page, django_capture_on_commit_callbacks):
    """Send the form as the public would, running what waits for the commit."""

    def send_form(data=None, **kwargs):
        return post(
            client,
            enquiry_data() if data is None else data,
            capture=django_capture_on_commit_callbacks,
            **kwargs,
        )

    return send_form


@pytest.mark.django_db
def test_anonymous_visitor_gets_the_form_with_every_label(client, contact_page):
    response = client.get(CONTACT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for field_id, label in LABELS:
        assert re.search(rf'<label for="{field_id}">{re.escape(label)}\b', html), label
    assert "<legend>What is your enquiry about?" in html
    for _, label in Topic.choices:
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="form_token"' in html


@pytest.mark.django_db
def test_required_and_optional_fields_are_marked(client, contact_page):
    html = client.get(CONTACT_URL).content.decode()
    assert re.search(r'for="id_name">Your name <span class="field__required">', html)
    assert re.search(
        r'for="id_phone">Phone number <span class="field__optional">', html
    )


@pytest.mark.django_db
def test_honeypot_is_hidden_from_sight_labelled_and_out_of_tab_order(
    client, contact_page
):
    html = client.get(CONTACT_URL).content.decode()
    trap = re.search(r'<div class="visually-hidden">(.*?)</div>', html, re.S).group(1)
    assert "Leave this field empty" in trap
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


@pytest.mark.django_db
def test_form_page_may_not_be_stored_by_a_shared_cache(client, contact_page, send):
    cache_control = client.get(CONTACT_URL)["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "no-cache" in cache_control
    invalid = send(enquiry_data(message=""))
    assert "private" in invalid["Cache-Control"]


@pytest.mark.django_db
def test_contact_page_is_in_the_main_menu(client, contact_page):
    html = client.get("/").content.decode()
    assert 'href="/contact/"' in html


@pytest.mark.django_db
def test_valid_enquiry_is_stored_and_e_mailed_and_redirects(client, send, settings):
    settings.DESKBOOK_ENQUIRIES_EMAIL = ["desk@agency.example"]
    response = send()
    assert response.status_code == 302
    assert response["Location"] == "/contact/?sent=1"

    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Lim Bee Hoon"
    assert enquiry.topic == Topic.IMPERSONATION
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.notified_at is not None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["desk@agency.example"]
    assert message.reply_to == ["beehoon@example.com"]
    assert enquiry.reference in message.subject
    assert "I think someone is pretending to be you" in message.subject
    assert "personal account" in message.body
    assert f"http://localhost/admin/enquiries/inspect/{enquiry.pk}/" in message.body


@pytest.mark.django_db
def test_thank_you_page_shows_the_reference_once(client, send):
    send()
    enquiry = Enquiry.objects.get()
    thanks = client.get("/contact/?sent=1")
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "we have your enquiry" in html
    assert enquiry.reference in html
    assert enquiry.reference not in client.get("/contact/?sent=1").content.decode()


@pytest.mark.django_db
def test_the_e_mail_uses_the_default_address(send):
    send()
    assert mail.outbox[0].to == ["enquiries@deskbook.example"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"email": ""}, "email", "Enter your e-mail address"),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like"),
        ({"topic": ""}, "topic", "Choose what your enquiry is about."),
        ({"topic": "lottery"}, "topic", "Select a valid choice"),
        ({"message": ""}, "message", "Enter your message."),
        ({"message": "Help"}, "message", "Tell us a little more"),
        ({"message": "x" * 5001}, "message", "please keep it to 5000"),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number"),
    ],
)
def test_invalid_enquiry_is_shown_again_with_messages_and_not_stored(
    send, overrides, field, error
):
    response = send(enquiry_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert error in html
    # The summary links to the field; the field points at its error.
    assert re.search(rf'<a href="#id_{field}(_0)?">', html)
    assert f'id="id_{field}_error"' in html
    described_by = re.findall(r'aria-describedby="([^"]*)"', html)
    assert any(f"id_{field}_error" in ids.split() for ids in described_by)
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_invalid_enquiry_keeps_what_was_typed(send):
    html = send(enquiry_data(email="nope")).content.decode()
    assert 'value="Lim Bee Hoon"' in html
    assert "into a personal account." in html
    assert 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_form_without_its_token_is_refused_visibly(send):
    response = send(enquiry_data(form_token=""))
    assert response.status_code == 200
    assert "We could not check this form" in response.content.decode()
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_filled_honeypot_looks_like_success_but_keeps_and_sends_nothing(send):
    response = send(enquiry_data(website="http://cheap-pills.example"))
    assert response.status_code == 302
    assert response["Location"] == "/contact/?sent=1"
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def token_just_shown(client) -> str:
    """The form's token as the page has just shown it."""
    html = client.get(CONTACT_URL).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html)[1]


@pytest.mark.django_db
def test_empty_form_sent_at_once_gets_its_messages_not_a_thank_you(client, send):
    response = send({"form_token": token_just_shown(client), "website": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    for message in [
        "Enter your name.",
        "Enter your e-mail address",
        "Enter your message.",
    ]:
        assert message in html
    assert "we have your enquiry" not in html
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_invalid_form_with_the_honeypot_filled_still_gets_its_messages(send):
    response = send(enquiry_data(email="nope", website="http://pills.example"))
    assert response.status_code == 200
    assert "Enter an e-mail address like" in response.content.decode()


@pytest.mark.django_db
def test_valid_form_sent_at_once_is_kept_held_and_not_e_mailed(client, send):
    response = send(enquiry_data(form_token=token_just_shown(client)))
    assert response.status_code == 302
    assert response["Location"] == "/contact/?sent=1"

    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.HELD
    assert enquiry.name == "Lim Bee Hoon"
    assert "into a personal account." in enquiry.message
    assert re.fullmatch(
        r"Held as suspected spam: sent \d\.\d seconds after the form was shown "
        r"\(people usually take at least 3\)\. The team was not e-mailed about it\.",
        enquiry.staff_notes,
    )
    assert enquiry.notified_at is None
    assert mail.outbox == []

    # The thank-you is true: it names the enquiry that was stored.
    html = client.get("/contact/?sent=1").content.decode()
    assert "we have your enquiry" in html
    assert f"Your reference is <strong>{enquiry.reference}</strong>" in html


@pytest.mark.django_db
def test_held_enquiries_count_towards_the_rate_limit(client, send):
    for _ in range(5):
        send(enquiry_data(form_token=token_just_shown(client)))
    assert send().status_code == 429
    assert Enquiry.objects.held().count() == 5


@pytest.mark.django_db
def test_sixth_enquiry_within_the_hour_is_refused_with_the_text_kept(send):
    for number in range(5):
        assert (
            send(enquiry_data(message=f"Enquiry number {number}.")).status_code == 302
        )
    response = send(enquiry_data(message="My sixth message, still typed."))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "You have sent several enquiries in the last hour" in html
    assert "Please try again in 60 minutes" in html
    assert "+65 6555 0100" in html
    assert "My sixth message, still typed." in html
    assert 'value="Lim Bee Hoon"' in html
    assert Enquiry.objects.count() == 5
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_another_address_is_not_limited_by_someone_elses_enquiries(send):
    for _ in range(6):
        send(ip="203.0.113.10")
    assert send(ip="198.51.100.7").status_code == 302
    assert Enquiry.objects.count() == 6


@pytest.mark.django_db
def test_invalid_attempts_do_not_use_up_the_limit(send):
    for _ in range(6):
        send(enquiry_data(message=""))
    assert send().status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_right_most_forwarded_address_is_counted(send, settings):
    settings.DESKBOOK_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for number in range(5):
        # The client may claim any address on the left; the proxy appends its own.
        send(HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 192.0.2.44", ip="10.1.1.1")
    assert send(HTTP_X_FORWARDED_FOR="192.0.2.44", ip="10.1.1.1").status_code == 429
    assert send(HTTP_X_FORWARDED_FOR="192.0.2.45", ip="10.1.1.1").status_code == 302


@pytest.mark.django_db
@override_settings(
    EMAIL_BACKEND="tests.enquiries.test_enquiry_form.FailingEmailBackend"
)
def test_enquiry_is_kept_when_the_e_mail_cannot_be_sent(send, caplog):
    with caplog.at_level("ERROR", logger="deskbook.enquiries"):
        response = send()
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.notified_at is None
    assert any(enquiry.reference in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_no_ip_address_is_stored(send):
    send(ip="203.0.113.99")
    enquiry = Enquiry.objects.values().get()
    assert "203.0.113.99" not in {str(value) for value in enquiry.values()}


@pytest.mark.django_db
def test_other_methods_are_not_allowed(client, contact_page):
    assert client.put(CONTACT_URL).status_code == 405
